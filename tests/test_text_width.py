"""Terminal widths of mixed Chinese and Latin text."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from casedu.cli.output import render_table
from casedu.text_width import display_width


@given(st.text())
def test_display_width_counts_wide_characters_twice(text):
    expected = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    assert display_width(text) == expected


def test_tables_align_chinese():
    lines = render_table(["姓名", "学时"], [["张伟", "1"], ["Li", "120"]],
                         right=[False, True]).splitlines()
    assert len({display_width(line) for line in lines}) == 1
