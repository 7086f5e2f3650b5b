"""Entry point: `networkdesk [options] [COMMAND ...]`.

A command runs headless and never imports PySide6. No command opens the desktop app; Qt is
imported only on that path (`networkdesk PATH.vcf`, how a desktop's "Open with" calls it, opens
the app with that file's import preview).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

OPENABLE_SUFFIXES = (".vcf", ".vcard", ".csv", ".json")


def _split_open_path(argv: list[str], commands: set[str]) -> tuple[list[str], str | None]:
    """Take a file to open out of argv when the first positional argument is one."""
    skip_next = False
    for index, token in enumerate(argv):
        if skip_next:
            skip_next = False
            continue
        if token in ("--db", "--db-url"):
            skip_next = True
            continue
        if token.startswith("-"):
            continue
        if token in commands:
            return argv, None
        if os.path.exists(token) or token.lower().endswith(OPENABLE_SUFFIXES):
            return argv[:index] + argv[index + 1 :], token
        return argv, None
    return argv, None


def _asks_for_version(argv: list[str]) -> bool:
    """`--version` among the global options (before any command)."""
    skip_next = False
    for token in argv:
        if skip_next:
            skip_next = False
        elif token == "--version":
            return True
        elif token in ("--db", "--db-url"):
            skip_next = True
        elif not token.startswith("-") or token in ("-h", "--help"):
            return False
    return False


def _plain_desktop_start(argv: list[str]) -> tuple[str | None, str | None, str | None] | None:
    """(db, db_url, file to open) when argv only starts the desktop app: nothing, `--db PATH`,
    `--db-url URL` and at most one file with an openable suffix. None for anything else (a
    command, --help, an unknown option), which goes through the full parser."""
    db = db_url = open_path = None
    tokens = iter(argv)
    for token in tokens:
        option, has_value, value = token.partition("=")
        if option in ("--db", "--db-url"):
            if not has_value:
                value = next(tokens, "")
            if not value or value.startswith("-") or (db if option == "--db" else db_url):
                return None
            if option == "--db":
                db = value
            else:
                db_url = value
        elif token.startswith("-") or open_path is not None:
            return None
        elif token.lower().endswith(OPENABLE_SUFFIXES):
            open_path = token
        else:
            return None  # a command (or a file the full parser decides about)
    if db and db_url:
        return None  # the parser's error message says why
    return db, db_url, open_path


def _print_stored_help() -> bool:
    """`networkdesk --help` from its stored text (cli_help.py), without importing the command
    modules: it costs about what `--version` does. Only at the width the text was stored for
    (argparse wraps to the terminal); False, and the parser prints it, at any other."""
    import shutil

    from networkdesk import cli_help

    if shutil.get_terminal_size().columns != cli_help.WIDTH:
        return False
    sys.stdout.write(cli_help.TEXT)
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run networkdesk with `argv` (without the program name) and return the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if _asks_for_version(args_list):
        # Answered before the CLI (SQLAlchemy, Alembic) is imported: scripts call this often.
        from networkdesk import __version__

        print(f"networkdesk {__version__}")
        return 0
    if args_list in (["--help"], ["-h"]) and _print_stored_help():
        return 0
    desktop = _plain_desktop_start(args_list)
    if desktop is not None:
        # The window is shown before SQLAlchemy is imported, and without building the parser.
        return _run_desktop(*desktop)
    from networkdesk import cli

    parser = cli.build_parser()
    args_list, open_path = _split_open_path(args_list, cli.command_names(parser))
    from networkdesk.domain.errors import NetworkdeskError

    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except NetworkdeskError as exc:  # a bad value (ring, date, id): the user's data error
        print(f"networkdesk: error: {cli.one_line_message(exc)}", file=sys.stderr)
        return 1
    if args.command is None:
        return _run_desktop(args.db, args.db_url, open_path)
    return cli.run(args)


#: Qt platforms that need no display server (tests, screenshots, remote sessions).
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def missing_display(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """On Linux (and the BSDs), True when the window could not appear: no X11 DISPLAY, no
    WAYLAND_DISPLAY, and no display-less Qt platform asked for. Qt itself would abort with a
    misleading message about xcb plugins instead."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not (platform.startswith("linux") or "bsd" in platform):
        return False
    requested = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if requested in HEADLESS_PLATFORMS:
        return False
    return not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


NO_DISPLAY_MESSAGE = (
    "networkdesk: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is "
    "set); start it from a desktop session, or use a command such as `networkdesk today` "
    "(see `networkdesk --help`)."
)


def _run_desktop(db: str | None, db_url: str | None, open_path: str | None) -> int:
    if missing_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    try:
        # The first paint's data is read now (raw, no ORM, ~25 ms), before Qt is imported:
        # beside those imports, whose long calls into Qt hold the interpreter, it took longer.
        from networkdesk.ui.pending_opening import PendingOpening

        pending = PendingOpening(db, db_url, raw_start=True)
        from networkdesk.ui.application import run_desktop
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("networkdesk.ui"):
            print("networkdesk: the desktop app is not built yet; use the commands (--help)")
            return 0
        raise
    if os.environ.get("NETWORKDESK_SMOKE_CLOSE_MS"):  # packaging smoke tests: ui/packaging_probe.py
        from networkdesk.ui.packaging_probe import arm_from_environment

        arm_from_environment()
    return run_desktop(db=db, db_url=db_url, open_path=open_path, pending=pending)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
