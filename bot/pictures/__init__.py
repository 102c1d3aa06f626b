"""Pictures: the map of winners and nominees, and the timeline of prize years."""

from bot.pictures.mplconfig import ensure_config_dir

ensure_config_dir()  # before any submodule imports matplotlib
