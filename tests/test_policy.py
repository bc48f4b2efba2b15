import datetime as dt
from decimal import Decimal

import attrs
import pytest

from casedu.policy import DEFAULT_POLICY, Policy, YearBasis


def test_defaults_are_the_manual_numbers():
    assert DEFAULT_POLICY.required_hours == 100
    assert DEFAULT_POLICY.backbone_total_hours == 100
    assert DEFAULT_POLICY.backbone_single_hours == 40
    assert DEFAULT_POLICY.backbone_quota == Decimal("0.04")
    assert DEFAULT_POLICY.year_basis is YearBasis.START
    assert DEFAULT_POLICY.percent_places == 2
    assert DEFAULT_POLICY.fraction_places == 4


def test_policy_is_frozen():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_POLICY.required_hours = Decimal(80)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("basis", "expected"), [(YearBasis.START, 2025), (YearBasis.END, 2026)]
)
def test_year_of_follows_the_basis(basis, expected):
    policy = Policy(year_basis=basis)
    assert policy.year_of(dt.date(2025, 12, 30), dt.date(2026, 1, 3)) == expected


@pytest.mark.parametrize(
    "kwargs",
    [{"required_hours": Decimal(-1)}, {"backbone_quota": Decimal(0)},
     {"backbone_quota": Decimal("1.5")}, {"percent_places": -1}],
)
def test_nonsense_policies_are_refused(kwargs):
    with pytest.raises(ValueError):
        Policy(**kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [{"required_hours": True}, {"required_hours": "lots"}, {"required_hours": "1e2"},
     {"year_basis": "middle"}, {"percent_places": 2.5}, {"time_zone": "Mars/Olympus"},
     {"backbone_quota": "NaN"}],
)
def test_nonsense_policies_are_refused_as_casedu_errors(kwargs):
    from casedu.errors import InvalidValueError

    with pytest.raises(InvalidValueError):
        Policy(**kwargs)


@pytest.mark.parametrize(("given", "expected"), [
    (80, Decimal(80)), ("80.5", Decimal("80.5")), (Decimal(80), Decimal(80)),
    (80.5, Decimal("80.5")),
])
def test_numbers_are_converted_to_exact_decimals(given, expected):
    policy = Policy(required_hours=given)
    assert policy.required_hours == expected and isinstance(policy.required_hours, Decimal)
    assert Policy(year_basis="end").year_basis is YearBasis.END


def test_a_policy_from_a_toml_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text('required_hours = 80\nbackbone_quota = "0.05"\nyear_basis = "end"\n'
                    'time_zone = "Asia/Urumqi"\n', encoding="utf-8")
    policy = Policy.from_file(path)
    assert (policy.required_hours, policy.backbone_quota, policy.year_basis,
            policy.time_zone) == (Decimal(80), Decimal("0.05"), YearBasis.END, "Asia/Urumqi")
    assert policy.backbone_single_hours == DEFAULT_POLICY.backbone_single_hours


@pytest.mark.parametrize(("text", "problem"), [
    # an unknown key, with the nearest known one
    ("required_hour = 80\n", "required_hour: unknown key; did you mean required_hours?"),
    ("Year_Basis = 'end'\n", "Year_Basis: unknown key; did you mean year_basis?"),
    ("colour = 'red'\n", "colour: unknown key; a policy holds average_places, backbone_quota, "),
    # a wrong value: the key, the value as written, and what is expected
    ("required_hours = -1\n",
     'required_hours: got -1, expected hours, 0 or more, such as 100 or "80.5"'),
    ("required_hours = \"abc\"\n",
     'required_hours: got "abc", expected hours, 0 or more, such as 100 or "80.5"'),
    ("near_miss_hours = [1]\n", "near_miss_hours: got an array, expected hours"),
    # digits of other scripts are not read as numbers (a full-width 80, an Arabic-Indic zero)
    ('required_hours = "８０"\n', 'required_hours: got "８０", expected hours'),
    ('backbone_quota = "٠.05"\n', 'backbone_quota: got "٠.05", expected a fraction'),
    ("backbone_total_hours = true\n", "backbone_total_hours: got true, expected hours"),
    ("backbone_single_hours = 1e400\n", "backbone_single_hours: got inf, expected hours"),
    ("backbone_quota = 2\n",
     'backbone_quota: got 2, expected a fraction above 0 and at most 1, such as "0.04"'),
    ("backbone_quota = 0\n", "backbone_quota: got 0, expected a fraction above 0"),
    ("year_basis = \"middle\"\n", 'year_basis: got "middle", expected "start" or "end"'),
    ("percent_places = 11\n", "percent_places: got 11, expected a whole number from 0 to 10"),
    ("average_places = \"2\"\n", 'average_places: got "2", expected a whole number from 0'),
    ("time_zone = \"Mars/Base\"\n",
     'time_zone: got "Mars/Base", expected an IANA time zone such as "Asia/Shanghai"'),
    ("[required_hours]\nvalue = 80\n", "required_hours: got a table, expected hours"),
])
def test_a_bad_policy_file_names_the_key_the_value_and_what_is_expected(tmp_path, text,
                                                                        problem):
    from casedu.errors import DatasetError

    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        Policy.from_file(path)
    assert str(info.value).startswith(f"{path}: 1 problem")
    (found,) = info.value.problems
    assert str(found).startswith(problem), str(found)


