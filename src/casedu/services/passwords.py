"""Passwords: stored only as a salted scrypt hash, compared in constant time.

>>> hasher = PasswordHasher(n=2**4)  # cheap, for examples and tests
>>> stored = hasher.hash("correct horse")
>>> hasher.verify("correct horse", stored), hasher.verify("wrong", stored)
(True, False)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from functools import cache
from importlib import resources

import attrs

from casedu.errors import InvalidValueError

__all__ = ["MIN_LENGTH", "PasswordHasher", "check_new_password", "common_passwords"]

MIN_LENGTH = 8


@attrs.frozen
class PasswordHasher:
    """scrypt with the OWASP parameters by default (n=2**17, r=8, p=1: about half a second a
    hash here). Pass a smaller ``n`` where speed matters more than strength, as tests do."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def hash(self, password: str) -> str:
        """``scrypt$n$r$p$salt$hash``, salt and hash in base64."""
        salt = secrets.token_bytes(16)
        digest = self._derive(password, salt, self.n, self.r, self.p)
        return "$".join(("scrypt", str(self.n), str(self.r), str(self.p),
                         base64.b64encode(salt).decode(), base64.b64encode(digest).decode()))

    def verify(self, password: str, stored: str) -> bool:
        """Whether ``password`` is the one behind ``stored``; malformed hashes never match."""
        try:
            scheme, n, r, p, salt, digest = stored.split("$")
            if scheme != "scrypt":
                return False
            expected = base64.b64decode(digest)
            actual = self._derive(password, base64.b64decode(salt), int(n), int(r), int(p))
        except (ValueError, TypeError):
            return False
        return hmac.compare_digest(actual, expected)

    def dummy_verify(self, password: str) -> None:
        """Spend the time of a verification, so an unknown username answers as slowly."""
        self._derive(password, b"\0" * 16, self.n, self.r, self.p)

    @staticmethod
    def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        maxmem = max(2**26, 128 * n * r * p * 2)
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                              maxmem=maxmem, dklen=32)


@cache
def common_passwords() -> frozenset[str]:
    """The blocklist shipped with casedu: passwords too common to allow."""
    text = resources.files("casedu.services").joinpath("common_passwords.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def check_new_password(password: str, *, username: str, initial: str) -> None:
    """Refuse a new password that is short, common, the initial one or the username."""
    if len(password) < MIN_LENGTH:
        raise InvalidValueError(f"a password has at least {MIN_LENGTH} characters",
                                field="password")
    if password == initial:
        raise InvalidValueError("the new password must differ from the initial one",
                                field="password")
    if password.lower() == username.lower():
        raise InvalidValueError("the password must differ from the username", field="password")
    if password.lower() in common_passwords():
        raise InvalidValueError("this password is too common; choose another",
                                field="password")
