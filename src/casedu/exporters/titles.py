"""Where the title of a column (or a mark) breaks, for the exporters that lay out their own
lines (the PDF) or measure columns and rows (every table format). A title is a unit of its
own: it breaks only between the words it is made of, into at most two lines of at least two
characters; other text breaks as :mod:`casedu.exporters.linebreak` breaks it.
"""

from __future__ import annotations

import re

from casedu.exporters.linebreak import Measure

__all__ = ["TITLE_WORDS", "title_lines", "title_width", "title_words"]

#: Words that a title breaks between (培训|起止时间, never 培训起|止时间): a title is cut into
#: the longest of these that it starts with, else two characters, a number and its unit
#: together, a bracketed part whole.
TITLE_WORDS = ("起止时间", "培训", "名称", "精品", "是否", "对象", "内容", "目的", "目标",
               "地点", "参会", "工作", "人数", "经费", "开支", "成效", "联系人", "联系", "电话",
               "序号", "人员", "编号", "姓名", "部门", "在职", "学时", "要求", "新入职", "总学时",
               "外部", "学习", "在线", "纳入", "考核", "完成", "年度", "单次", "超过", "上报",
               "日期", "类别", "状态", "计入", "数值", "数据", "来源", "取得", "方式", "可修改",
               "培训班", "的培训", "标记")
_TITLE_UNIT = re.compile(r"[（(【〔][^）)】〕]*[）)】〕]"
                         r"|\d+(?:\.\d+)?(?:学时|小时|元|人|项|%)?|[A-Za-z]+")


def title_words(title: str) -> list[str]:
    """The words of a column's title, between which alone it may break.

    >>> title_words("培训起止时间"), title_words("经费开支（元）"), title_words("完成100学时")
    (['培训', '起止时间'], ['经费', '开支', '（元）'], ['完成', '100学时'])
    """
    words: list[str] = []
    i = 0
    while i < len(title):
        unit = _TITLE_UNIT.match(title, i)
        if unit is not None:
            words.append(unit.group())
            i = unit.end()
            continue
        word = next((w for w in sorted(TITLE_WORDS, key=len, reverse=True)
                     if title.startswith(w, i)), title[i:i + 2])
        if len(word) == 1 and words:
            words[-1] += word
        else:
            words.append(word)
        i += len(word)
    return words


def title_lines(title: str, width: float, measure: Measure,
                words: tuple[str, ...] | None = None) -> list[str]:
    """A column's title (or a mark) in one line if it fits ``width``, else in two, broken
    between two of its words (:func:`title_words`, or ``words``), each line of at least two
    characters, as balanced as can be; a title of three characters or less is never broken.
    The lines may be wider than ``width``: the column is then made wider (a title is a unit).

    >>> title_lines("是否精品", 2, len), title_lines("培训起止时间", 4, len)
    (['是否', '精品'], ['培训', '起止时间'])
    >>> title_lines("联系人", 1, len), title_lines("经费开支（元）", 4, len)
    (['联系人'], ['经费开支', '（元）'])
    """
    if measure(title) <= width or len(title) <= 3:
        return [title]
    parts = list(words) if words else title_words(title)
    best: list[str] | None = None
    for cut in range(1, len(parts)):
        head, tail = "".join(parts[:cut]), "".join(parts[cut:])
        if len(head) < 2 or len(tail) < 2:
            continue
        wide = max(measure(head), measure(tail))
        if best is None or wide < max(measure(best[0]), measure(best[1])):
            best = [head, tail]
    return best or [title]


def title_width(title: str, measure: Measure, words: tuple[str, ...] | None = None) -> float:
    """The least width a title needs: its widest line when broken into two (or whole)."""
    return max(measure(line) for line in title_lines(title, 0, measure, words))
