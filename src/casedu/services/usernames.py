"""Usernames as the manual gives them (登录): the institute code for the institute admin; for
staff their email, else ``CODE-<full pinyin of the name>``, numbered on a clash.

>>> staff_username("IOP", "张伟", None, taken=set())
'IOP-zhangwei'
>>> staff_username("IOP", "张伟", None, taken={"IOP-zhangwei"})
'IOP-zhangwei2'
>>> staff_username("IOP", "张伟", "ZhangWei@iop.ac.cn", taken=set())
'zhangwei@iop.ac.cn'
"""

from __future__ import annotations

import re
from collections.abc import Container

__all__ = ["STAFF_PASSWORD", "admin_password", "full_pinyin", "initial_password",
           "staff_username", "syllables"]

#: The initial password of staff accounts (初始为123456).
STAFF_PASSWORD = "123456"

_NOT_LATIN = re.compile(r"[^a-z0-9]")


def admin_password(code: str) -> str:
    """The initial password of an institute admin: ``<code>654321`` (所级简称654321)."""
    return f"{code}654321"


def initial_password(username: str, institute: str) -> str:
    """The manual's initial password of an account: the institute admin's (whose username is
    the institute's code), else staff's.

    >>> initial_password("IOP", "IOP"), initial_password("IOP-zhangwei", "IOP")
    ('IOP654321', '123456')
    """
    return admin_password(institute) if username == institute else STAFF_PASSWORD


#: Surnames read otherwise than the same character elsewhere (百家姓 readings): a name is
#: read with its surname's reading first.
SINGLE_SURNAMES = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao", "查": "zha",
    "盖": "ge", "缪": "miao", "覃": "qin", "乐": "yue", "召": "shao", "种": "chong", "秘": "bi",
    "繁": "po", "员": "yun", "宿": "su", "翟": "zhai", "冼": "xian", "折": "she", "尉": "wei",
    "隗": "wei", "眭": "sui", "句": "gou", "葛": "ge", "纪": "ji", "燕": "yan", "任": "ren",
    "华": "hua", "殷": "yin", "祭": "zhai", "洗": "xian", "过": "guo", "黑": "he",
}
COMPOUND_SURNAMES = {
    "尉迟": ("yu", "chi"), "万俟": ("mo", "qi"), "长孙": ("zhang", "sun"),
    "澹台": ("tan", "tai"), "子车": ("zi", "ju"), "乐正": ("yue", "zheng"),
    "亓官": ("qi", "guan"), "令狐": ("ling", "hu"), "欧阳": ("ou", "yang"),
}


def syllables(name: str) -> list[str]:
    """The pinyin syllables of a name, lower case, without tones; the surname read as a surname.

    >>> syllables("张伟"), syllables("曾伟"), syllables("单雄信"), syllables("尉迟恭")
    (['zhang', 'wei'], ['zeng', 'wei'], ['shan', 'xiong', 'xin'], ['yu', 'chi', 'gong'])
    """
    from pypinyin import Style, lazy_pinyin

    def read(text: str) -> list[str]:
        return [_NOT_LATIN.sub("", s.lower())
                for s in lazy_pinyin(text, style=Style.NORMAL, errors="default",
                                     v_to_u=False)] if text else []

    name = name.strip()
    if name[:2] in COMPOUND_SURNAMES:
        return [*COMPOUND_SURNAMES[name[:2]], *read(name[2:])]
    if name[:1] in SINGLE_SURNAMES and len(name) > 1:
        return [SINGLE_SURNAMES[name[0]], *read(name[1:])]
    return read(name)


def full_pinyin(name: str) -> str:
    """The full pinyin of a name, lower case, without tones or separators (姓名全拼).

    >>> full_pinyin("欧阳 娜娜"), full_pinyin("Li Lei")
    ('ouyangnana', 'lilei')
    """
    return "".join(syllables(name))


def staff_username(code: str, name: str, email: str | None, *, taken: Container[str]) -> str:
    """A staff member's username: the email if free, else CODE-pinyin, numbered from 2."""
    if email and email.strip() and email.strip().lower() not in taken:
        return email.strip().lower()
    base = f"{code}-{full_pinyin(name) or 'user'}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{number}", number + 1
    return candidate
