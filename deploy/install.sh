#!/bin/sh
# Install or upgrade Prisbot as a systemd service on a Debian/Ubuntu-like server.
# Run from the repository root as root:   sudo sh deploy/install.sh
# Re-running it upgrades the code in place and restarts the service; it never touches
# the settings file once it exists, nor the data in /var/lib/prisbot.
set -eu

PREFIX=/opt/prisbot
CONFIG_DIR=/etc/prisbot
ENV_FILE=$CONFIG_DIR/prisbot.env
UNIT=/etc/systemd/system/prisbot.service
SERVICE_USER=prisbot
PYTHON=${PYTHON:-python3.11}

[ "$(id -u)" -eq 0 ] || { echo "Kjør som root: sudo sh deploy/install.sh" >&2; exit 1; }
[ -f pyproject.toml ] && [ -d bot ] && [ -d knowledge ] \
    || { echo "Kjør fra prosjektets rotmappe (der pyproject.toml ligger)." >&2; exit 1; }
command -v "$PYTHON" >/dev/null 2>&1 \
    || { echo "Fant ikke $PYTHON; installer Python 3.11 eller sett PYTHON=..." >&2; exit 1; }

# 1. A dedicated system user without a login shell or home.
if ! id "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin "$SERVICE_USER"
fi

# 2. Code and fact base (owned by root, read-only for the service), in a fresh virtualenv.
install -d -m 0755 "$PREFIX"
rm -rf "$PREFIX/bot" "$PREFIX/knowledge"
cp -R bot knowledge pyproject.toml README.md "$PREFIX/"
find "$PREFIX/bot" -name __pycache__ -prune -exec rm -rf {} +
[ -x "$PREFIX/.venv/bin/python" ] || "$PYTHON" -m venv "$PREFIX/.venv"
"$PREFIX/.venv/bin/pip" install --quiet --upgrade pip
"$PREFIX/.venv/bin/pip" install --quiet "$PREFIX"

# 3. Settings: created once from the example, readable by the service user only.
install -d -m 0750 -o root -g "$SERVICE_USER" "$CONFIG_DIR"
if [ ! -f "$ENV_FILE" ]; then
    install -m 0640 -o root -g "$SERVICE_USER" deploy/.env.example "$ENV_FILE"
    echo "Skrev $ENV_FILE: sett TELEGRAM_BOT_TOKEN (og BOT_ADMIN_IDS) der."
fi

# 4. The unit; systemd creates /var/lib/prisbot (StateDirectory) owned by the service user.
install -m 0644 deploy/prisbot.service "$UNIT"
systemctl daemon-reload
systemctl enable prisbot.service
if grep -Eq '^TELEGRAM_BOT_TOKEN=.+' "$ENV_FILE"; then
    systemctl restart prisbot.service
    echo "Prisbot kjører: systemctl status prisbot; journalctl -u prisbot -f"
else
    echo "Sett TELEGRAM_BOT_TOKEN i $ENV_FILE og kjør: systemctl start prisbot"
fi
