"""Applying an import plan through the workflow, as the importing admin, in one transaction."""

from __future__ import annotations

from typing import Any

from casedu.errors import expect
from casedu.importers.planning import ImportPlan
from casedu.logs import logger
from casedu.services import Actor, Workflow

_log = logger("importers")

__all__ = ["apply_import"]


def apply_import(workflow: Workflow, actor: Actor, plan: ImportPlan) -> int:
    """Write what ``plan`` adds and updates; returns how many records it touched."""
    expect("actor", actor, Actor, what="an Actor (Workflow.login)")
    expect("plan", plan, ImportPlan, what="an ImportPlan (plan_import)")
    kind = plan.kind.name
    if plan.changes == 0:
        _imported(plan)
        return 0
    if kind == "people":
        workflow.import_people(actor, [*plan.added, *(after for _, after in plan.updated)])
    elif kind == "plans":
        workflow.import_plans(actor, [*plan.added, *(after for _, after in plan.updated)])
    elif kind == "attendees":
        assert plan.plan is not None
        rows: list[Any] = [*plan.added, *(after for _, after in plan.updated)]
        workflow.add_attendees(actor, plan.plan, [person for person, _ in rows],
                               confirm=[person for person, confirmed in rows if confirmed])
    elif kind == "external":
        workflow.create_external_batch(actor, [
            {"person": r.person, "category": r.category, "title": r.title, "start": r.start,
             "end": r.end, "hours": r.hours} for r in plan.added])
    elif kind == "online":
        workflow.import_online(actor, list(plan.added))
    else:  # pragma: no cover - KINDS names every kind
        raise ValueError(f"unknown import {kind!r}")
    _imported(plan)
    return plan.changes


def _imported(plan: ImportPlan) -> None:
    """Log an import's counts (never a record: a roster's rows hold names)."""
    _log.info("imported %s into %s: %d added, %d updated, %d unchanged", plan.kind.name,
              plan.institute, len(plan.added), len(plan.updated), len(plan.unchanged))
