"""Passwords: stored only as a salted scrypt hash, compared in constant time; a new password is
checked with zxcvbn, a maintained strength estimator, against the words an attacker would try
first for this account (NIST SP 800-63B 5.1.1.2, OWASP ASVS V6).

A hash is a PHC string, as passlib and libpass write and read it, so a portal verifies
casedu's accounts with its own tools and casedu verifies the portal's:

>>> hasher = PasswordHasher(n=2**4)  # cheap, for examples and tests
>>> stored = hasher.hash("correct horse")
>>> stored[:21]
'$scrypt$ln=4,r=8,p=1$'
>>> hasher.verify("correct horse", stored), hasher.verify("wrong", stored)
(True, False)
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Sequence
from functools import cache
from importlib import resources

import attrs

from casedu.errors import InvalidValueError
from casedu.model.accounts import INITIAL_PASSWORD

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


#: The stored costs that are ever computed: anything beyond is a tampered row, never derived.
_MAX_LN, _MAX_R, _MAX_P = 20, 32, 16
#: A digest's bytes: passlib's default is 32; fewer would mean little, more costs for nothing.
_DIGEST = (16, 64)
_PHC = re.compile(r"\$scrypt\$(?P<params>[a-z0-9=,]+)\$(?P<salt>[A-Za-z0-9+/.]+)"
                  r"\$(?P<digest>[A-Za-z0-9+/.]+)")


def _power_of_two(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 2 \
            or value & (value - 1) or value > 2**_MAX_LN:
        raise ValueError(f"{attribute.name} must be a power of two from 2 to 2**{_MAX_LN}, "
                         f"got {value!r}")


@attrs.frozen
class PasswordHasher:
    """scrypt with the OWASP parameters by default (n=2**17, r=8, p=1: about half a second a
    hash here). Pass a smaller ``n`` where speed matters more than strength, as tests do.

    Hashes are PHC strings, ``$scrypt$ln=17,r=8,p=1$<salt>$<hash>`` (``ln`` the base-2
    logarithm of ``n``; salt and hash in base64 without padding), as passlib's and libpass's
    ``scrypt`` handler writes them. casedu 0.1's own ``scrypt$n$r$p$salt$hash`` still verifies;
    :meth:`needs_update` says to make it again, which a login does."""

    n: int = attrs.field(default=2**17, validator=_power_of_two)
    r: int = 8
    p: int = 1

    @property
    def parameters(self) -> str:
        """The cost as the PHC string writes it: ``ln=17,r=8,p=1``."""
        return f"ln={self.n.bit_length() - 1},r={self.r},p={self.p}"

    def hash(self, password: str) -> str:
        """``$scrypt$ln=…,r=…,p=…$salt$hash``: a new 16-byte salt, a 32-byte hash."""
        salt = secrets.token_bytes(16)
        digest = self._derive(password, salt, self.n, self.r, self.p, 32)
        return f"$scrypt${self.parameters}${_b64(salt)}${_b64(digest)}"

    def verify(self, password: str, stored: str) -> bool:
        """Whether ``password`` is the one behind ``stored``; malformed hashes (an account that
        cannot log in) never match, and cost the same time as any other."""
        try:
            n, r, p, salt, expected = _parse(stored)
            actual = self._derive(password, salt, n, r, p, len(expected))
        except ValueError:  # binascii.Error and a refused cost included
            self.dummy_verify(password)
            return False
        return hmac.compare_digest(actual, expected)

    def check(self, password: str, stored: str, *, initial: str) -> bool:
        """:meth:`verify`, where ``stored`` may also be
        :data:`~casedu.model.accounts.INITIAL_PASSWORD`: then ``password`` must be the
        account's ``initial`` one, compared in constant time after a hash's time is spent, so
        that every login answers as slowly whatever the account holds.

        >>> PasswordHasher(n=2**4).check("IOP654321", "$initial$", initial="IOP654321")
        True
        """
        if stored == INITIAL_PASSWORD:
            self.dummy_verify(password)
            return hmac.compare_digest(password.encode("utf-8"), initial.encode("utf-8"))
        return self.verify(password, stored)

    def needs_update(self, stored: str) -> bool:
        """Whether a hash that verifies should be made again (at the login that verified it):
        casedu 0.1's format, or another cost than this hasher's. A malformed hash needs
        nothing: it never logs in."""
        try:
            n, r, p, _, _ = _parse(stored)
        except ValueError:
            return False
        return not stored.startswith("$scrypt$") or (n, r, p) != (self.n, self.r, self.p)

    def dummy_verify(self, password: str) -> None:
        """Spend the time of a verification, so an unknown username answers as slowly."""
        self._derive(password, b"\0" * 16, self.n, self.r, self.p, 32)

    @staticmethod
    def _derive(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
        maxmem = max(2**26, 128 * n * r * p * 2)
        return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                              maxmem=maxmem, dklen=length)


def _b64(data: bytes) -> str:
    """The PHC string format's base64: the standard alphabet, no padding."""
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    """Base64 with or without padding; passlib's ``.`` for ``+`` too."""
    text = text.replace(".", "+")
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    """(n, r, p, salt, digest) of a PHC string or of casedu 0.1's format; ``ValueError`` for
    anything else, a cost beyond sane bounds included (a tampered row)."""
    if not isinstance(stored, str):
        raise ValueError("not a hash")
    match = _PHC.fullmatch(stored)
    if match:
        params = dict(item.partition("=")[::2] for item in match["params"].split(","))
        if sorted(params) != ["ln", "p", "r"] or not all(v.isdigit() for v in params.values()):
            raise ValueError("not scrypt's parameters")
        ln, r, p = int(params["ln"]), int(params["r"]), int(params["p"])
        salt, digest = _unb64(match["salt"]), _unb64(match["digest"])
    else:  # casedu 0.1: scrypt$n$r$p$salt$hash, padded base64
        scheme, n_text, r_text, p_text, salt_text, digest_text = stored.split("$")
        n = int(n_text)
        if scheme != "scrypt" or n < 2 or n & (n - 1):
            raise ValueError("not a hash of casedu")
        ln, r, p = n.bit_length() - 1, int(r_text), int(p_text)
        try:
            salt, digest = base64.b64decode(salt_text), base64.b64decode(digest_text)
        except binascii.Error as error:
            raise ValueError(str(error)) from None
    if not (1 <= ln <= _MAX_LN and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P and salt
            and _DIGEST[0] <= len(digest) <= _DIGEST[1]):
        raise ValueError("a cost or a length beyond bounds")
    return 2**ln, r, p, salt, digest


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
