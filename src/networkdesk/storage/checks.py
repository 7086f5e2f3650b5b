"""`networkdesk check`: SQLite's integrity and foreign-key checks, and the schema against the
models (the revision is current and autogenerate finds nothing to change)."""

from __future__ import annotations

from dataclasses import dataclass, field

from networkdesk.domain.models import Base
from networkdesk.storage import migrate
from networkdesk.storage.database import Database


@dataclass
class CheckReport:
    database: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        head = f"{self.database}: {'ok' if self.ok else 'PROBLEMS FOUND'}"
        return [head, *(f"  {n}" for n in self.notes), *(f"  problem: {p}" for p in self.problems)]


def schema_differences(db: Database) -> list[str]:
    # Alembic is imported here, not at the top: only `check` needs it (see storage.migrate).
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True}
        )
        # PostgreSQL holds the team-mode columns and keys on top of the models (revision 0007).
        if db.engine.dialect.name == "postgresql":
            from networkdesk.storage.team_schema import server_metadata

            diffs = compare_metadata(context, server_metadata())
        else:
            diffs = compare_metadata(context, Base.metadata)
    return [str(diff) for diff in diffs]


def run_checks(db: Database) -> CheckReport:
    report = CheckReport(db.location.describe())
    if db.is_sqlite:
        raw = db.engine.raw_connection()
        try:
            cursor = raw.cursor()
            problems = [r[0] for r in cursor.execute("PRAGMA integrity_check") if r[0] != "ok"]
            for table, rowid, parent, _fk in cursor.execute("PRAGMA foreign_key_check"):
                problems.append(f"{table} row {rowid} points at a missing {parent} row")
            report.problems.extend(problems)
            report.notes.append("integrity check: " + ("ok" if not problems else "failed"))
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            report.notes.append(f"journal mode: {mode}")
        finally:
            raw.close()
    current = migrate.current_revision(db.engine)
    head = migrate.head_revision()
    if current != head:
        report.problems.append(f"schema revision {current}, expected {head}")
    else:
        report.notes.append(f"schema revision: {current} (current)")
    diffs = schema_differences(db)
    report.problems.extend(f"schema differs from the models: {d}" for d in diffs)
    if not diffs:
        report.notes.append("schema matches the models")
    return report
