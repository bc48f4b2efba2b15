"""Batch operations behind the importers: each a single transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from casedu.errors import InvalidValueError, UnknownRecordError, WorkflowError
from casedu.model import Account, Dataset, OnlineLearning, Person, Role, TrainingPlan
from casedu.services.authorization import Actor, Target
from casedu.services.base import WorkflowBase
from casedu.services.plans import _next_id

__all__ = ["IMPORT_OPERATIONS", "NEW_ID", "ImportBasis", "ImportOperations"]

#: The id of a plan to import that has none yet: it gets the next free id.
NEW_ID = "(new)"


#: The operation each import performs when it is applied (:func:`casedu.importers.apply_import`).
IMPORT_OPERATIONS = {"people": "import_people", "plans": "import_plans",
                     "attendees": "add_attendees", "external": "create_external",
                     "online": "import_online"}


@attrs.frozen
class ImportBasis:
    """What a file to import is read against (:func:`casedu.importers.plan_import`): the
    institute's share of the data and its accounts."""

    institute: str
    dataset: Dataset
    accounts: Mapping[str, Account]
    #: A department admin's department: the only people whose records they may import (the
    #: dataset is the institute's, so that a row about someone else is found and named).
    department: str | None = None


class ImportOperations(WorkflowBase):
    """人员 (ARP roster), 培训计划 and 在线学习 brought in from files."""

    def import_basis(self, actor: Actor, kind: str, *, plan_id: str | None = None) -> ImportBasis:
        """What a file of ``kind`` is read against before it is shown as a dry run, authorized
        as the import's own operation (the class's scope for attendees, the actor's department
        for a department admin's external learning), so that a dry run shows nothing the actor
        could not import."""
        if kind not in IMPORT_OPERATIONS:
            raise UnknownRecordError(f"no import {kind!r}; the imports are "
                                     f"{', '.join(IMPORT_OPERATIONS)}")
        grant = actor.grant
        if kind == "attendees":
            if plan_id is None:
                raise InvalidValueError("attendees are imported into a class: name it",
                                        field="plan")
            target = self._plan_target(self._peek(), plan_id)
        else:
            department = grant.department if actor.role is Role.DEPARTMENT_ADMIN else None
            target = Target(institute=grant.institute, department=department,
                            label=f"import {kind}")
        uow = self._read(actor, IMPORT_OPERATIONS[kind], target)
        institute = target.institute
        return ImportBasis(institute=institute, dataset=uow.institute_data(institute),
                           accounts={a.username: a for a in uow.find("accounts",
                                                                      institute=institute)},
                           department=target.department if kind != "attendees" else None)

    def import_people(self, actor: Actor, people: Iterable[Person]) -> list[Person]:
        """Add new people and update existing ones of the actor's institute, all or none."""
        wanted = list(people)
        uow0 = self._peek()
        references = tuple(ref for p in wanted
                           for ref in self._department_reference(uow0, p.department))
        # the people of the institute whose records change: nobody changes their own
        # (separation of duty, as set_person); a roster that holds them unchanged is taken
        changed = tuple(self._person_target(uow0, p.id) for p in wanted
                        if (before := uow0.get("people", (p.id,))) is not None
                        and before != p and before.institute == actor.grant.institute)
        target = Target(institute=actor.grant.institute, label="people",
                        references=references + changed)
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
