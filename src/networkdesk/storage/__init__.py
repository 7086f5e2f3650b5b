"""The database: location, engine and sessions, SQLite pragmas, migrations, backups, checks."""
