"""Passwords: stored only as a salted scrypt hash, compared in constant time; a new password is
checked with zxcvbn, a maintained strength estimator, against the words an attacker would try
first for this account (NIST SP 800-63B 5.1.1.2, OWASP ASVS V6).

>>> hasher = PasswordHasher(n=2**4)  # cheap, for examples and tests
>>> stored = hasher.hash("correct horse")
>>> hasher.verify("correct horse", stored), hasher.verify("wrong", stored)
(True, False)
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from functools import cache
from importlib import resources

import attrs

from casedu.errors import InvalidValueError

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "MIN_SCORE", "PasswordHasher", "check_new_password",
           "common_passwords", "context_words"]

MIN_LENGTH = 8
#: Long passphrases are welcome (NIST: at least 64); this bounds the work of hashing one.
MAX_LENGTH = 256
#: zxcvbn's score a new password must reach: 3 is "safely unguessable" (about 10**8 guesses
#: and more), the level zxcvbn recommends against offline attacks on a slow hash.
MIN_SCORE = 3
#: zxcvbn estimates the first this many characters (it refuses longer input).
_ESTIMATED = 72
#: Words of the Chinese context that zxcvbn's English lists do not hold: what people put in
#: passwords here before anything else.
_CHINESE_WORDS = ("woaini", "aini", "5201314", "1314", "520", "woaini1314", "qwe", "asd",
                  "zxc", "qaz", "wsx", "abc", "zhongguo", "beijing", "kexueyuan", "cas",
                  "mima", "yiersan", "caspassword")


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
        """Whether ``password`` is the one behind ``stored``; malformed hashes (an account that
        cannot log in) never match, and cost the same time as any other."""
        try:
            scheme, n, r, p, salt, digest = stored.split("$")
            # a stored cost beyond sane bounds (a tampered row) is never computed
            sane = 1 < int(n) <= 2**20 and 0 < int(r) <= 32 and 0 < int(p) <= 16
            if scheme != "scrypt" or not sane:
                raise ValueError(scheme)
            expected = base64.b64decode(digest)
            actual = self._derive(password, base64.b64decode(salt), int(n), int(r), int(p))
        except (ValueError, TypeError):
            self.dummy_verify(password)
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


def context_words(*, username: str, institute: str, name: str | None = None,
                  email: str | None = None, dates: tuple[dt.date | None, ...] = ()) -> list[str]:
    """What an attacker tries first for this account: the username, the institute code, the
    pinyin of the name (full, and surname plus initials), the email's local part, and dates as
    digits (hire date, birthday-like forms), besides the common words of the Chinese context.

    >>> context_words(username="IOP-zhangwei", institute="IOP", name="张伟",
    ...               dates=(dt.date(2015, 7, 1),))[:8]
    ['iop-zhangwei', 'iop', 'zhangwei', 'zw', 'zhang', 'wei', '20150701', '2015']
    """
    from casedu.services.usernames import full_pinyin, syllables

    words = [username, institute]
    if name:
        parts = syllables(name)
        words += [full_pinyin(name), "".join(p[0] for p in parts if p), *parts,
                  f"{institute}-{full_pinyin(name)}"]
    if email:
        words.append(email.split("@", 1)[0])
    for day in dates:
        if day is not None:
            words += [f"{day:%Y%m%d}", f"{day:%Y}", f"{day:%m%d}", f"{day:%y%m%d}"]
    words += _CHINESE_WORDS
    return list(dict.fromkeys(w.lower() for w in words if w))


def check_new_password(password: str, *, username: str, initial: str,
                       context: Sequence[str] = ()) -> None:
    """Refuse a new password that is short, too long, the initial one, the username, on the
    blocklist, or guessable (zxcvbn's score under :data:`MIN_SCORE`, given ``context``: see
    :func:`context_words`). The message says why, with zxcvbn's advice where it has some."""
    if not isinstance(password, str):
        raise InvalidValueError("a password is a text", field="password")
    if len(password) < MIN_LENGTH:
        raise InvalidValueError(f"a password has at least {MIN_LENGTH} characters",
                                field="password")
    if len(password) > MAX_LENGTH:
        raise InvalidValueError(f"a password has at most {MAX_LENGTH} characters",
                                field="password")
    if password == initial:
        raise InvalidValueError("the new password must differ from the initial one",
                                field="password")
    if password.lower() == username.lower():
        raise InvalidValueError("the password must differ from the username", field="password")
    if password.lower() in common_passwords():
        raise InvalidValueError("this password is too common; choose another",
                                field="password")
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:_ESTIMATED],
                    user_inputs=[*context, username.lower(), initial.lower()])
    if result["score"] < MIN_SCORE:
        feedback = result.get("feedback") or {}
        advice = " ".join(filter(None, [feedback.get("warning") or "",
                                        *(feedback.get("suggestions") or [])]))
        raise InvalidValueError(
            "this password is too easy to guess (strength "
            f"{result['score']} of 4, at least {MIN_SCORE} needed); a few unrelated words "
            f"make a strong one{': ' + advice if advice else ''}", field="password")
