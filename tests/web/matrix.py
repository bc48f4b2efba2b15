"""The route × role × scope matrix, as data: one row per route, in the order of the menus. A new
page joins the matrix by adding its rows here (a test fails while a route of the app has none).

Each row names the library's operation the route performs or reads under. What each role gets
follows from that operation's roles (``OPERATIONS``) and where the record is:

- ``in``: the acting admin's own scope (plan P1 of department IOP-D1, which class1 administers;
  person s1; external record E1);
- ``dept2``: another department of the same institute (P2, s2, E2): institute admin only;
- ``ioa``: another institute (PX, x1, EX): nobody but the academy admin, who reads every
  institute (and changes nothing);
- ``missing``: an id that does not exist: 404 for everyone.

Allowed: 200 for a page, 303 (on to the next page) for an action, whose ``done`` check then
holds. Refused: 403, nothing changed, the attempt in the audit as denied. Missing: 404, nothing
changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from casedu.model import Role
from casedu.services import OPERATIONS

INST, DEPT, CLASS, STAFF, ACADEMY = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN,
                                     Role.CLASS_ADMIN, Role.STAFF, Role.ACADEMY_ADMIN)
ROLES = (INST, DEPT, CLASS, STAFF, ACADEMY)
#: The account that acts in each role (tests.services.world).
USERS = {INST: "IOP", DEPT: "dept1", CLASS: "class1", STAFF: "staff1", ACADEMY: "cas"}
SCOPED = ("in", "dept2", "ioa", "missing")
TARGETS = {
    "in": {"plan": "P1", "person": "s1", "external": "E1", "department": "IOP-D1",
           "newcomer": "s2", "year": "2025", "institute": "IOP"},
    "dept2": {"plan": "P2", "person": "s2", "external": "E2", "department": "IOP-D2",
              "newcomer": "s1", "year": "2025", "institute": "IOP"},
    "ioa": {"plan": "PX", "person": "x1", "external": "EX", "department": "IOA-D1",
            "newcomer": "x1", "year": "2025", "institute": "IOA"},
    "missing": {"plan": "nope", "person": "nobody", "external": "none", "department": "nope",
                "newcomer": "s1", "year": "1999", "institute": "NOPE"},
}


@attrs.frozen
class Row:
    """A route: its method and path (``{plan}``, ``{person}``, ``{external}``, ``{year}`` are
    filled from the targets of each scope), the form it posts (a GET: its query), the
    operation it performs, the scopes it is tried in (``("in",)`` for a route without a
    record in its path), and for an action what holds once it is done
    (``done(store, where)``)."""

    method: str
    path: str
    operation: str
    form: Mapping[str, Any] = attrs.field(factory=dict)
    wheres: tuple[str, ...] = SCOPED
    done: Callable[[Any, str], bool] | None = None
    #: Files the form uploads: field -> (file name, content).
    files: Mapping[str, tuple[str, bytes]] = attrs.field(factory=dict)
    #: The status of an allowed action that answers with a page (a dry run), not a redirect.
    ok_status: int | None = None
    #: Where the library's own scope rule differs from the common one: (role, where) -> outcome.
    outcomes: Mapping[tuple[Role, str], str] = attrs.field(factory=dict)

    def url(self, where: str) -> str:
        return self.path.format(**TARGETS[where])

    def fields(self, where: str) -> dict[str, Any]:
        return {k: (v.format(**TARGETS[where]) if isinstance(v, str) else v)
                for k, v in self.form.items()}


def outcome(row: Row, role: Role, where: str) -> str:
    """``ok``, ``refused`` or ``missing``: what the library's table and the scope say."""
    if (role, where) in row.outcomes:
        return row.outcomes[(role, where)]
    if where == "missing":
        return "missing"
    if role not in OPERATIONS[row.operation]:
        return "refused"
    if role is ACADEMY:  # 院级管理员: every read, of every institute
        return "ok"
    if where == "ioa":
        return "refused"
    if where == "in" or role is INST:
        return "ok"
    return "refused"


