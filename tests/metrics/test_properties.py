"""Invariants of the figures over any valid dataset."""

import random
from decimal import Decimal

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedu.metrics import annual_figures, screen_backbone, year_hours
from casedu.model import ExternalLearning, ExternalStatus
from tests.builders import D
from tests.strategies import datasets

SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@SETTINGS
@given(datasets(), st.decimals(min_value=0, max_value=150, places=1), st.data())
def test_adding_an_approved_record_never_lowers_anyones_hours(data, hours, draw):
    if not data.people:
        return
    who = draw.draw(st.sampled_from(data.people)).id
    before = year_hours(data, 2026)
    extra = ExternalLearning(id="added", person=who, category="进修", title="新增",
                             start=D(2026, 7, 1), end=D(2026, 7, 2), hours=hours,
                             status=ExternalStatus.APPROVED)
    after = year_hours(attrs.evolve(data, external_learning=(*data.external_learning, extra)),
                       2026)
    for person in data.people:
        assert after.of(person.id).total >= before.of(person.id).total
    assert after.of(who).total == before.of(who).total + hours


@SETTINGS
@given(datasets())
def test_completed_never_exceeds_assessed_and_rates_are_consistent(data):
    for institute in data.institutes:
        f = annual_figures(data, institute.code, 2026)
        assert set(f.completed) <= set(f.assessed) <= set(f.in_service)
        assert len(f.implemented_plans) <= len(f.plans)
        rate = f.completion_rate
        assert (rate is None) == (len(f.assessed) == 0)
        if rate is not None:
            assert 0 <= rate <= 1


@SETTINGS
@given(datasets())
def test_every_eligible_person_satisfies_r4(data):
    hours = year_hours(data, 2026)
    for institute in data.institutes:
        screen = screen_backbone(data, institute.code, 2026, hours=hours)
        for candidate in screen.eligible:
            mine = hours.of(candidate.person.id)
            assert candidate.person.in_service_in(2026)  # SPEC 8: staff of the year
            assert mine.total >= Decimal(100)
            assert any(s.hours > Decimal(40) for s in mine.singles)
        eligible = {c.person.id for c in screen.eligible}
        for person in data.people_by_institute.get(institute.code, ()):
            mine = hours.of(person.id)
            should = (person.in_service_in(2026) and mine.total >= 100
                      and any(s.hours > 40 for s in mine.singles))
            assert (person.id in eligible) == should


@SETTINGS
@given(datasets(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_record_order(data, rnd: random.Random):
    def shuffled(items):
        items = list(items)
        rnd.shuffle(items)
        return items

    mixed = attrs.evolve(
        data, people=shuffled(data.people), plans=shuffled(data.plans),
        attendance=shuffled(data.attendance), external_learning=shuffled(data.external_learning),
        online_learning=shuffled(data.online_learning),
        backbone_reports=shuffled(data.backbone_reports),
    )
    for institute in data.institutes:
        assert (annual_figures(data, institute.code, 2026).to_json()
                == annual_figures(mixed, institute.code, 2026).to_json())
        first = screen_backbone(data, institute.code, 2026)
        second = screen_backbone(mixed, institute.code, 2026)
        assert [c.person.id for c in first.eligible] == [c.person.id for c in second.eligible]
    for person in data.people:
        assert year_hours(data, 2026).of(person.id).total == \
            year_hours(mixed, 2026).of(person.id).total
