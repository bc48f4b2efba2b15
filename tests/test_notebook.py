"""Results show themselves as tables in Jupyter."""

from casedu.metrics import annual_figures, learning_archive, screen_backbone
from tests.exporters.conftest import hostile_dataset


def test_results_render_as_html_tables():
    data = hostile_dataset()
    shown = {
        "figures": annual_figures(data, "IOP", 2026)._repr_html_(),
        "screen": screen_backbone(data, "IOP", 2026)._repr_html_(),
        "archive": learning_archive(data, "p1")._repr_html_(),
        "dataset": data._repr_html_(),
    }
    assert "职工完训率" in shown["figures"] and "50.00%" in shown["figures"]
    assert "张伟" in shown["screen"]
    assert "会议e1" in shown["archive"]
    assert "<td>people</td><td>2</td>" in shown["dataset"]
    for html in shown.values():
        assert html.startswith("<table>") and "<script" not in html


def test_user_text_is_escaped_in_html():
    data = hostile_dataset()
    from casedu.reports import ReportContext, build_report

    html = build_report("class-stats", ReportContext(data, "IOP", 2026))._repr_html_()
    assert "<b>粗体</b>" not in html and "&lt;b&gt;" in html


def test_the_notebook_shows_hours_as_the_json_gives_them():
    from casedu.metrics import annual_figures
    from casedu.sample import sample_dataset

    figures = annual_figures(sample_dataset(), "DEMO", 2026)
    total = figures.to_json()["total_hours"]
    assert f"<td>{total}</td>" in figures._repr_html_()
    assert not total.endswith(".0")
