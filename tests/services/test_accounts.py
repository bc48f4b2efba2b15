"""Accounts: usernames, initial passwords, the forced change, throttled failures, roles."""

import datetime as dt

import attrs
import pytest

from casedu.errors import (
    InvalidValueError,
    LoginFailedError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
)
from casedu.model import Account, Department, Role, RoleGrant
from casedu.model.accounts import INITIAL_PASSWORD
from casedu.services import MemoryStore, PasswordHasher, Workflow
from casedu.services.passwords import check_new_password
from casedu.services.usernames import full_pinyin, staff_username
from tests.builders import dataset, person

HASHER = PasswordHasher(n=2**4)


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def flow(clock):
    people = [attrs.evolve(person("p1", name="张伟", department="IOP-D01"),
                           email="ZhangWei@iop.ac.cn"),
              person("p2", name="张伟", department="IOP-D01"),
              person("p3", name="张伟", department="IOP-D01"),
              person("p4", name="欧阳娜娜", department="IOP-D01")]
    data = dataset(people=people,
                   departments=[Department(id="IOP-D01", institute="IOP", name="综合处")])
    workflow = Workflow(MemoryStore(data), clock=clock, hasher=HASHER)
    workflow.bootstrap_institute_admin("IOP")
    return workflow


def test_usernames_follow_the_manual(flow):
    admin = flow.change_password(flow.login("IOP", "IOP654321"), "IOP654321", "zhe-shi-mima-1")
    created = flow.create_accounts(admin)
    assert [a.username for a in created] == [
        "zhangwei@iop.ac.cn", "IOP-zhangwei", "IOP-zhangwei2", "IOP-ouyangnana"]
    assert all(a.must_change_password for a in created)
    assert flow.create_accounts(admin) == []  # everyone has one now
    staff = flow.login("IOP-zhangwei", "123456")
    assert staff.role is Role.STAFF


def test_initial_password_allows_only_a_change(flow):
    admin = flow.login("IOP", "IOP654321")
    with pytest.raises(PasswordChangeRequiredError, match="change it first"):
        flow.create_summary(admin, 2026)
    for weak, why in (("IOP654321", "differ from the initial"), ("short", "at least 8"),
                      ("password123", "too common"), ("iop", "at least 8")):
        with pytest.raises(InvalidValueError, match=why):
            flow.change_password(admin, "IOP654321", weak)
    admin = flow.change_password(admin, "IOP654321", "zhe-shi-mima-1")
    assert flow.create_summary(admin, 2026).year == 2026


def test_passwords_are_stored_hashed(flow):
    account = flow.store.state().accounts["IOP"]
    assert account.password_hash == INITIAL_PASSWORD  # public by construction: no hash of it
    flow.change_password(flow.login("IOP", "IOP654321"), "IOP654321", "zhe-shi-mima-1")
    account = flow.store.state().accounts["IOP"]
    assert "zhe-shi-mima-1" not in account.password_hash
    assert account.password_hash.startswith("$scrypt$ln=4,r=8,p=1$")
    assert all("password_hash" not in str(e.after) for e in flow.store.events())


def test_the_initial_password_works_until_it_is_changed_and_never_after(flow):
    admin = flow.login("IOP", "IOP654321")
    assert admin.account.must_change_password
    with pytest.raises(PasswordChangeRequiredError):
        flow.create_summary(admin, 2026)
    admin = flow.change_password(admin, "IOP654321", "zhe-shi-mima-1")
    assert not admin.account.must_change_password
    for attempt in ("IOP654321", "123456", INITIAL_PASSWORD):
        with pytest.raises(LoginFailedError):
            flow.login("IOP", attempt)
        with pytest.raises(LoginFailedError):
            flow.change_password(admin, attempt, "ling-yi-ge-mima-3")
    assert flow.login("IOP", "zhe-shi-mima-1").username == "IOP"


def test_an_account_on_its_initial_password_takes_only_its_own_initial_password(flow):
    admin = flow.change_password(flow.login("IOP", "IOP654321"), "IOP654321", "zhe-shi-mima-1")
    flow.create_accounts(admin)
    for username, wrong in (("IOP-zhangwei", "IOP654321"), ("IOP-zhangwei", INITIAL_PASSWORD),
                            ("IOP-zhangwei", "1234567"), ("IOP-zhangwei", "123456 ")):
        with pytest.raises(LoginFailedError):
            flow.login(username, wrong)
    staff = flow.login("IOP-zhangwei", "123456")
    staff = flow.change_password(staff, "123456", "wo-de-mi-ma-2")
    with pytest.raises(LoginFailedError):
        flow.login("IOP-zhangwei", "123456")


def test_an_initial_password_costs_a_login_one_hash_and_init_none(flow):
    """No hash is made for an initial password (it is public by construction), and a login
    against one spends the time of one, as every login does (docs/security.md)."""
    calls = []

    class Counting(PasswordHasher):
        def _derive(self, *args):  # type: ignore[override]
            calls.append(args[0])
            return PasswordHasher._derive(*args)

    counting = Counting(n=2**4)
    fresh = Workflow(MemoryStore(flow.store.state().dataset), hasher=counting)
    fresh.bootstrap_institute_admins()
    assert calls == []
    assert fresh.login("IOP", "IOP654321").username == "IOP"
    assert len(calls) == 1
    with pytest.raises(LoginFailedError):
        fresh.login("IOP", "wrong")
    assert len(calls) == 2


