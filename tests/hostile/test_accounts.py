"""Accounts: new passwords are checked with zxcvbn against what an attacker tries first for the
account (NIST SP 800-63B, ASVS V6), and every failing login costs the same hash, so whether an
account exists or is locked cannot be timed."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from casedu.errors import InvalidValueError, LoginFailedError
from casedu.model import Account, Department, Role, RoleGrant
from casedu.services import MemoryStore, PasswordHasher, Workflow
from casedu.services.changes import Change
from casedu.services.passwords import MAX_LENGTH, check_new_password, context_words
from tests.builders import dataset, person


class CountingHasher(PasswordHasher):
    """A cheap hasher that counts the hashes it computes."""

    def __init__(self) -> None:
        super().__init__(n=2**4)
        object.__setattr__(self, "_count", [0])

    @property
    def hashes(self) -> int:
        return self._count[0]

    def _derive(self, password, salt, n, r, p, length):  # type: ignore[override]
        self._count[0] += 1
        return PasswordHasher._derive(password, salt, n, r, p, length)


class Clock:
    now = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def world():
    people = [attrs.evolve(person("p1", name="张伟", department="IOP-D01",
                                  hire_date=dt.date(2015, 7, 1)), email="zw@iop.ac.cn")]
    data = dataset(people=people,
                   departments=[Department(id="IOP-D01", institute="IOP", name="综合处")])
    hasher = CountingHasher()
    flow = Workflow(MemoryStore(data), clock=Clock(), hasher=hasher)
    flow.bootstrap_institute_admin("IOP")
    admin = flow.change_password(flow.login("IOP", "IOP654321"), "IOP654321", "zhe-shi-mima-1")
    flow.create_accounts(admin)
    return flow, hasher


WEAK = ["abc123456", "a1234567", "qwe123456", "00000000", "12345678", "iop654321a",
        "zhangwei2015", "Zhangwei@2015", "zw20150701", "woaini1314", "zhangwei0701",
        "IOP-zhangwei1", "qwertyuiop", "1qaz2wsx", "zw@iop.ac.cn", "Kx9#mQ2v",
        "password123", "P@ssw0rd", "iop20262026"]


@pytest.mark.parametrize("weak", WEAK)
def test_guessable_passwords_are_refused_with_advice(world, weak):
    flow, _ = world
    staff = flow.login("zw@iop.ac.cn", "123456")
    with pytest.raises(InvalidValueError) as info:
        flow.change_password(staff, "123456", weak)
    message = str(info.value)
    assert message.startswith("password: ")
    assert any(why in message for why in ("too easy to guess", "too common",
                                          "differ from the username"))


@pytest.mark.parametrize("strong", [
    "zhe-shi-mima-1", "correct horse battery staple", "tR7!pLw2zQ",
    "长城 故宫 颐和园 天坛", "a" * 3 + "-bright-orchid-ledger-" * 10,
])
def test_strong_passwords_and_long_passphrases_are_taken(world, strong):
    flow, _ = world
    staff = flow.login("zw@iop.ac.cn", "123456")
    changed = flow.change_password(staff, "123456", strong)
    assert not changed.account.must_change_password
    assert flow.login("zw@iop.ac.cn", strong).username == "zw@iop.ac.cn"


@pytest.mark.parametrize(("length", "accepted"), [(MAX_LENGTH, True), (MAX_LENGTH + 1, False),
                                                  (7, False)])
def test_password_lengths_at_their_bounds(length, accepted):
    password = ("river-stone-maple-" * 20)[:length]
    if accepted:
        check_new_password(password, username="u", initial="123456")
    else:
        with pytest.raises(InvalidValueError, match=r"at (least|most)"):
            check_new_password(password, username="u", initial="123456")


def test_the_context_holds_name_institute_email_and_dates():
    words = context_words(username="zw@iop.ac.cn", institute="IOP", name="张伟",
                          email="zw@iop.ac.cn", dates=(dt.date(2015, 7, 1),))
    for expected in ("iop", "zhangwei", "zw", "zhang", "wei", "20150701", "2015", "0701",
                     "150701", "woaini"):
        assert expected in words


def test_every_failing_login_costs_exactly_one_hash(world):
    flow, hasher = world
    store = flow.store
    locked = attrs.evolve(store.state().accounts["IOP"], failed_logins=9,
                          locked_until=Clock.now + dt.timedelta(hours=1))
    store.commit([Change(store.state().accounts["IOP"], locked)], [])
    no_login = Account(username="cli:root@IOP", institute="IOP", must_change_password=False,
                       grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute="IOP"),),
                       password_hash="!")
    store.commit([Change(None, no_login)], [])
    attempts = {
        "unknown username": ("nobody", "whatever-1"),
        "locked account": ("IOP", "zhe-shi-mima-1"),
        "wrong password": ("zw@iop.ac.cn", "wrong-password"),
        "account that cannot log in": ("cli:root@IOP", "!"),
    }
    messages = set()
    for what, (username, password) in attempts.items():
        before = hasher.hashes
        with pytest.raises(LoginFailedError) as info:
            flow.login(username, password)
        assert hasher.hashes - before == 1, what
        messages.add(str(info.value))
    assert len(messages) == 1  # and every one says the same
    before = hasher.hashes
    flow.login("zw@iop.ac.cn", "123456")
    assert hasher.hashes - before == 1


def test_a_tampered_hash_cannot_make_a_login_expensive(world):
    flow, hasher = world
    store = flow.store
    for tampered in ("scrypt$1073741824$64$64$AAAA$AAAA",
                     "$scrypt$ln=30,r=64,p=64$AAAAAAAAAAAAAAAAAAAAAA$" + "A" * 43):
        account = store.state().accounts["IOP"]
        costly = attrs.evolve(account, password_hash=tampered)
        store.commit([Change(account, costly)], [])
        before = hasher.hashes
        with pytest.raises(LoginFailedError):
            flow.login("IOP", "zhe-shi-mima-1")
        assert hasher.hashes - before == 1  # the ordinary cost, not the stored one


def test_no_dataset_file_puts_an_account_on_its_initial_password(tmp_path, capsys):
    """The accounts on their initial password are made by casedu alone (``init``, 创建账号):
    a dataset file holds no accounts, and a field of one anywhere is refused."""
    import json

    from casedu.cli import main
    from casedu.dataset import save_dataset
    from casedu.model.accounts import INITIAL_PASSWORD
    from tests.services.world import world_dataset

    save_dataset(world_dataset(), tmp_path / "good.json")
    good = json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))
    account = {"username": "IOP", "institute": "IOP", "password_hash": INITIAL_PASSWORD,
               "must_change_password": False, "grants": [{"role": "institute_admin",
                                                          "institute": "IOP"}]}
    sections = json.loads(json.dumps(good))
    sections["accounts"] = [account]
    fields = json.loads(json.dumps(good))
    fields["people"][0]["password_hash"] = INITIAL_PASSWORD
    fields["institutes"][0]["accounts"] = [account]
    for name, value, where in (("sections", sections, "accounts"),
                               ("fields", fields, "people[0].password_hash")):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        assert main(["init", str(tmp_path / f"{name}.casedu"), "--from", str(path)]) == 1
        err = capsys.readouterr().err
        assert where in err
        assert not (tmp_path / f"{name}.casedu").exists()


def test_a_stored_initial_password_that_need_not_be_changed_is_refused(tmp_path, capsys):
    """A row written beside casedu that leaves an account on its initial password without the
    forced change is refused when read, never a login."""
    import sqlite3

    from casedu.cli import main
    from casedu.dataset import save_dataset
    from casedu.errors import CaseduError
    from casedu.store import SqliteStore
    from tests.services.world import world_dataset

    save_dataset(world_dataset(), tmp_path / "d.json")
    assert main(["init", str(tmp_path / "ws.casedu"), "--from", str(tmp_path / "d.json")]) == 0
    with sqlite3.connect(tmp_path / "ws.casedu") as db:
        db.execute("UPDATE accounts SET must_change_password = 0 WHERE username = 'IOP'")
    db.close()
    store = SqliteStore.open(tmp_path / "ws.casedu")
    try:
        with pytest.raises(CaseduError, match="must_change_password"):
            Workflow(store, hasher=PasswordHasher(n=2**4)).login("IOP", "IOP654321")
    finally:
        store.close()