def test_every_problem_of_a_policy_file_is_named_at_once(tmp_path):
    from casedu.errors import DatasetError

    path = tmp_path / "policy.toml"
    path.write_text("required_hours = -1\nbackbone_quota = 2\nrequired_hour = 80\n"
                    "year_basis = 'end'\n", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        Policy.from_file(path)
    assert [p.place for p in info.value.problems] == ["required_hours", "backbone_quota",
                                                       "required_hour"]


def test_the_boundaries_of_a_policy_file_are_taken(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_text("required_hours = 0\nbackbone_quota = 1\npercent_places = 10\n"
                    "average_places = 0\n", encoding="utf-8")
    policy = Policy.from_file(path)
    assert (policy.required_hours, policy.backbone_quota, policy.percent_places,
            policy.average_places) == (0, 1, 10, 0)


@pytest.mark.parametrize(("text", "message"), [
    ("required_hours = \n", "not TOML"),
])
def test_a_file_that_is_not_a_policy_is_refused_with_its_place(tmp_path, text, message):
    from casedu.errors import DatasetError

    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError, match=message) as info:
        Policy.from_file(path)
    assert str(path) in str(info.value)
    with pytest.raises(DatasetError, match="cannot read it"):
        Policy.from_file(tmp_path / "none.toml")


def test_every_label_follows_the_policy():
    from casedu.metrics import annual_figures
    from casedu.reports import ReportContext, build_report
    from casedu.reports.summary import hours_bins
    from casedu.sample import sample_dataset

    policy = Policy(required_hours=80, backbone_single_hours=30, backbone_quota="0.05")
    data = sample_dataset()
    labels = [f.label for f in annual_figures(data, "DEMO", 2026, policy=policy).figures()]
    assert "完成80学时人数" in labels and "需完成80学时人数" in labels
    assert not any("100" in label for label in labels)
    sources = [f.source for f in annual_figures(data, "DEMO", 2026, policy=policy).figures()]
    assert "上报骨干人才数/(单位在职总人数*5%)" in sources
    context = ReportContext(data, "DEMO", 2026, policy=policy)
    overview = build_report("staff-overview", context)
    assert "完成80学时" in [c.title for c in overview.tables[0].columns]
    backbone = build_report("backbone", context)
    assert "单次超过30学时的培训" in [c.title for c in backbone.tables[0].columns]
    summary = build_report("summary", context)
    assert "需完成80学时" in str(summary.blocks)
    assert [label for label, _, _ in hours_bins(policy)] == [
        "0", "0–<30", "30–<60", "60–<80", "80–<120", "≥120"]


def test_the_command_line_takes_a_policy(tmp_path, capsys):
    import json

    from casedu.cli import main
    from casedu.dataset import save_dataset
    from casedu.sample import sample_dataset

    data = tmp_path / "data.json"
    save_dataset(sample_dataset(), data)
    policy = tmp_path / "policy.toml"
    policy.write_text("required_hours = 40\n", encoding="utf-8")
    scope = [str(data), "--institute", "DEMO", "--year", "2026"]
    assert main(["summary", *scope, "--format", "json"]) == 0
    default = json.loads(capsys.readouterr().out)
    assert main(["summary", *scope, "--format", "json", "--policy", str(policy)]) == 0
    lower = json.loads(capsys.readouterr().out)
    assert lower["completed_count"] > default["completed_count"]
    assert main(["summary", *scope, "--policy", str(policy)]) == 0
    assert "完成40学时人数" in capsys.readouterr().out
    out = tmp_path / "overview.csv"
    assert main(["export", "staff-overview", *scope, "--format", "csv", "--output", str(out),
                 "--policy", str(policy)]) == 0
    assert "完成40学时" in out.read_text(encoding="utf-8-sig")
    policy.write_text("required_hours = 'x'\n", encoding="utf-8")
    assert main(["summary", *scope, "--policy", str(policy)]) == 1
    assert "policy.toml" in capsys.readouterr().err
