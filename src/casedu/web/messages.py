"""The library's refusals in the portal's words.

The library speaks English to the developers who call it (its errors name the operation, the
record and the rule, as the audit keeps them). A page is Chinese: a refusal the page shows is a
Chinese sentence saying what was refused; the library's own sentence is folded under 系统说明
(for whoever supports the admin, and the same words as the log and the audit). A message that is
Chinese already (the forms' own, the importers' places) is shown as it is.

>>> from casedu.errors import PermissionDeniedError, WorkflowError
>>> in_chinese(PermissionDeniedError("IOA acting as institute admin may not view_plan plan P1: "
...                                  "it is outside the institute IOA"))
'所请求的记录属于其他研究所，不在您的管理范围内，未作任何更改。'
>>> in_chinese(WorkflowError("IOP has a summary of 2026 already"))
'此操作与记录的当前状态不符（例如已提交、已实施、已上报或已存在），未作任何更改。'
>>> in_chinese(ValueError("请勾选人员"))
'请勾选人员'
"""

from __future__ import annotations

import re

from casedu.errors import (
    ArgumentTypeError,
    ConflictError,
    DatasetError,
    FileRefusedError,
    InvalidValueError,
    PermissionDeniedError,
    UnknownRecordError,
    WorkflowError,
)

__all__ = ["FIELDS", "in_chinese", "is_chinese", "original", "said"]

_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Three English words in a row: a sentence of the library's, though it may quote the
#: manual's Chinese words (a role's name, a field's).
_ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2}")

#: What a refused operation's reason means, by the words the library's rule uses.
_DENIED = (
    ("outside the institute", "所请求的记录属于其他研究所，不在您的管理范围内"),
    ("outside the department", "所请求的记录不在您管理的部门"),
    ("a class the account administers", "所请求的培训班不由您管理"),
    ("own records only", "职工只能查看和办理本人的记录"),
    ("own person", "不能审核、确认或上报与本人有关的记录（职责分离），请由其他管理员办理"),
    ("does not hold", "您的账号没有当前角色，请重新登录或切换角色"),
    ("it needs", "当前角色无权进行此操作，请切换到有此权限的角色"),
    ("no account", "所请求的账号不在您的研究所"),
)

#: What each other refusal means, by its kind (the first that matches).
_KINDS: tuple[tuple[type[Exception], str], ...] = (
    (UnknownRecordError, "找不到所请求的记录"),
    (ConflictError, "记录已被他人同时修改，请刷新页面后重试"),
    (WorkflowError, "此操作与记录的当前状态不符（例如已提交、已实施、已上报或已存在）"),
    (FileRefusedError, "文件无法读取或不被接受（可能已损坏、过大或含有公式）"),
    (DatasetError, "文件中的数据有误"),
    (InvalidValueError, "填写的内容不符合要求，请检查后重新提交"),
    (ArgumentTypeError, "请求的参数有误"),
)


#: The model's fields as the forms label them, for a value the model refused.
FIELDS = {
    "name": "名称", "title": "名称", "start": "开始日期", "end": "结束日期", "hours": "学时",
    "expense": "经费开支", "attendees": "参会人数", "staff": "工作人数", "location": "培训地点",
    "audience": "培训对象", "planned_participants": "计划参加人数", "category": "类别",
    "hire_date": "入职时间", "department": "部门", "person": "人员编号", "email": "邮箱",
    "total_investment": "单位投入总经费", "total_person_times": "单位培训总人次",
    "effectiveness": "培训成效", "review_note": "审核意见", "phone": "联系电话",
}


def is_chinese(text: str) -> bool:
    """Whether ``text`` is written in Chinese: it holds a Han character and no English phrase
    (the library's sentences quote the manual's words in Chinese, and are still English)."""
    return _HAN.search(text) is not None and _ENGLISH.search(text) is None


def in_chinese(error: Exception) -> str:
    """A refusal as a page shows it: the error's own text when it is Chinese, else a Chinese
    sentence saying what kind of refusal it is, ending with 未作任何更改."""
    text = str(error)
    if is_chinese(text):
        return text
    if isinstance(error, PermissionDeniedError):
        meaning = next((m for words, m in _DENIED if words in text), "当前角色无权进行此操作")
        return f"{meaning}，未作任何更改。"
    meaning = next((m for kind, m in _KINDS if isinstance(error, kind)), "请求未被接受")
    field = getattr(error, "field", None)
    label = FIELDS.get(field) if isinstance(field, str) and not _HAN.search(field) else field
    if isinstance(error, InvalidValueError) and isinstance(label, str):
        why = _VALUE_REASONS.get(_reason_kind(error.reason), "的值不符合要求")
        meaning = f"“{label}”{why}"
    return f"{meaning}，未作任何更改。"


#: A refused value's reason, by the words the model's rules use.
_VALUE_REASONS = {
    "before": "早于开始日期", "negative": "不能为负数", "empty": "不能为空",
    "long": "过长", "range": "超出允许的范围",
}


def _reason_kind(reason: str) -> str:
    for words, kind in (("before it starts", "before"), ("negative", "negative"),
                        ("must not be", "negative"), ("empty", "empty"), ("blank", "empty"),
                        ("longer than", "long"), ("too long", "long"), ("at most", "range"),
                        ("at least", "range"), ("between", "range")):
        if words in reason:
            return kind
    return ""


def original(message: object) -> str:
    """The library's own sentence behind a refusal a page shows in Chinese (folded under
    系统说明), or nothing when the message is Chinese already."""
    text = str(message) if message else ""
    return "" if not text or is_chinese(text) else text


def said(message: object) -> str:
    """A form's error as its page shows it (:func:`in_chinese` for an exception; a text as it
    is when it is Chinese)."""
    if isinstance(message, Exception):
        return in_chinese(message)
    text = str(message)
    return text if is_chinese(text) else in_chinese(ValueError(text))
