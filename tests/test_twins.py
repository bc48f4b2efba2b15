"""Frozen records made through their twin: what the class's own __init__ makes, frozen, of
the class alone; a class whose __init__ does more than store is made by the class."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from casedu.metrics.backbone import BackboneCandidate, BackboneVerdict
from casedu.metrics.hours import PersonYear, SingleTraining, Source
from casedu.model import ExternalLearning, Person
from casedu.policy import DEFAULT_POLICY
from casedu.twins import quick_maker


def year(**fields):
    return dict(person="p1", year=2026, class_hours=Decimal(32), **fields)


@pytest.mark.parametrize("fields", [
    year(),
    year(online_courses={"c1": Decimal("2.5")}, longest=Decimal(32),
         course_details=lambda person, course: ("课", dt.date(2026, 1, 1), dt.date(2026, 1, 1))),
    year(singles=(SingleTraining(Source.CLASS, "tp1", "班", dt.date(2026, 1, 1),
                                 dt.date(2026, 1, 2), Decimal(32)),),
         external_hours=Decimal("4E+1"), online_hours=Decimal("0.50")),
])
def test_a_person_year_made_quickly_is_the_one_its_class_makes(fields):
    made = quick_maker(PersonYear)(**fields)
    expected = PersonYear(**fields)
    assert type(made) is PersonYear and made == expected
    assert [getattr(made, f.name) for f in attrs.fields(PersonYear)] == \
        [getattr(expected, f.name) for f in attrs.fields(PersonYear)]
    assert made.total == expected.total
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.year = 2025  # type: ignore[misc]


def test_each_factory_default_is_a_new_object():
    make = quick_maker(PersonYear)
    assert make(person="p1", year=2026).online_courses is not \
        make(person="p2", year=2026).online_courses


def test_a_verdict_and_a_candidate_made_quickly_are_those_their_classes_make():
    person = Person(id="p1", institute="IOP", name="张伟", in_service=True, hours_required=True)
    year_of = PersonYear(person="p1", year=2026)
    verdict = dict(in_service=True, total_hours=Decimal(0), max_single_hours=Decimal(0),
                   year=year_of, policy=DEFAULT_POLICY)
    assert quick_maker(BackboneVerdict)(**verdict) == BackboneVerdict(**verdict)
    candidate = dict(person=person, department="一处", verdict=BackboneVerdict(**verdict),
                     reported=False)
    made = quick_maker(BackboneCandidate)(**candidate)
    assert type(made) is BackboneCandidate and made == BackboneCandidate(**candidate)


def test_a_class_that_checks_its_fields_is_made_by_itself():
    """Validators (ExternalLearning's) and a post-init check stay the class's own."""
    assert quick_maker(ExternalLearning) is ExternalLearning
    assert quick_maker(Person) is Person
