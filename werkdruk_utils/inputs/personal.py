"""What personal data look like, and how a value is shown when it might be personal.

One definition for the two places that need it: the loader's messages
(:mod:`werkdruk_utils.inputs.validation`, :mod:`werkdruk_utils.inputs.readers`) never echo a value
that looks like an e-mail address or a phone number, and the output check
(:mod:`werkdruk_utils.publish.output_check`) searches the outputs for the same shapes. Both mask a
hit with :func:`mask`.

* **E-mail addresses**: :data:`EMAIL_PATTERN` (any address, not only Dutch ones).
* **Dutch phone numbers**: :data:`PHONE_PATTERN` candidates with ten digits in national form
  (:func:`find_phones`): ``06-12345678``, ``+31 6 1234 5678``, ``0031 6 ...``, ``020-1234567``,
  ``(020) 123 4567``, ``+31 (0)20 123 4567``.
* **Phone-shaped values** in messages (:func:`looks_personal`): besides the two above, any value
  made of digits, spaces and ``+()./-`` only with at least :data:`PHONE_MIN_DIGITS` digits (foreign
  numbers, numbers without their leading zero, long numeric ids). A message is no place to tell
  them apart, so all of them are masked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

EMAIL_PATTERN = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w])"
)

_SEP = r"[ .\-]?"
PHONE_PATTERN = re.compile(
    r"(?<![\w.,+/-])"
    r"(?:(?:\+|00)31"
    + _SEP
    + r"(?:\(0\)"
    + _SEP
    + r")?|\(0|0)"  # +31 / 0031 (with optional (0)) or the trunk 0
    r"[1-9]\d{0,2}\)?"  # area code or 6 (mobile), joined to the 0
    r"(?:" + _SEP + r"\d{2,8}){1,4}"  # groups of digits with single separators
    r"(?![\w]|[.,]\d)"
)
"""Candidates for Dutch phone numbers; :func:`find_phones` keeps those with ten national digits."""

PHONE_MIN_DIGITS = 8
"""A value of digits and phone punctuation only, with at least this many digits, is masked."""

_PHONE_SHAPED = re.compile(r"[+(]?[\d\s().\-/]+")

MASK_MAX_STARS = 12


def mask(value: str, keep: int = 2) -> str:
    """A masked form that shows the kind of value but not the value: first ``keep`` characters,
    then one '*' per further character (at most 12) and the length. E-mail addresses keep their
    top-level domain: ``'sc***@ex***.org'``."""
    value = str(value)
    if "@" in value:
        local, _, domain = value.partition("@")
        tld = domain.rsplit(".", 1)[-1] if "." in domain else ""
        return f"{local[:keep]}***@{domain[:keep]}***" + (f".{tld}" if tld else "")
    shown = value[:keep]
    hidden = len(value) - len(shown)
    return f"{shown}{'*' * min(hidden, MASK_MAX_STARS)} ({len(value)} tekens)"


def national_digits(candidate: str) -> str:
    """The digits of a phone number candidate in national form (leading 0, no country code)."""
    text = candidate.replace("(0)", "")
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+31"):
        digits = "0" + digits[2:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    return digits


def find_emails(text: str) -> Iterator[tuple[int, int]]:
    """Spans of e-mail addresses in ``text``."""
    for m in EMAIL_PATTERN.finditer(text):
        yield m.start(), m.end()


def find_phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of Dutch phone numbers: a :data:`PHONE_PATTERN` candidate with ten national digits."""
    for m in PHONE_PATTERN.finditer(text):
        digits = national_digits(m.group(0))
        if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
            yield m.start(), m.end()


def looks_personal(value: str) -> bool:
    """True when ``value`` holds an e-mail address or '@', a Dutch phone number, or is
    phone-shaped (digits and phone punctuation only, at least :data:`PHONE_MIN_DIGITS` digits)."""
    text = str(value).strip()
    if "@" in text or next(find_phones(text), None) is not None:
        return True
    digits = sum(ch.isdigit() for ch in text)
    return digits >= PHONE_MIN_DIGITS and _PHONE_SHAPED.fullmatch(text) is not None


INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
"""Unicode categories shown as escapes: control, format (zero-width space, byte-order mark,
direction marks), private use, surrogates, line and paragraph separators."""


def invisible_characters(text: str) -> list[str]:
    """The invisible characters in ``text`` (see :data:`INVISIBLE_CATEGORIES`; also the no-break and
    other non-ASCII spaces), in order of first appearance."""
    found: dict[str, None] = {}
    for ch in str(text):
        category = unicodedata.category(ch)
        if category in INVISIBLE_CATEGORIES or (category == "Zs" and ch != " "):
            found.setdefault(ch)
    return list(found)


def escape_invisible(text: str) -> str:
    """``text`` with every invisible character written as an escape: 'v6_1\\u200b'."""
    hidden = set(invisible_characters(text))
    if not hidden:
        return str(text)
    out = []
    for ch in str(text):
        if ch in hidden:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def character_name(ch: str) -> str:
    """'U+200B ZERO WIDTH SPACE'; a byte-order mark is named as such."""
    code = ord(ch)
    if code == 0xFEFF:
        return "U+FEFF BYTE ORDER MARK (byte-order mark)"
    return f"U+{code:04X} {unicodedata.name(ch, 'control character')}"
