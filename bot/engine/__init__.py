"""Answer engine: normalise → extract → pick intent → compose."""