def _plan(store: Any, where: str, suffix: str = "") -> Any:
    return store.get("plans", (TARGETS[where]["plan"] + suffix,))


def _attendance(store: Any, where: str, who: str) -> Any:
    return store.get("attendance", (TARGETS[where]["plan"], TARGETS[where][who]))


def _external(store: Any, where: str) -> Any:
    return store.get("external_learning", (TARGETS[where]["external"],))


def _has_external(store: Any, where: str, title: str) -> bool:
    person = TARGETS[where]["person"]
    return any(r.person == person and r.title == title and r.status.value == "approved"
               for r in store.find("external_learning", person=person))


NEW_PLAN = {"name": "矩阵计划", "department": "{department}", "start": "2026-05-01",
            "end": "2026-05-02", "planned_participants": "10", "hours": "8",
            "expense": "0.00"}
ACTUAL = {"name": "实施的培训", "start": "2026-03-02", "end": "2026-03-02", "hours": "32",
          "expense": "1000.00", "attendees": "3", "staff": "1"}
EXTERNAL = {"person": "{person}", "category": "学术会议", "title": "矩阵会议",
            "start": "2026-06-01", "end": "2026-06-02", "hours": "8"}
ATTENDEES_FILE = {"file": ("名单.csv", "参会人员,确认参加\ns2,是\n".encode())}
EXTERNAL_FILE = {"file": ("外部学习.csv",
                          "人员,类别,名称,开始日期,学时\ns1,进修,研修,2026-07-01,24\n".encode())}

#: The academy admin reads the summaries of its own institute (the academy's office), which has
#: none of 2025.
NO_SUMMARY = {(ACADEMY, "in"): "missing"}

#: The academy's pages refuse every other role before they look an institute up.
NOT_THE_ACADEMY = {(role, "missing"): "refused" for role in (INST, DEPT, CLASS, STAFF)}

