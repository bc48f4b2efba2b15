"""Password hashes in the PHC string format (``$scrypt$ln=17,r=8,p=1$<salt>$<hash>``) as
passlib and libpass read and write it: a portal verifies casedu's accounts with its own tools,
casedu verifies the portal's, and casedu 0.1's hashes still log in and are made again at the
next login."""

from __future__ import annotations

import base64
import hashlib
import re

import attrs
import pytest
from passlib.hash import scrypt as passlib_scrypt

from casedu.errors import LoginFailedError
from casedu.services import MemoryStore, PasswordHasher, Workflow
from tests.engines import ENGINES, new_store
from tests.services.world import NOW, PASSWORD, accounts, world_dataset

HASHER = PasswordHasher(n=2**4)
PHC = re.compile(r"^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$")

#: RFC 7914, section 12: scrypt("password", "NaCl", N=1024, r=8, p=16, dkLen=64).
RFC_7914 = ("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def casedu_0_1_hash(password: str, n: int = 2**4) -> str:
    """A hash as casedu 0.1 wrote it: ``scrypt$n$r$p$salt$hash``, padded base64."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=8, p=1, dklen=32)
    return "$".join(("scrypt", str(n), "8", "1", base64.b64encode(salt).decode(),
                     base64.b64encode(digest).decode()))


def test_a_hash_is_a_phc_string():
    stored = HASHER.hash(PASSWORD)
    match = PHC.match(stored)
    assert match, stored
    ln, r, p, salt, digest = match.groups()
    assert (int(ln), int(r), int(p)) == (4, 8, 1)
    assert len(base64.b64decode(salt + "==")) == 16 and len(base64.b64decode(digest + "=")) == 32
    assert HASHER.hash(PASSWORD) != stored  # a new salt each time


def test_the_default_cost_is_written_as_ln_17():
    assert PasswordHasher().parameters == "ln=17,r=8,p=1"


def test_passlib_verifies_a_casedu_hash():
    stored = HASHER.hash(PASSWORD)
    assert passlib_scrypt.verify(PASSWORD, stored)
    assert not passlib_scrypt.verify("wrong", stored)
    assert passlib_scrypt.identify(stored)


def test_casedu_verifies_a_passlib_hash():
    stored = passlib_scrypt.using(rounds=5, salt_size=24).hash("口令-passe-9")
    assert stored.startswith("$scrypt$ln=5,r=8,p=1$")
    assert HASHER.verify("口令-passe-9", stored)
    assert not HASHER.verify("口令-passe-8", stored)
    assert HASHER.needs_update(stored)  # another cost than casedu's: made again at login
    assert not PasswordHasher(n=2**5).needs_update(stored)


def test_the_published_scrypt_vector_as_a_phc_string():
    stored = f"$scrypt$ln=10,r=8,p=16${b64(b'NaCl')}${b64(bytes.fromhex(RFC_7914))}"
    assert HASHER.verify("password", stored)
    assert not HASHER.verify("Password", stored)
    # scrypt's first 32 bytes are its 32-byte output (PBKDF2's blocks): passlib's length
    short = f"$scrypt$ln=10,r=8,p=16${b64(b'NaCl')}${b64(bytes.fromhex(RFC_7914)[:32])}"
    assert passlib_scrypt.verify("password", short) and HASHER.verify("password", short)


def test_passlibs_adapted_base64_is_read():
    """passlib 1.7 may write '.' where base64 has '+'; its readers take both."""
    salt = bytes(range(62, 78))  # encodes with '+' and '/'
    digest = hashlib.scrypt(b"pw-123456", salt=salt, n=16, r=8, p=1, dklen=32)
    stored = f"$scrypt$ln=4,r=8,p=1${b64(salt)}${b64(digest)}"
    assert "+" in stored or "/" in stored
    assert HASHER.verify("pw-123456", stored)
    assert HASHER.verify("pw-123456", stored.replace("+", "."))


def test_casedu_0_1_hashes_still_verify_and_need_an_update():
    old = casedu_0_1_hash(PASSWORD)
    assert HASHER.verify(PASSWORD, old) and not HASHER.verify("wrong", old)
    assert HASHER.needs_update(old)
    assert not HASHER.needs_update(HASHER.hash(PASSWORD))


@pytest.mark.parametrize("stored", [
    "", "!", "$scrypt$", "$scrypt$ln=4,r=8,p=1$$", "$scrypt$ln=4,r=8$c2FsdA$aGFzaA",
    "$scrypt$ln=4,r=8,p=1,x=2$c2FsdHNhbHRzYWx0$" + "A" * 43,
    "$scrypt$ln=99,r=8,p=1$c2FsdHNhbHRzYWx0$" + "A" * 43,  # a tampered cost is never computed
    "$scrypt$ln=4,r=800,p=1$c2FsdHNhbHRzYWx0$" + "A" * 43,
    "$scrypt$ln=-4,r=8,p=1$c2FsdHNhbHRzYWx0$" + "A" * 43,
    "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0$" + "A" * 10,  # a digest too short to mean much
    "$scrypt$ln=4,r=8,p=1$c2FsdH*hbHRzYWx0$" + "A" * 43,
    "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$" + "A" * 43,
    "$7$CU..../....salt$hash", "scrypt$99$8$1$c2FsdA==$aGFzaA==", "scrypt$16$8$1$!$!",
])
def test_a_malformed_hash_never_matches(stored):
    assert HASHER.verify(PASSWORD, stored) is False
    assert HASHER.needs_update(stored) is False  # nothing to make again: it cannot log in


@pytest.mark.parametrize("n", [0, 1, 3, 2**4 + 1, 2**21, True])
def test_the_cost_is_a_power_of_two(n):
    with pytest.raises((ValueError, TypeError)):
        PasswordHasher(n=n)


def old_accounts():
    return [attrs.evolve(a, password_hash=casedu_0_1_hash(PASSWORD)) for a in accounts()]


@pytest.mark.parametrize("kind", ["memory", *ENGINES])
def test_an_old_hash_is_made_again_at_the_next_login(kind, tmp_path):
    def stored(store):
        return store.get("accounts", ("staff1",)).password_hash

    if kind == "memory":
        store = MemoryStore(world_dataset(), old_accounts())
        _check_upgrade(store, stored)
        return
    with new_store(kind, tmp_path) as store:
        store.replace_all(world_dataset(), accounts=old_accounts())
        _check_upgrade(store, stored)


def _check_upgrade(store, stored):
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    old = stored(store)
    with pytest.raises(LoginFailedError):
        flow.login("staff1", "wrong")
    assert stored(store) == old  # a failed login makes nothing again
    assert flow.login("staff1", PASSWORD).username == "staff1"
    new = stored(store)
    assert new.startswith("$scrypt$ln=4,r=8,p=1$") and passlib_scrypt.verify(PASSWORD, new)
    assert flow.login("staff1", PASSWORD).username == "staff1"
    assert stored(store) == new  # made once
    assert stored(store) != old and "password_hash" not in str(store.events()[-1].after)
