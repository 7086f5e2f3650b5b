"""Importing people from files: match against existing contacts, then write in one transaction.

`plan_import` reads the database once into in-memory indexes (profile URL, name + company,
e-mail) and decides for every record: new, update, duplicate (new, but looks like someone who
exists) or skipped, with the reason. `apply_import` writes that plan with bulk Core inserts of
lists of dicts - never one ORM object or one query per row - so a 30,000-row LinkedIn export
imports in about a second (benchmarks/bench_import_linkedin.py). A dry run is `plan_import`
alone. `undo_import` reverses exactly what `apply_import` did (the GUI's undo step).

Matching, in order: the LinkedIn profile URL; else the same name at the same company; else a
shared e-mail address. A matched contact keeps its name and ring; notes from the file are added
below its own, and missing e-mails, phones and tags are added. A changed company, title or
location replaces the old value, which is kept as a ContactChange (reviewed=False) so the user
sees "changed since last import" and decides where that person now stands.

The modules, along those steps: `keys` (fast matching keys), `index` (the database read once),
`plan` (the decisions, and the plan's and outcome's shapes), `writer` (the bulk write),
`undo` and `review` (the changes kept for the user). The use case that reads a file, backs up
and writes in one transaction is `services.import_file`.
"""

from networkdesk.services.importing.keys import fold, linkedin_key, search_key
from networkdesk.services.importing.plan import (
    DUPLICATE,
    NEW,
    SKIPPED,
    UPDATE,
    FieldChange,
    ImportOutcome,
    ImportPlan,
    PlannedRow,
    Progress,
    plan_import,
)
from networkdesk.services.importing.review import mark_reviewed, pending_changes
from networkdesk.services.importing.undo import undo_import
from networkdesk.services.importing.writer import apply_import, import_records

__all__ = [
    "DUPLICATE",
    "NEW",
    "SKIPPED",
    "UPDATE",
    "FieldChange",
    "ImportOutcome",
    "ImportPlan",
    "PlannedRow",
    "Progress",
    "apply_import",
    "fold",
    "import_records",
    "linkedin_key",
    "mark_reviewed",
    "pending_changes",
    "plan_import",
    "search_key",
    "undo_import",
]
