"""Batch operations behind the importers: each a single transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from casedu.errors import UnknownRecordError, WorkflowError
from casedu.model import OnlineLearning, Person, TrainingPlan
from casedu.services.authorization import Actor, Target
from casedu.services.base import WorkflowBase
from casedu.services.plans import _next_id

__all__ = ["NEW_ID", "ImportOperations"]

#: The id of a plan to import that has none yet: it gets the next free id.
NEW_ID = "(new)"


class ImportOperations(WorkflowBase):
    """人员 (ARP roster), 培训计划 and 在线学习 brought in from files."""

    def import_people(self, actor: Actor, people: Iterable[Person]) -> list[Person]:
        """Add new people and update existing ones of the actor's institute, all or none."""
        wanted = list(people)
        uow0 = self._peek()
        references = tuple(ref for p in wanted
                           for ref in self._department_reference(uow0, p.department))
        target = Target(institute=actor.grant.institute, label="people", references=references)
        with self._operation(actor, "import_people", target) as uow:
            for person in wanted:
                if person.institute != target.institute:
                    raise WorkflowError(f"person {person.id} is not of {target.institute}")
                before = uow.current("people", (person.id,))
                if before is None:
                    uow.add(person)
                elif before.institute != target.institute:
                    raise WorkflowError(f"person {person.id} belongs to {before.institute}")
                else:
                    uow.replace(before, person)
        return wanted

    def import_plans(self, actor: Actor, plans: Iterable[TrainingPlan]) -> list[TrainingPlan]:
        """Add new plans (an empty id gets one) and update plans not implemented; a department
        admin imports plans of their department only. All or none."""
        wanted = list(plans)
        grant = actor.grant
        department = grant.department if grant.department else None
        target = Target(institute=grant.institute, department=department, label="plans")
        uow0 = self._peek()
        for plan in wanted:  # every plan's own scope, before anything is written
            self._read(actor, "import_plans", Target(
                institute=plan.institute, department=plan.department, label=f"plan {plan.id}",
                references=self._department_reference(uow0, plan.department)))
        done = []
        with self._operation(actor, "import_plans", target) as uow:
            ids = uow.ids("plans", f"{grant.institute}-TP")
            for plan in wanted:
                if plan.id == NEW_ID:
                    plan = attrs.evolve(plan, id=_next_id(f"{grant.institute}-TP", ids))
                ids.add(plan.id)
                before = uow.current("plans", (plan.id,))
                if before is None:
                    done.append(uow.add(plan))
                elif before.implemented and before != plan:
                    raise WorkflowError(f"plan {plan.id} is implemented: edit its implementation")
                else:
                    done.append(uow.replace(before, plan))
        return done

    def import_online(self, actor: Actor,
                      records: Iterable[OnlineLearning]) -> list[OnlineLearning]:
        """Add online courseware records of the institute's people, all or none."""
        wanted = list(records)
        target = Target(institute=actor.grant.institute, label="online learning",
                        references=self._people_references(self._peek(),
                                                           {r.person for r in wanted}))
        with self._operation(actor, "import_online", target) as uow:
            for record in wanted:
                person = uow.get("people", (record.person,))
                if person is None:
                    raise UnknownRecordError(f"no person {record.person!r}")
                if person.institute != target.institute:
                    raise WorkflowError(f"person {person.id} is not of {target.institute}")
                uow.add(record)
        return wanted
