"""How the command line names the input fields that services report errors about: by the flag
that sets each one (see `NetworkdeskError.about_fields`)."""

from __future__ import annotations

CLI_FIELD_NAMES: dict[str, str] = {
    # export ics --from DATE --to DATE
    "first": "--from",
    "last": "--to",
    # import archive into a non-empty database: choose another database
    "database": "--db NEW_FILE",
}
