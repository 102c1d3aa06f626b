"""Settings are read from the environment and a .env file, validated, and never leak the token."""

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

TOKEN = "123456789:AAEhBP0av28T0R3eZn5E7oWn1K9N8yGk0Qs"


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"TELEGRAM_BOT_TOKEN='{TOKEN}'\nBOT_ADMIN_IDS=1, 2\nBOT_PORT=9000\n")
    settings = load_settings({"BOT_PORT": "9100"}, env_file)
    assert settings.require_token() == TOKEN
    assert settings.admin_ids == frozenset({1, 2})
    assert settings.port == 9100
    assert TOKEN not in repr(settings)


@pytest.mark.parametrize("token", ["", "abc", "123:short", "12345678:" + "x" * 35 + " "])
def test_bad_token_gives_one_line_reason(tmp_path: Path, token: str) -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": token.strip() or ""}, tmp_path / "none")
    if token.strip().startswith("12345678:") and len(token.strip()) > 40:
        assert settings.require_token()
        return
    with pytest.raises(SettingsError) as err:
        settings.require_token()
    assert "\n" not in str(err.value)


def test_malformed_admin_ids_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="BOT_ADMIN_IDS"):
        load_settings({"BOT_ADMIN_IDS": "12,abc"}, tmp_path / "none")
