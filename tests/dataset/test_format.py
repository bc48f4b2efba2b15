import json

import pytest
from hypothesis import HealthCheck, given, settings

from casedu.dataset import dataset_to_json, load_dataset, parse_dataset, save_dataset
from casedu.dataset.references import check_dataset
from casedu.errors import DatasetError
from tests.builders import spec_example
from tests.strategies import datasets


def problems_of(value) -> list[str]:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    with pytest.raises(DatasetError) as info:
        parse_dataset(text, source="d.json")
    assert str(info.value).startswith("d.json: ")
    return [str(p) for p in info.value.problems]


def test_the_spec_example_loads():
    data = parse_dataset(json.dumps(spec_example()))
    assert [p.id for p in data.people] == ["p0001"]
    assert str(data.plans[0].expense) == "12000.00"
    assert str(data.online_learning[0].hours) == "2.5"


def test_json_floats_become_exact_decimals():
    value = spec_example()
    text = json.dumps(value).replace('"hours": 2.5', '"hours": 0.1')
    data = parse_dataset(text)
    assert str(data.online_learning[0].hours) == "0.1"


def test_sections_may_be_left_out():
    data = parse_dataset('{"format": "casedu.dataset", "version": 1}')
    assert data.people == ()


def test_optional_keys_may_be_null_or_absent():
    value = spec_example()
    value["people"][0]["email"] = None
    del value["people"][0]["hire_date"]
    data = parse_dataset(json.dumps(value))
    assert data.people[0].email is None and data.people[0].hire_date is None


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda v: v["people"][0].update(nickname="x"), "people[0].nickname: unknown key"),
        (lambda v: v.update(extra=[]), "extra: unknown key"),
        (lambda v: v["plans"][0]["implementation"].update(bogus=1),
         "plans[0].implementation.bogus: unknown key"),
        (lambda v: v["people"][0].update(in_service="yes"), "people[0].in_service: expected true"),
        (lambda v: v["plans"][0].update(planned_participants="40"),
         "plans[0].planned_participants: expected a whole number"),
        (lambda v: v["plans"][0].update(hours=True), "plans[0].hours: expected a decimal"),
        (lambda v: v["people"][0].update(name=7), "people[0].name: expected text"),
        (lambda v: v["people"][0].update(hire_date="2015/07/01"),
         "people[0].hire_date: expected a date as YYYY-MM-DD"),
        (lambda v: v["people"][0].update(hire_date="2015-02-30"),
         "people[0].hire_date: no such date"),
        (lambda v: v["online_learning"][0].update(hours="NaN"), "online_learning[0].hours:"),
        (lambda v: v["online_learning"][0].update(hours="Infinity"), "online_learning[0].hours:"),
        # decimal strings are of ASCII digits: Decimal() itself reads every script's
        (lambda v: v["external_learning"][0].update(hours="4٠"),
         "external_learning[0].hours: expected a decimal number such as 12 or \"12.50\", got "
         "'4٠'"),
        (lambda v: v["plans"][0].update(expense="１２０００.００"), "plans[0].expense: expected a"),
        (lambda v: v["summaries"][0].update(total_investment="٣٥٠٠٠٠.00"),
         "summaries[0].total_investment: expected a decimal number"),
        (lambda v: v["people"][0].update(hire_date="٢٠١٥-07-01"),
         "people[0].hire_date: expected a date as YYYY-MM-DD"),
        (lambda v: v["external_learning"][0].update(hours=-1),
         "external_learning[0].hours: hours must not be negative"),
        (lambda v: v["plans"][0].update(expense="-5.00"),
         "plans[0].expense: money must not be negative"),
        (lambda v: v["summaries"][0].update(total_investment="1.005"),
         "summaries[0].total_investment: money has at most two decimals"),
        (lambda v: v["people"].append(dict(v["people"][0])),
         "people[1].id: duplicate id 'p0001' (first at people[0])"),
        (lambda v: v["attendance"].append(dict(v["attendance"][0])),
         "attendance[1].person: the person is already on the plan (first at attendance[0])"),
        (lambda v: v["attendance"][0].update(person="p9999"),
         "attendance[0].person: no person 'p9999'"),
        (lambda v: v["attendance"][0].update(plan="tp999"), "attendance[0].plan: no plan 'tp999'"),
        (lambda v: v["people"][0].update(institute="XYZ"),
         "people[0].institute: no institute 'XYZ'"),
        (lambda v: v["people"][0].update(department="D9"),
         "people[0].department: no department 'D9'"),
        (lambda v: v["external_learning"][0].update(end="2026-04-30"),
         "external_learning[0].end: ends 2026-04-30 before it starts 2026-05-01"),
        (lambda v: v["plans"][0].update(end="2026-03-01"), "plans[0].end: ends 2026-03-01"),
        (lambda v: v["attendance"][0].update(status="present"),
         "attendance[0].status: unknown value 'present'; expected one of 'added', 'confirmed'"),
        (lambda v: v["plans"][0].update(status="archived"), "plans[0].status: unknown value"),
        (lambda v: v["external_learning"][0].update(status="ok"),
         "external_learning[0].status: unknown value"),
        (lambda v: v.update(format="other"), "format: expected 'casedu.dataset'"),
        (lambda v: v.update(version=2), "version: this casedu reads version 1, got 2"),
        (lambda v: v.update(version=True), "version:"),
        (lambda v: v["people"][0].pop("name"), "people[0].name: required, but missing"),
        (lambda v: v.update(people={}), "people: must be a list"),
        (lambda v: v["people"].append("p2"), "people[1]: must be a JSON object"),
        (lambda v: v["backbone_reports"][0].update(person="p9"),
         "backbone_reports[0].person: no person 'p9'"),
        (lambda v: v["summaries"].append(dict(v["summaries"][0])),
         "summaries[1].year: the institute already has a summary of this year"),
    ],
)
def test_each_kind_of_bad_dataset_is_refused_at_its_place(mutate, expected):
    value = spec_example()
    mutate(value)
    problems = problems_of(value)
    assert any(p.startswith(expected) for p in problems), problems


