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
