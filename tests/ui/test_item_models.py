"""Every Qt item model of the app passes pytest-qt's `qtmodeltester` on real data.

`MODEL_TESTS` names, for each model class, the test that runs `qtmodeltester.check` on it; the
registry test fails when a new QAbstractItemModel subclass appears under `networkdesk.ui` without
one (or when a listed test no longer checks its model).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel

import networkdesk.ui

TESTS = Path(__file__).resolve().parent.parent
DATA = TESTS / "data"

#: Model class (module.qualname) -> the test (file::function) that runs qtmodeltester on it.
MODEL_TESTS: dict[str, str] = {
    "networkdesk.ui.models.contacts_table_model.ContactsTableModel": (
        "ui/test_contacts_table.py::test_model_passes_qtmodeltester"
    ),
    "networkdesk.ui.models.companies_model.CompaniesModel": (
        "ui/test_companies.py::test_model_counts_contacts_per_ring"
    ),
    "networkdesk.ui.models.followups_model.AgendaModel": (
        "ui/test_agenda.py::test_agenda_model_passes_qtmodeltester"
    ),
    "networkdesk.ui.models.followups_model.FollowupListModel": (
        "ui/test_agenda.py::test_agenda_model_passes_qtmodeltester"
    ),
    "networkdesk.ui.models.interactions_model.InteractionsModel": (
        "ui/test_interactions_window.py::test_interactions_model_passes_qtmodeltester"
    ),
    "networkdesk.ui.models.meetings_model.MeetingsModel": (
        "ui/test_meetings.py::test_meetings_model_passes_qtmodeltester"
    ),
    "networkdesk.ui.models.referrals_model.ReferralsModel": (
        "ui/test_referrals.py::test_model_passes_qtmodeltester"
    ),
    "networkdesk.ui.models.ring_history_model.RingHistoryModel": (
        "ui/test_settings.py::test_ring_history_and_meetings_models_pass_qtmodeltester"
    ),
    "networkdesk.ui.views.inbox_panel.InboxModel": (
        "ui/test_inbox.py::test_inbox_model_passes_the_model_tester"
    ),
    "networkdesk.ui.views.import_preview.PlanModel": (
        "ui/test_item_models.py::test_import_plan_model_passes_qtmodeltester"
    ),
    "networkdesk.ui.progress.coverage_model.CoverageModel": (
        "ui/test_progress.py::test_coverage_model_passes_qtmodeltester"
    ),
}

#: Bases with no rows or columns of their own: each concrete subclass is checked instead.
ABSTRACT_BASES = {
    "networkdesk.ui.models.record_table.RecordTableModel",
}


def _app_model_classes() -> set[str]:
    for module in pkgutil.walk_packages(networkdesk.ui.__path__, "networkdesk.ui."):
        importlib.import_module(module.name)
    found: set[str] = set()
    pending: list[type] = [QAbstractItemModel]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("networkdesk."):
                found.add(f"{sub.__module__}.{sub.__qualname__}")
    return found


def _test_function(test_id: str) -> ast.FunctionDef:
    file_name, function = test_id.split("::")
    tree = ast.parse((TESTS / file_name).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return node
    raise AssertionError(f"{test_id} does not exist")


def test_every_item_model_has_a_qtmodeltester_test() -> None:
    models = _app_model_classes() - ABSTRACT_BASES
    assert models, "no item models found: the scan is broken"
    missing = sorted(models - set(MODEL_TESTS))
    assert not missing, (
        f"item models without a qtmodeltester test (add one to MODEL_TESTS): {missing}"
    )
    gone = sorted(set(MODEL_TESTS) - models)
    assert not gone, f"MODEL_TESTS lists classes that no longer exist: {gone}"
    for model, test_id in MODEL_TESTS.items():
        function = _test_function(test_id)
        source = ast.unparse(function)
        assert "qtmodeltester.check(" in source, f"{test_id} does not run qtmodeltester"
        assert model.rsplit(".", 1)[-1] in source, f"{test_id} does not build a {model}"


def test_import_plan_model_passes_qtmodeltester(qtmodeltester: Any, db: Any) -> None:
    from networkdesk.interchange import linkedin
    from networkdesk.services import contacts
    from networkdesk.services.importing import DUPLICATE, NEW, SKIPPED, UPDATE, plan_import
    from networkdesk.ui.views.import_preview import FILTERS, PlanModel

    with db.transaction() as s:
        # Already known: the import would update her rather than add her again.
        contacts.add(
            s,
            "Priya Raman",
            company="Northwind Traders",
            linkedin="https://www.linkedin.com/in/priya-raman-4a1b2c",
        )
    parsed = linkedin.parse(DATA / "linkedin_connections.csv")
    with db.reading() as s:
        plan = plan_import(s, parsed)
    actions = {row.action for row in plan.rows}
    assert NEW in actions
    assert actions <= {NEW, UPDATE, DUPLICATE, SKIPPED}

    model = PlanModel()
    qtmodeltester.check(model)  # empty, before a plan arrives
    model.set_plan(plan)
    qtmodeltester.check(model)
    assert model.rowCount() == len(plan.rows)
    shown = {model.index(r, 2).data() for r in range(model.rowCount())}
    assert "Priya Raman" in shown
    for _label, action in FILTERS:
        model.set_filter(action)
        qtmodeltester.check(model)
    model.set_plan(None)
    qtmodeltester.check(model)
    assert model.rowCount() == 0
