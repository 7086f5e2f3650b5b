"""Preparing a PostgreSQL database for a team, and adding its people (run as the admin).

`init_server`: the schema at head (revision 0007 made the owner columns and the row-level
security policies), the two group roles, and the privileges: members read and write their own
rows (the policies decide which rows), coaches read only the pipeline columns
(storage/team_schema.COACH_COLUMNS) and write nothing. Running it again changes only what is
missing - a newer networkdesk's tables get their grants the same way.

`add_user`: a login in one of the groups, never both (a member reads every column, so a member
who is also a coach would read shared notes). The password is sent to the server as a SCRAM
verifier computed here: the plain password never reaches the server's logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from networkdesk.domain.errors import StorageError, ValidationError
from networkdesk.storage import migrate
from networkdesk.storage.database import Database
from networkdesk.storage.team_schema import (
    COACH_COLUMNS,
    COACH_GROUP,
    MEMBER_GROUP,
    OWNED_TABLES,
    ROLE_NAME_LENGTH,
    SHARES_TABLE,
)

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]*")
GROUPS = (MEMBER_GROUP, COACH_GROUP)


def check_role_name(name: str) -> str:
    """A login name networkdesk creates: lower case letters, digits and _ (what `current_user`
    gives back unchanged, so the owner column and the policies agree on it)."""
    if not _ROLE_NAME.fullmatch(name) or len(name) > ROLE_NAME_LENGTH:
        raise ValidationError(
            f"bad user name {name!r}: use lower-case letters, digits and _ "
            f"(up to {ROLE_NAME_LENGTH}, starting with a letter or _)"
        )
    if name.startswith("pg_") or name in GROUPS or name == "public":
        raise ValidationError(f"{name!r} is reserved: choose another user name")
    return name


def _require_postgresql(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise ValidationError(
            f"{db.location.describe()} is not a PostgreSQL database: team mode needs one "
            "(--db-url postgresql+psycopg://admin@host/dbname)"
        )


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _role_exists(connection: Connection, name: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def init_server(db: Database) -> list[str]:
    """Prepare the database for a team; returns what was done, one line each."""
    _require_postgresql(db)
    done: list[str] = []
    before = migrate.current_revision(db.engine)
    if migrate.needs_upgrade(db.engine):
        migrate.upgrade(db.engine)
        done.append(
            f"schema: upgraded from {before or 'an empty database'} to {migrate.head_revision()}"
        )
    else:
        done.append(f"schema: current ({before})")
    with db.engine.begin() as connection:
        for group in GROUPS:
            if _role_exists(connection, group):
                done.append(f"role {group}: already there")
            else:
                connection.execute(text(f"CREATE ROLE {_quote(connection, group)} NOLOGIN"))
                done.append(f"role {group}: created")
        member, coach = (_quote(connection, group) for group in GROUPS)
        database = _quote(
            connection, str(connection.execute(text("SELECT current_database()")).scalar())
        )
        schema = _quote(
            connection, str(connection.execute(text("SELECT current_schema()")).scalar())
        )
        connection.execute(text(f"GRANT CONNECT ON DATABASE {database} TO {member}, {coach}"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {member}, {coach}"))
        # Both read the schema version: a client opening the database checks it first.
        connection.execute(text(f"GRANT SELECT ON alembic_version TO {member}, {coach}"))
        tables = ", ".join((*OWNED_TABLES, SHARES_TABLE))
        # No TRUNCATE (it would skip the row policies) and no REFERENCES for anyone.
        connection.execute(text(f"REVOKE ALL ON {tables} FROM PUBLIC, {member}, {coach}"))
        connection.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {member}"))
        # Ids come from the tables' sequences; bulk writers reserve blocks of them (setval).
        connection.execute(
            text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {schema} TO {member}")
        )
        done.append(
            f"members: read and write their own rows in {len(OWNED_TABLES)} tables, "
            "and share them with coaches"
        )
        for table, columns in COACH_COLUMNS.items():
            connection.execute(text(f"GRANT SELECT ({', '.join(columns)}) ON {table} TO {coach}"))
        connection.execute(text(f"GRANT SELECT ON {SHARES_TABLE} TO {coach}"))
        done.append(
            f"coaches: read-only, {sum(map(len, COACH_COLUMNS.values()))} columns of "
            f"{len(COACH_COLUMNS)} pipeline tables of the people who share with them (no notes)"
        )
        enforced = connection.execute(
            text(
                "SELECT count(*) FROM pg_class WHERE relname = ANY(:t)"
                " AND relrowsecurity AND relforcerowsecurity"
            ),
            {"t": [*OWNED_TABLES, SHARES_TABLE]},
        ).scalar()
        done.append(f"row-level security: enforced on {enforced} tables")
        owner = connection.execute(
            text("SELECT tableowner FROM pg_tables WHERE tablename = 'contacts'")
        ).scalar()
        if owner and any(_is_member_of(connection, str(owner), group) for group in GROUPS):
            # The owner of a table may turn its policies off (ALTER TABLE ... NO FORCE ...).
            done.append(
                f"WARNING: the tables belong to {owner}, a member of the team, who could turn "
                "the row-level security off: make the admin their owner "
                "(ALTER TABLE ... OWNER TO admin, or REASSIGN OWNED)"
            )
    return done


@dataclass(frozen=True, slots=True)
class NewUser:
    name: str
    group: str
    created: bool


def add_user(db: Database, name: str, password: str, *, coach: bool = False) -> NewUser:
    """Create (or update) a login in the member or the coach group."""
    _require_postgresql(db)
    check_role_name(name)
    if not password:
        raise ValidationError("the password is empty")
    group, other = (COACH_GROUP, MEMBER_GROUP) if coach else (MEMBER_GROUP, COACH_GROUP)
    with db.engine.begin() as connection:
        if not _role_exists(connection, group):
            raise StorageError(
                f"{db.location.describe()} is not prepared for a team: run "
                "`networkdesk server init --db-url URL` first"
            )
        verifier = _scram_verifier(connection, name, password)
        role = _quote(connection, name)
        created = not _role_exists(connection, name)
        # CREATE ROLE takes no bind parameters: a string literal (the verifier is base64 and
        # punctuation, quoted all the same), sent as it is (its colons are no parameters).
        quoted = "'" + verifier.replace("'", "''") + "'"
        verb = "CREATE" if created else "ALTER"
        connection.exec_driver_sql(f"{verb} ROLE {role} LOGIN PASSWORD {quoted}")
        if _is_member_of(connection, name, other):
            connection.execute(text(f"REVOKE {_quote(connection, other)} FROM {role}"))
        connection.execute(text(f"GRANT {_quote(connection, group)} TO {role}"))
    return NewUser(name, group, created)


def _prepared_for_a_team(connection: Connection) -> bool:
    """Whether `server init` granted the members' group its privileges in this database (the
    groups are the cluster's: they may exist for another database only)."""
    if not _role_exists(connection, MEMBER_GROUP):
        return False
    granted = connection.execute(
        text("SELECT has_table_privilege(:g, 'contacts', 'INSERT')"), {"g": MEMBER_GROUP}
    ).scalar()
    return bool(granted)