def test_every_problem_is_listed_at_once():
    value = spec_example()
    value["people"][0]["nickname"] = "x"
    value["attendance"][0]["person"] = "p9999"
    value["online_learning"][0]["hours"] = -2
    problems = problems_of(value)
    assert len(problems) == 3, problems


def test_a_reference_to_a_record_that_is_itself_bad_is_not_reported_twice():
    value = spec_example()
    value["plans"][0]["hours"] = -1
    problems = problems_of(value)
    assert problems == ["plans[0].hours: hours must not be negative, got -1"]


def test_a_person_of_another_department_institute_is_refused():
    value = spec_example()
    value["institutes"].append({"code": "IOA", "name": "声学所"})
    value["departments"].append({"id": "IOA-D1", "institute": "IOA", "name": "一处"})
    value["people"][0]["department"] = "IOA-D1"
    assert problems_of(value) == [
        "people[0].department: department 'IOA-D1' belongs to 'IOA', not to 'IOP'"]


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", '{"version": NaN}', "\ufeff"])
def test_text_that_is_not_a_dataset(text):
    assert problems_of(text)


def test_nan_literal_is_refused():
    value = json.dumps(spec_example()).replace('"hours": 2.5', '"hours": NaN')
    assert any("NaN" in p for p in problems_of(value))


def test_bytes_must_be_utf8(tmp_path):
    path = tmp_path / "d.json"
    path.write_bytes(json.dumps(spec_example(), ensure_ascii=False).encode("gbk"))
    with pytest.raises(DatasetError, match="not UTF-8"):
        load_dataset(path)


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(DatasetError, match=r"nothing\.json"):
        load_dataset(tmp_path / "nothing.json")


def test_save_and_load(tmp_path):
    data = parse_dataset(json.dumps(spec_example()))
    save_dataset(data, tmp_path / "out.json")
    assert load_dataset(tmp_path / "out.json") == data
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_saving_then_loading_gives_back_an_equal_dataset(data):
    assert check_dataset(data) == []
    assert parse_dataset(dataset_to_json(data)) == data


def online_copies(hours: list[object]) -> dict:
    """The SPEC example with its online record repeated, one copy for each of ``hours``."""
    value = spec_example()
    record = value["online_learning"][0]
    value["online_learning"] = [{**record, "hours": h} for h in hours]
    return value


def test_records_share_their_repeated_ids_dates_and_hours():
    """A year's records repeat a few values hundreds of thousands of times: one object each."""
    data = parse_dataset(json.dumps(online_copies(["2.5", "2.5", 3, 3, 2.5, 2.5])))
    first, second, third, fourth, fifth, sixth = data.online_learning
    assert first.person is second.person is sixth.person
    assert first.course is second.course and first.title is second.title
    assert first.date is second.date is sixth.date
    assert first.hours is second.hours and third.hours is fourth.hours
    assert fifth.hours is sixth.hours


def test_sharing_keeps_every_number_as_written():
    data = parse_dataset(json.dumps(online_copies(["2.50", "2.5", 2.5, "2.500", 3, "3"])))
    assert [str(r.hours) for r in data.online_learning] == ["2.50", "2.5", "2.5", "2.500", "3",
                                                            "3"]


def test_a_parsed_value_given_to_the_reader_is_left_as_it_was():
    from casedu.dataset import dataset_from_json_value

    value = online_copies(["1", "2"])
    before = json.dumps(value, sort_keys=True)
    dataset_from_json_value(value)
    assert json.dumps(value, sort_keys=True) == before


def test_a_shared_bad_date_is_refused_at_every_place_it_appears():
    value = online_copies(["1", "2"])
    for record in value["online_learning"]:
        record["date"] = "2026-02-30"
    problems = problems_of(value)
    assert sum("no such date" in p for p in problems) == 2
    assert any(p.startswith("online_learning[1].date") for p in problems)


def test_a_submitted_summary_keeps_its_null_figures_through_the_file():
    """A rate not applicable (R14, no plans) is null in the frozen figures, and stays there."""
    from casedu import dataset_to_json, parse_dataset
    from tests.metrics.test_rollup import submitted
    from tests.services.world import world_dataset

    data = submitted(world_dataset(), "CAS")  # CAS has no plans: no plan execution rate
    assert data.summary("CAS", 2026).figures["plan_execution_rate"] is None
    assert parse_dataset(dataset_to_json(data)) == data


def test_a_plan_of_another_department_institute_or_of_none_is_refused():
    value = spec_example()
    value["institutes"].append({"code": "IOA", "name": "声学所"})
    value["departments"].append({"id": "IOA-D1", "institute": "IOA", "name": "一处"})
    value["plans"][0]["department"] = "IOA-D1"
    value["people"][0]["department"] = "D9"
    problems = problems_of(value)
    assert "people[0].department: no department 'D9'" in problems
    assert any(p.startswith("plans[0].department: department 'IOA-D1' belongs to 'IOA'")
               for p in problems), problems
