"""SQLite storage: one database file in BOT_DATA_DIR, versioned by migrations."""
