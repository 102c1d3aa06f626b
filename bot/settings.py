"""Settings from the environment, or from a `.env` file in the working directory.

Every setting the program reads is declared in :data:`SETTINGS`; ``deploy/.env.example``
must list exactly these names (a test compares them).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

SETTINGS: dict[str, str] = {
    "TELEGRAM_BOT_TOKEN": "Bot-token fra @BotFather. Uten token starter terminalchatten.",
    "TELEGRAM_API_BASE_URL": "Egen Bot API-server, f.eks. http://127.0.0.1:8081/bot.",
    "BOT_DATA_DIR": "Mappe for SQLite-databasen og annen tilstand (standard ./data).",
    "BOT_KNOWLEDGE_DIR": "Mappe med faktabasen (standard: knowledge/ i prosjektet).",
    "BOT_ADMIN_IDS": "Kommaseparerte Telegram-bruker-id-er for administratorer.",
    "BOT_WEBHOOK_URL": "Offentlig HTTPS-adresse for webhook; tom = long polling.",
    "BOT_LISTEN": "Adressen webhook-serveren lytter på (standard 127.0.0.1).",
    "BOT_PORT": "Porten webhook-serveren lytter på (standard 8443).",
    "BOT_WEBHOOK_SECRET": "Hemmelig token Telegram sender i X-Telegram-Bot-Api-Secret-Token.",
    "BOT_SEND_RATE": "Største antall meldinger per sekund totalt ved utsending (standard 25).",
    "BOT_ANSWER_LIFETIME": "Sekunder et svar kan vente i køen før det gis opp (standard 120).",
    "BOT_LOG_FORMAT": "plain eller json (standard plain).",
    "BOT_LOG_LEVEL": "DEBUG, INFO, WARNING eller ERROR (standard INFO).",
}

TOKEN_PATTERN = re.compile(r"^\d{5,16}:[A-Za-z0-9_-]{30,64}$")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line for the operator."""


def read_env_file(path: Path) -> dict[str, str]:
    """Parse a simple KEY=VALUE `.env` file (comments and blank lines ignored)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def environment(env: dict[str, str] | None = None, env_file: Path | None = None) -> dict[str, str]:
    """Merge `.env` values under the real environment (the environment wins)."""
    merged = read_env_file(env_file if env_file is not None else Path(".env"))
    merged.update(os.environ if env is None else env)
    return merged


@dataclass(frozen=True)
class Settings:
    """Validated settings. ``token`` is never logged or shown in ``repr``."""

    token: str | None
    api_base_url: str | None
    data_dir: Path
    knowledge_dir: Path
    admin_ids: frozenset[int]
    webhook_url: str | None
    listen: str
    port: int
    webhook_secret: str | None
    send_rate: float
    log_format: str
    log_level: str
    answer_lifetime: float = 120.0
    """Seconds an answer may wait in the outbox before it is dropped (and logged)."""

    def __repr__(self) -> str:
        token = "<satt>" if self.token else "<mangler>"
        return (
            f"Settings(token={token}, data_dir={self.data_dir}, knowledge_dir={self.knowledge_dir})"
        )

    def require_token(self) -> str:
        """Return the token or raise SettingsError with a one-line reason."""
        if not self.token:
            raise SettingsError("TELEGRAM_BOT_TOKEN mangler; sett den i miljøet eller i .env.")
        if not TOKEN_PATTERN.match(self.token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN har feil format; den skal se ut som "
                "123456789:ABC… fra @BotFather."
            )
        return self.token

    @property
    def database_path(self) -> Path:
        """The SQLite file holding subscriptions, the delivery ledger and unanswered questions."""
        return self.data_dir / "prisbot.sqlite3"


def load_settings(env: dict[str, str] | None = None, env_file: Path | None = None) -> Settings:
    """Read and validate every setting; raise SettingsError with a one-line reason."""
    values = environment(env, env_file)

    def get(name: str) -> str | None:
        value = values.get(name, "").strip()
        return value or None

    admin_ids: set[int] = set()
    for part in (get("BOT_ADMIN_IDS") or "").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise SettingsError(f"BOT_ADMIN_IDS må være tall skilt med komma, ikke «{part}».")
        admin_ids.add(int(part))
    try:
        port = int(get("BOT_PORT") or "8443")
        send_rate = float(get("BOT_SEND_RATE") or "25")
        answer_lifetime = float(get("BOT_ANSWER_LIFETIME") or "120")
    except ValueError as exc:
        raise SettingsError(
            f"BOT_PORT, BOT_SEND_RATE eller BOT_ANSWER_LIFETIME er ikke et tall: {exc}"
        ) from exc
    if send_rate <= 0:
        raise SettingsError("BOT_SEND_RATE må være større enn 0.")
    if answer_lifetime <= 0:
        raise SettingsError("BOT_ANSWER_LIFETIME må være større enn 0.")
    log_format = (get("BOT_LOG_FORMAT") or "plain").lower()
    if log_format not in {"plain", "json"}:
        raise SettingsError("BOT_LOG_FORMAT må være plain eller json.")
    log_level = (get("BOT_LOG_LEVEL") or "INFO").upper()
    if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise SettingsError("BOT_LOG_LEVEL må være DEBUG, INFO, WARNING eller ERROR.")
    return Settings(
        token=get("TELEGRAM_BOT_TOKEN"),
        api_base_url=get("TELEGRAM_API_BASE_URL"),
        data_dir=Path(get("BOT_DATA_DIR") or "data"),
        knowledge_dir=Path(get("BOT_KNOWLEDGE_DIR") or DEFAULT_KNOWLEDGE_DIR),
        admin_ids=frozenset(admin_ids),
        webhook_url=get("BOT_WEBHOOK_URL"),
        listen=get("BOT_LISTEN") or "127.0.0.1",
        port=port,
        webhook_secret=get("BOT_WEBHOOK_SECRET"),
        send_rate=send_rate,
        answer_lifetime=answer_lifetime,
        log_format=log_format,
        log_level=log_level,
    )
