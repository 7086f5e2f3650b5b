"""`server init|add-user|login|status`: preparing a PostgreSQL database for a team and logging in.

`server init` and `server add-user` run as the server's admin (a login that may create roles);
`server login` and `server status` as anyone. Each takes `--db-url` after the command too
(`networkdesk server init --db-url URL`), the same as before it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, TypeAlias

from networkdesk.domain.errors import ValidationError

if TYPE_CHECKING:
    from networkdesk.services import server_login, team_server
    from networkdesk.storage.database import Database
else:
    from networkdesk.cli.lazy import lazy_module

    server_login = lazy_module("networkdesk.services.server_login")
    team_server = lazy_module("networkdesk.services.team_server")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_db_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db-url",
        dest="command_db_url",
        metavar="URL",
        help="the PostgreSQL database, e.g. postgresql+psycopg://admin@host/networkdesk "
        "(no password in it: it comes from the keyring)",
    )


def add_password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else: asked)",
    )


def register(commands: Sub) -> None:
    parser = commands.add_parser(
        "server", help="team mode on PostgreSQL: prepare a database, add people, log in"
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    init = sub.add_parser(
        "init",
        help="prepare a PostgreSQL database for a team (as its admin; safe to run again)",
        description=(
            "Bring the schema up to date (each person's rows are theirs alone, enforced by "
            "PostgreSQL's row-level security), create the groups networkdesk_member and "
            "networkdesk_coach, and grant them their privileges: members read and write their "
            "own rows, coaches only read the pipelines shared with them, without notes."
        ),
    )
    add_db_url(init)
    init.set_defaults(handler=cmd_init, opens_database=False)

    add = sub.add_parser(
        "add-user",
        help="create a login for a person (or a coach, with --coach); as the admin",
        description=(
            "Create the login NAME (or set its password again) in the members' group, or the "
            "coaches' with --coach. The password is asked, or read with --password-stdin, and "
            "saved in this computer's keyring for NAME (for when NAME works here)."
        ),
    )
    add.add_argument("name", metavar="NAME", help="login name: lower-case letters, digits, _")
    add.add_argument("--coach", action="store_true", help="a coach: reads shared pipelines only")
    add_password_stdin(add)
    add_db_url(add)
    add.set_defaults(handler=cmd_add_user, opens_database=False)

    login = sub.add_parser(
        "login",
        help="save the password of the URL's login in the keyring (checked by connecting)",
    )
    add_password_stdin(login)
    add_db_url(login)
    login.set_defaults(handler=cmd_login, opens_database=False)

    status = sub.add_parser(
        "status", help="who you are on the server, your team role, whether TLS encrypts it"
    )
    add_db_url(status)
    status.set_defaults(handler=cmd_status)


def read_password(args: argparse.Namespace, *, confirm: bool) -> str:
    """From --password-stdin's first line, or asked on the terminal (never without one)."""
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password.removesuffix("\r")
        if not password:
            raise ValidationError("--password-stdin: standard input gave no password")
        return password
    if not sys.stdin.isatty():
        raise ValidationError("no terminal to ask the password on: use --password-stdin")
    password = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Password again: ") != password:
        raise ValidationError("the two passwords differ; nothing was changed")
    if not password:
        raise ValidationError("the password is empty; nothing was changed")
    return password


def cmd_init(args: argparse.Namespace, db: Database) -> int:
    print(f"preparing {db.location.describe()} for a team")
    for line in team_server.init_server(db):
        print(f"  {line}")
    print("next: `networkdesk server add-user NAME` (or NAME --coach) for each person")
    return 0


def cmd_add_user(args: argparse.Namespace, db: Database) -> int:
    team_server.check_role_name(args.name)
    password = read_password(args, confirm=True)
    user = team_server.add_user(db, args.name, password, coach=args.coach)
    what = "created" if user.created else "updated (new password)"
    print(f"{user.name}: {what}, in {user.group}")
    problem = server_login.save_password(db.location, user.name, password)
    if problem is None:
        print(f"{user.name}'s password: saved in this computer's keyring")
    else:
        print(f"{user.name}'s password: not saved here ({problem})")
    return 0


def cmd_login(args: argparse.Namespace, db: Database) -> int:
    from networkdesk.storage.database import make_engine, ping
    from networkdesk.storage.paths import DatabaseLocation

    user = server_login.login_name(db.location)
    if not user:
        raise ValidationError("the URL names no login: postgresql+psycopg://NAME@host/database")
    password = read_password(args, confirm=False)
    from sqlalchemy.engine import make_url

    url = make_url(db.location.url).set(password=password)
    trial = make_engine(DatabaseLocation(url.render_as_string(hide_password=False), None))
    try:
        ping(trial)  # a wrong password is not worth keeping
    finally:
        trial.dispose()
    problem = server_login.save_password(db.location, user, password)
    if problem is not None:
        raise ValidationError(f"the password works but was not saved: {problem}")
    print(f"{user}: password saved in the keyring")
    return 0


def cmd_status(args: argparse.Namespace, db: Database) -> int:
    facts = team_server.connection_facts(db)
    print(f"server: {db.location.describe()} (PostgreSQL {facts.server_version})")
    print(f"you: {facts.user} ({facts.team_role})")
    if facts.encrypted:
        print(f"connection: encrypted ({facts.tls_version}, {facts.cipher})")
    else:
        print("connection: NOT encrypted (the server offers no TLS)")
    print(f"schema revision: {facts.schema_revision}")
    return 0
