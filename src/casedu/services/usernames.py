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
from collections.abc import Set

__all__ = ["STAFF_PASSWORD", "admin_password", "full_pinyin", "staff_username", "syllables"]

#: The initial password of staff accounts (初始为123456).
STAFF_PASSWORD = "123456"

_NOT_LATIN = re.compile(r"[^a-z0-9]")


def admin_password(code: str) -> str:
    """The initial password of an institute admin: ``<code>654321`` (所级简称654321)."""
    return f"{code}654321"


def syllables(name: str) -> list[str]:
    """The pinyin syllables of a name, lower case, without tones.

    >>> syllables("张伟")
    ['zhang', 'wei']
    """
    from pypinyin import Style, lazy_pinyin

    return [_NOT_LATIN.sub("", s.lower())
            for s in lazy_pinyin(name, style=Style.NORMAL, errors="default", v_to_u=False)]


def full_pinyin(name: str) -> str:
    """The full pinyin of a name, lower case, without tones or separators (姓名全拼).

    >>> full_pinyin("欧阳 娜娜"), full_pinyin("Li Lei")
    ('ouyangnana', 'lilei')
    """
    return "".join(syllables(name))


def staff_username(code: str, name: str, email: str | None, *, taken: Set[str]) -> str:
    """A staff member's username: the email if free, else CODE-pinyin, numbered from 2."""
    if email and email.strip() and email.strip().lower() not in taken:
        return email.strip().lower()
    base = f"{code}-{full_pinyin(name) or 'user'}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{number}", number + 1
    return candidate