ROWS: list[Row] = [
    # 院级管理 → 院级汇总, its 导出 and an institute's figures (the drill-down)
    Row("GET", "/academy", "view_academy", {"year": "2026", "status": "missing"},
        wheres=("in",)),
    Row("GET", "/academy/download", "view_academy", {"year": "2026", "format": "xlsx"},
        wheres=("in",)),
    Row("GET", "/academy/{institute}", "view_academy", {"year": "2026"},
        wheres=("in", "ioa", "missing"), outcomes=NOT_THE_ACADEMY),
    # 培训计划 → 本机构计划
    Row("GET", "/plans", "list_plans", wheres=("in",)),
    Row("GET", "/plans/new", "create_plan", wheres=("in",)),
    Row("POST", "/plans/new", "create_plan", form=NEW_PLAN, wheres=("in", "dept2", "ioa"),
        outcomes={(CLASS, "dept2"): "ok"},  # a class admin creates plans anywhere in the institute
        done=lambda store, where: any(p.name == "矩阵计划" and p.status.value == "draft"
                                      for p in store.find("plans", institute="IOP"))),
    Row("POST", "/plans/{plan}d/publish", "publish_plan",
        done=lambda store, where: _plan(store, where, "d").status.value == "published"),
    Row("GET", "/plans/{plan}/implement", "view_plan"),
    Row("POST", "/plans/{plan}/implement", "implement_plan", form=ACTUAL,
        done=lambda store, where: _plan(store, where).implementation.name == "实施的培训"),
    Row("GET", "/plans/{plan}i/effectiveness", "view_plan"),
    Row("POST", "/plans/{plan}i/effectiveness", "set_effectiveness",
        form={"effectiveness": "效果良好"},
        done=lambda store, where: _plan(store, where, "i").effectiveness == "效果良好"),
    # 培训实施 → 培训班管理 → 管理 → 培训通知 → 实际参会人员
    Row("GET", "/classes", "list_plans", wheres=("in",)),
    Row("GET", "/classes/{plan}", "view_plan"),
    Row("GET", "/classes/{plan}/attendees", "view_plan"),
    Row("POST", "/classes/{plan}/attendees/confirm", "confirm_attendance",
        form={"person": "{person}"},
        done=lambda store, where: _attendance(store, where, "person").confirmed),
    Row("POST", "/classes/{plan}/attendees/undo", "undo_confirmation",
        form={"person": "{person}"},
        done=lambda store, where: not _attendance(store, where, "person").confirmed),
    Row("GET", "/classes/{plan}/attendees/add", "view_plan"),
    Row("POST", "/classes/{plan}/attendees/add", "add_attendees",
        form={"person": "{newcomer}"},
        done=lambda store, where: _attendance(store, where, "newcomer") is not None),
    Row("GET", "/classes/{plan}/attendees/import", "view_plan"),
    Row("GET", "/classes/{plan}/attendees/template", "view_plan"),
    Row("POST", "/classes/{plan}/attendees/import", "add_attendees", files=ATTENDEES_FILE,
        ok_status=200, wheres=("in", "dept2", "ioa")),
    Row("POST", "/classes/{plan}/attendees/import/confirm", "add_attendees",
        form={"person": "{newcomer}", "confirm": "{newcomer}"},
        done=lambda store, where: _attendance(store, where, "newcomer").confirmed),
    # 培训实施 → 外部学习审核, 审核创建/导入
    Row("GET", "/external", "review_external", wheres=("in",)),
    Row("POST", "/external/{external}/approve", "review_external",
        done=lambda store, where: _external(store, where).status.value == "approved"),
    Row("POST", "/external/{external}/reject", "review_external", form={"reason": "材料不全"},
        done=lambda store, where: _external(store, where).review_note == "材料不全"),
    Row("GET", "/external/create", "create_external", wheres=("in",)),
    Row("POST", "/external/create", "create_external", form=EXTERNAL,
        wheres=("in", "dept2", "ioa"),
        done=lambda store, where: _has_external(store, where, "矩阵会议")),
    Row("GET", "/external/template", "create_external", wheres=("in",)),
    Row("POST", "/external/import", "create_external", files=EXTERNAL_FILE, ok_status=200,
        wheres=("in",)),
    Row("POST", "/external/import/confirm", "create_external", form=EXTERNAL,
        wheres=("in", "dept2", "ioa"),
        done=lambda store, where: _has_external(store, where, "矩阵会议")),
    # 培训统计 → 培训班统计表
    Row("GET", "/stats/classes", "view_reports", wheres=("in",)),
    Row("GET", "/stats/classes/export", "view_reports", wheres=("in",)),
    # 培训统计 → 职工学习总体情况统计, and a person's archive from it
    Row("GET", "/stats/staff", "view_overview", wheres=("in",)),
    Row("GET", "/stats/staff/{person}", "view_archive"),
    # 培训统计 → 骨干人才筛选上报表 (reporting someone unknown is a refused value, 400: tested
    # on its own; so is revoking someone of another institute, as only s2 is reported)
    Row("GET", "/stats/backbone", "report_backbone", wheres=("in",)),
    Row("POST", "/stats/backbone/report", "report_backbone",
        {"year": 2026, "person": "{person}"}, wheres=("in", "dept2", "ioa"),
        done=lambda store, where: _reported(store, TARGETS[where]["person"])),
    Row("POST", "/stats/backbone/revoke", "revoke_backbone", {"year": 2026, "one": "s2"},
        wheres=("in",), done=lambda store, where: not _reported(store, "s2")),
    Row("GET", "/stats/backbone/export", "view_reports", wheres=("in",)),
    Row("GET", "/stats/backbone/download", "view_reports", wheres=("in",)),
    # 培训统计 → 年度培训总结: the institute's own summaries, by year (an admin of another
    # role meets the refusal before the year is looked up: a missing year is tested on its own)
    Row("GET", "/stats/summaries", "view_reports", wheres=("in",)),
    Row("POST", "/stats/summaries/new", "create_summary", {"year": 2026}, wheres=("in",),
        done=lambda store, where: _summary(store, 2026) is not None),
    Row("GET", "/stats/summaries/export", "view_reports", {"year": "2025"}, wheres=("in",),
        outcomes=NO_SUMMARY),
    Row("GET", "/stats/summaries/download", "view_reports", {"year": "2025"},
        wheres=("in",), outcomes=NO_SUMMARY),
    Row("GET", "/stats/summaries/{year}", "view_reports", wheres=("in",), outcomes=NO_SUMMARY),
    Row("POST", "/stats/summaries/{year}/save", "edit_summary",
        {"total_person_times": "", "total_investment": "2500.50"}, wheres=("in",),
        done=lambda store, where: str(_summary(store, 2025).total_investment) == "2500.50"),
    Row("POST", "/stats/summaries/{year}/refresh", "refresh_summary", wheres=("in",),
        done=lambda store, where: _summary(store, 2025).figures is not None),
    Row("POST", "/stats/summaries/{year}/submit", "submit_summary", wheres=("in",),
        done=lambda store, where: _summary(store, 2025).submitted),
    # 系统管理 → 人员管理 (确认导入 needs the token of a dry run: tested on its own)
    Row("GET", "/admin/people", "list_people", wheres=("in",)),
    Row("POST", "/admin/people/accounts", "create_accounts", wheres=("in",), ok_status=200),
    Row("POST", "/admin/people/import", "import_people", wheres=("in",), ok_status=200,
        files={"file": ("名单.csv", "人员编号,姓名,部门\nn1,新人一,IOP-D1\n".encode())}),
    Row("POST", "/admin/people/{person}", "set_person",
        {"hours_required": "否", "hire_date": "2026-03-01"},
        done=lambda store, where: not store.get("people", (TARGETS[where]["person"],))
        .hours_required),
    # 系统管理 → 数据检查, 审计日志
    Row("GET", "/admin/checks", "view_reports", wheres=("in",)),
    Row("GET", "/admin/audit", "list_audit", wheres=("in",)),
    # 我的学习 → 我的外部学习 (one's own records: E1 is staff1's, pending)
    Row("GET", "/learning/external", "view_archive", wheres=("in",)),
    Row("POST", "/learning/external/new", "submit_external",
        {"category": "进修", "title": "访问研修", "start": "2026-06-01", "end": "2026-06-05",
         "hours": "36"}, wheres=("in",),
        done=lambda store, where: any(r.title == "访问研修" and r.person == "s1"
                                      for r in store.state().dataset.external_learning)),
    Row("GET", "/learning/external/{external}", "view_archive"),
    Row("POST", "/learning/external/{external}/edit", "edit_external",
        {"category": "讲座", "title": "改过的", "start": "2026-05-01", "end": "2026-05-01",
         "hours": "6"},
        done=lambda store, where: store.get("external_learning", ("E1",)).title == "改过的"),
    Row("POST", "/learning/external/{external}/withdraw", "withdraw_external",
        done=lambda store, where: store.get("external_learning", ("E1",)) is None),
    # 我的学习 → 我的档案
    Row("GET", "/learning/archive", "view_archive", wheres=("in",)),
]

def _reported(store, person: str) -> bool:
    return any(r.person == person and r.year == 2026
               for r in store.state().dataset.backbone_reports)


def _summary(store, year: int):
    return store.state().dataset.summary("IOP", year)


#: Routes outside the matrix, each tested on its own (tests/web/test_sessions.py): the login,
#: the password, the role switch, the logout, the home page and the style sheet.
OUTSIDE = {"home", "login", "login_post", "password", "password_post", "switch_role", "logout",
           "static",
           # 确认导入 of 人员管理: tests/web/test_people_admin.py
           "people_import_confirm"}