def _is_member_of(connection: Connection, name: str, group: str) -> bool:
    found = connection.execute(
        text(
            "SELECT 1 FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member"
            " JOIN pg_roles g ON g.oid = a.roleid WHERE m.rolname = :m AND g.rolname = :g"
        ),
        {"m": name, "g": group},
    )
    return found.first() is not None


def _scram_verifier(connection: Connection, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier libpq computes (PQencryptPasswordConn), as PostgreSQL stores
    it: the server receives no plain password."""
    driver = connection.connection.driver_connection
    pgconn = getattr(driver, "pgconn", None)
    if pgconn is None:
        raise StorageError("adding users needs the psycopg driver (postgresql+psycopg://...)")
    verifier = pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return bytes(verifier).decode("ascii")


@dataclass(frozen=True, slots=True)
class ConnectionFacts:
    """Who the connection is and how it travels (`networkdesk server status`)."""

    user: str
    database: str
    server_version: str
    encrypted: bool
    tls_version: str | None
    cipher: str | None
    team_role: str  # "member", "coach", "admin" (neither, on a team database) or "single user"
    schema_revision: str | None


def connection_facts(db: Database) -> ConnectionFacts:
    _require_postgresql(db)
    with db.engine.connect() as connection:
        user, database, version = connection.execute(
            text("SELECT current_user, current_database(), current_setting('server_version')")
        ).one()
        ssl, tls_version, cipher = connection.execute(
            text("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        ).one()
        if _is_member_of(connection, user, COACH_GROUP):
            role = "coach"
        elif _is_member_of(connection, user, MEMBER_GROUP):
            role = "member"
        elif _prepared_for_a_team(connection):
            role = "admin"  # in neither group of a team database
        else:
            role = "single user"
    return ConnectionFacts(
        user=str(user),
        database=str(database),
        server_version=str(version),
        encrypted=bool(ssl),
        tls_version=tls_version,
        cipher=cipher,
        team_role=role,
        schema_revision=migrate.current_revision(db.engine),
    )