def test_an_account_on_its_initial_password_must_change_it():
    with pytest.raises(InvalidValueError, match="must change it"):
        Account(username="IOP", institute="IOP", password_hash=INITIAL_PASSWORD,
                must_change_password=False,
                grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute="IOP"),))


def test_failed_logins_say_nothing_specific_and_slow_down(flow, clock):
    with pytest.raises(LoginFailedError) as unknown:
        flow.login("nobody", "IOP654321")
    with pytest.raises(LoginFailedError) as wrong:
        flow.login("IOP", "wrong")
    assert str(unknown.value) == str(wrong.value)
    for _ in range(4):
        with pytest.raises(LoginFailedError):
            flow.login("IOP", "wrong")
    # five failures in a row: even the right password waits
    with pytest.raises(LoginFailedError):
        flow.login("IOP", "IOP654321")
    clock.now += dt.timedelta(minutes=1, seconds=1)
    assert flow.login("IOP", "IOP654321").username == "IOP"
    assert flow.store.state().accounts["IOP"].failed_logins == 0


def test_lockouts_grow(flow, clock):
    for _ in range(7):
        with pytest.raises(LoginFailedError):
            flow.login("IOP", "wrong")
        clock.now += dt.timedelta(minutes=5)  # past each wait, so the failure counts
    account = flow.store.state().accounts["IOP"]
    assert account.failed_logins == 7
    assert account.locked_until - (clock.now - dt.timedelta(minutes=5)) == dt.timedelta(minutes=4)


def test_roles_switch_and_are_granted(flow):
    admin = flow.change_password(flow.login("IOP", "IOP654321"), "IOP654321", "zhe-shi-mima-1")
    flow.create_accounts(admin)
    flow.grant_role(admin, "IOP-zhangwei",
                    RoleGrant(role=Role.DEPARTMENT_ADMIN, institute="IOP", department="IOP-D01"))
    user = flow.login("IOP-zhangwei", "123456")
    user = flow.change_password(user, "123456", "wo-de-mi-ma-2")
    assert user.role is Role.DEPARTMENT_ADMIN  # the highest role first
    as_staff = flow.switch_role(user, Role.STAFF)
    assert as_staff.role is Role.STAFF
    with pytest.raises(PermissionDeniedError):
        flow.switch_role(user, Role.INSTITUTE_ADMIN)
    with pytest.raises(PermissionDeniedError):
        flow.set_person(as_staff, "p1", hours_required=False)
    flow.set_person(user, "p1", hours_required=False)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("张伟", "zhangwei"), ("欧阳娜娜", "ouyangnana"), ("李 四", "lisi"), ("Tom", "tom"),
     ("吕布", "lvbu"),
     # surnames read as surnames (百家姓), not as the same character elsewhere
     ("曾伟", "zengwei"), ("单雄", "shanxiong"), ("解放", "xiefang"), ("仇英", "qiuying"),
     ("区明", "ouming"), ("朴志", "piaozhi"), ("查良镛", "zhaliangyong"),
     ("尉迟恭", "yuchigong"), ("万俟卨", "moqixie"), ("曾", "ceng")],
)
def test_full_pinyin(name, expected):
    assert full_pinyin(name) == expected


def test_email_clash_falls_back_to_pinyin():
    assert staff_username("IOP", "张伟", "a@x.cn", taken={"a@x.cn"}) == "IOP-zhangwei"


def test_username_is_not_a_password():
    with pytest.raises(InvalidValueError, match="username"):
        check_new_password("IOP-zhangwei", username="IOP-zhangwei", initial="123456")


def test_staff_usernames_read_surnames_as_surnames():
    assert staff_username("IOP", "曾伟", None, taken=set()) == "IOP-zengwei"
    assert staff_username("IOP", "单雄", None, taken=set()) == "IOP-shanxiong"


def test_a_workflow_needs_no_clock():
    import datetime as dt

    flow = Workflow(MemoryStore(dataset()), hasher=HASHER)
    flow.bootstrap_institute_admin("IOP")
    (event,) = flow.store.events()
    assert event.at.tzinfo is dt.UTC
    assert abs(dt.datetime.now(dt.UTC) - event.at) < dt.timedelta(minutes=1)


@pytest.mark.usefixtures("store_kind")
def test_every_institute_gets_its_admin_account_once_as_the_manual_gives_it():
    from casedu.services.changes import Change
    from tests.builders import institute
    from tests.services.world import new_flow

    flow, store = new_flow()  # IOP and IOA have their admins already, CAS none
    store.commit([Change(None, institute(code)) for code in ("IOE", "IOB")], [])
    made = flow.bootstrap_institute_admins()
    assert sorted(a.username for a in made) == ["CAS", "IOB", "IOE"]
    assert all(a.must_change_password and a.grant(Role.INSTITUTE_ADMIN).institute == a.username
               for a in made)
    assert flow.login("IOE", "IOE654321").role is Role.INSTITUTE_ADMIN
    assert flow.bootstrap_institute_admins() == []
    events = [e for e in store.events() if e.action == "bootstrap_admin"]
    assert sorted(e.record for e in events) == ["accounts:CAS", "accounts:IOB", "accounts:IOE"]
    assert {e.institute for e in events} == {"CAS", "IOB", "IOE"}
