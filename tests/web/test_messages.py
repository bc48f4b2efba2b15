"""A refusal on a page is said in Chinese (what was refused and why), the library's English
sentence folded under 系统说明; a Chinese message is shown as it is."""

from __future__ import annotations

import re

import pytest

from casedu.errors import InvalidValueError, PermissionDeniedError, WorkflowError
from casedu.web.messages import in_chinese, is_chinese, original, said
from tests.web.site import Site


def _alert(html: str) -> tuple[str, str]:
    """The alert's first paragraph and what 系统说明 folds."""
    found = re.search(r'<div class="error" role="alert"><p>(.*?)</p>', html, re.S)
    assert found is not None, html[-800:]
    folded = re.search(r"<summary>系统说明</summary><p lang=\"en\">(.*?)</p>", html, re.S)
    return found.group(1), folded.group(1) if folded else ""


@pytest.mark.parametrize(("user", "path", "meaning"), [
    ("IOP", "/plans/PX/implement", "所请求的记录属于其他研究所"),
    ("dept1", "/plans/P2/implement", "所请求的记录不在您管理的部门"),
    ("staff1", "/stats/staff", "当前角色无权进行此操作"),
])
def test_a_refusal_is_said_in_chinese_with_the_librarys_sentence_folded(user, path, meaning):
    client = Site().client()
    client.login(user)
    page = client.get(path)
    assert page.status_code == 403
    said_, folded = _alert(page.text)
    assert said_.startswith(meaning) and said_.endswith("未作任何更改。")
    assert is_chinese(said_) and not is_chinese(folded) and "may not" in folded


def test_a_refused_state_and_a_refused_value_are_said_in_chinese():
    assert in_chinese(WorkflowError("the summary of 2026 is submitted: frozen")).startswith(
        "此操作与记录的当前状态不符")
    assert in_chinese(InvalidValueError("ends 2026-05-01 before it starts 2026-05-03",
                                        field="end")) == "“结束日期”早于开始日期，未作任何更改。"
    assert in_chinese(PermissionDeniedError("x may not y: it is about the account's own "
                                            "person p1")).startswith("不能审核、确认或上报")
    assert said("请勾选人员") == "请勾选人员" and original("请勾选人员") == ""
    assert said("something english") == "请求未被接受，未作任何更改。"
    assert original("something english") == "something english"
