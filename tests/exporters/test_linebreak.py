"""Lines broken as Chinese print breaks them (W3C clreq): the tables of cases and the property
that holds for any text."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedu.exporters.linebreak import CLOSING, OPENING, break_lines, line_spans
from casedu.exporters.titles import title_lines, title_width

PIECES = ["培", "训", "成", "效", "、", "，", "。", "（", "）", "【", "】", "《", "》", "“", "”",
          "2026-01-08", "386,275.00", "98.6%", "010-82644670", " ", "\n", "Li", "——", "……"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.integers(min_value=2, max_value=14))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(pieces, width):
    text = "".join(pieces)
    lines = break_lines(text, width, len)
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        wide = len(stripped) > width  # only a token wider than the line is ever cut
        if stripped[0] in CLOSING:
            # a closing mark starts a line only where the text's own line starts with it
            assert any(p.strip().startswith(stripped[0]) for p in text.split("\n")), lines
        assert stripped[-1] not in OPENING or wide or stripped == line.strip(), lines
    # nothing is lost: the lines hold every character but the spaces at the breaks
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)


def test_closing_punctuation_after_spaces_hangs_where_what_it_would_take_down_cannot_fit():
    # found by the property above: the tokens taken down with 、 were cut at their spaces,
    # and a line started with " 、"
    lines = break_lines("培培  、", 2, len)
    assert not any(line.strip().startswith("、") for line in lines), lines
    assert "".join(lines).replace(" ", "") == "培培、"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.integers(min_value=2, max_value=14))
def test_spans_are_the_lines_in_order(pieces, width):
    text = "".join(pieces)
    spans = line_spans(text, width, len)
    assert [text[a:b] for a, b in spans] == break_lines(text, width, len)
    assert all(a <= b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("甲乙丙、丁", 3, ["甲乙", "丙、丁"]),  # 、 never starts a line: 丙 goes down with it
    ("甲乙（丙丁", 3, ["甲乙", "（丙丁"]),  # （ never ends a line
    ("日期2026-01-08。", 11, ["日期", "2026-01-08。"]),  # a date is never broken
    ("甲——乙", 2, ["甲", "——", "乙"]),  # a dash of two is never split
    ("甲……乙", 3, ["甲……", "乙"]),
])
def test_cases(text, width, lines):
    assert break_lines(text, width, len) == lines


@pytest.mark.parametrize(("title", "lines"), [
    ("培训起止时间", ["培训", "起止时间"]),
    ("是否精品", ["是否", "精品"]),
    ("经费开支（元）", ["经费开支", "（元）"]),
    ("联系人", ["联系人"]),  # three characters or less stay whole
    ("序号", ["序号"]),
    ("【未实施】", ["【未实施】"]),  # a mark is a unit
    ("完成100学时", ["完成", "100学时"]),
    ("单次超过40学时的培训", ["单次超过", "40学时的培训"]),
])
def test_titles_break_between_words_into_two_lines_of_two_or_more(title, lines):
    assert title_lines(title, 1, len) == lines
    assert all(len(line) >= 2 for line in lines) and len(lines) <= 2
    assert title_width(title, len) == max(len(line) for line in lines)


def test_a_title_that_fits_stays_on_one_line():
    assert title_lines("培训起止时间", 6, len) == ["培训起止时间"]


UNIT_PIECES = [*PIECES, "中", "国", "科", "学", "院", "a", "Zw", "iil", "+86 10 8264 9000", "____",
               " 、", "  ", "\t", "　", "A.B", "x-y", "：", "·", "——", "“", "’", "–", "_", "\ue000",
               "?", "？", "é"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(UNIT_PIECES), max_size=80),
       st.sampled_from([10.0, 20.0]), st.integers(min_value=0, max_value=400))
def test_unit_lines_are_the_token_lines(pieces, size, width):
    """The spreadsheets' measure breaks by running sums of whole units; any other measure
    token by token: the lines are the same (sizes of 10 and 20 points keep every sum exact)."""
    from casedu.exporters.sheetpage import MeasureAt

    text = "".join(pieces)
    units = MeasureAt(size)
    assert line_spans(text, width, units) == line_spans(text, width, lambda t: units(t))
