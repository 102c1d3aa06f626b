"""The webhook reverse-proxy snippets forward to BOT_LISTEN:BOT_PORT (defaults) on the path
of the example BOT_WEBHOOK_URL, and check the X-Telegram-Bot-Api-Secret-Token header."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import load_settings
from tests.deploy.helpers import DEPLOY_DIR

HEADER = "X-Telegram-Bot-Api-Secret-Token"


def defaults(tmp_path: Path) -> tuple[str, str]:
    """(default BOT_LISTEN:BOT_PORT, path of the example BOT_WEBHOOK_URL in .env.example)."""
    settings = load_settings({}, tmp_path / "none")
    lines = (DEPLOY_DIR / ".env.example").read_text(encoding="utf-8").splitlines()
    comment = lines[lines.index("# BOT_WEBHOOK_URL=") - 1]
    match = re.search(r"https://[^\s()]+", comment)
    assert match, "the comment above BOT_WEBHOOK_URL should show an example URL"
    return f"{settings.listen}:{settings.port}", urlsplit(match.group(0)).path


def test_caddy_snippet(tmp_path: Path) -> None:
    upstream, path = defaults(tmp_path)
    text = (DEPLOY_DIR / "Caddyfile").read_text(encoding="utf-8")
    assert text.count("{") == text.count("}")
    assert re.search(rf"^\s*reverse_proxy {re.escape(upstream)}\s*$", text, re.MULTILINE)
    assert re.search(rf"^\s*path {re.escape(path)}\s*$", text, re.MULTILINE)
    assert re.search(rf"^\s*header {HEADER} \{{\$BOT_WEBHOOK_SECRET\}}\s*$", text, re.MULTILINE)
    assert re.search(r"^\s*method POST\s*$", text, re.MULTILINE)
    assert "respond 404" in text, "everything that is not the webhook is refused"


def test_nginx_snippet(tmp_path: Path) -> None:
    upstream, path = defaults(tmp_path)
    text = (DEPLOY_DIR / "nginx.conf").read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert code.count("{") == code.count("}")
    assert f"location = {path} {{" in code
    assert f"proxy_pass http://{upstream};" in code
    header_var = "$http_" + HEADER.lower().replace("-", "_")
    assert re.search(rf"if \({re.escape(header_var)} != \"[^\"]+\"\) {{\s*return 403;", code)
    assert f"proxy_set_header {HEADER} {header_var};" in code
    assert "limit_except POST" in code
    for line in code.splitlines():
        stripped = line.strip()
        assert not stripped or stripped.endswith(("{", "}", ";")), f"unterminated: {line}"


def test_readme_shows_the_caddy_snippet_as_shipped() -> None:
    """Every line of the Caddy example in README «Drift» is in deploy/Caddyfile."""
    readme = (DEPLOY_DIR.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:operations -->", 1)[1].split("<!-- /section", 1)[0]
    block = section.split("```caddy\n", 1)[1].split("```", 1)[0]
    shipped = {line.strip() for line in (DEPLOY_DIR / "Caddyfile").read_text("utf-8").splitlines()}
    shown = [line.strip() for line in block.splitlines() if line.strip()]
    assert len(shown) > 10
    assert [line for line in shown if line not in shipped] == []


def test_readme_restore_steps_remove_the_wal_files() -> None:
    readme = (DEPLOY_DIR.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section:operations -->", 1)[1].split("<!-- /section", 1)[0]
    for data_dir in ("data", "/data", "/var/lib/prisbot"):
        assert f"rm -f {data_dir}/prisbot.sqlite3-wal {data_dir}/prisbot.sqlite3-shm" in section
    assert "python -m bot backup" in section and "python -m bot health" in section
