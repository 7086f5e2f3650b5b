"""Pure checks of the values that leave the program in files: e-mail addresses, phone numbers,
URLs and MIME types, each checked for what it is.

Services use them when a person types a value, the importers when a file brings one, so a value
that could break a vCard, iCalendar or CSV line (a control character, a line break, a scheme such
as `javascript:`) never gets into the database in the first place. No I/O, no Qt.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from networkdesk.domain.errors import ValidationError

MAX_NAME = 300
MAX_TEXT = 100_000
MAX_EMAIL = 320
MAX_PHONE = 100
MAX_URL = 2_000
# Schemes a contact's web address may use, by name: anything else (javascript:, file:, data:)
# is not a profile page anybody should open from an address book.
URL_SCHEMES = ("http", "https")
# C0 and C1 controls, DEL, and the Unicode line and paragraph separators: none belongs in a
# one-line value, and CR/LF would end the line of the file the value is written into.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_EMAIL = re.compile(r"^[^@\s\"<>(),;:\\\[\]]+@[^@\s\"<>(),;:\\\[\]]+\.[^@\s\"<>(),;:\\\[\].]+$")
# Digits and what people and phones write between them: + ( ) . / - space, # and * (menus),
# `ext`/`x` for extensions, `,` `;` `p` `w` (pauses and waits of dial strings).
_PHONE = re.compile(r"^[0-9+()./\-\s#*;,]*(?:(?:ext|x|p|w)[0-9+()./\-\s#*;,]*)*$", re.IGNORECASE)
_MIME = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def has_control(value: str) -> bool:
    return _CONTROL.search(value) is not None


def _refuse_control(value: str, what: str) -> None:
    if has_control(value):
        raise ValidationError(f"bad {what} {value[:80]!r}: it contains a control character")


def clean_email(value: str | None) -> str | None:
    """An address (`mailto:` dropped), or None when empty; ValidationError if not an address."""
    cleaned = (value or "").strip()
    if cleaned.lower().startswith("mailto:"):
        cleaned = cleaned[7:]
    if not cleaned:
        return None
    _refuse_control(cleaned, "e-mail address")
    if len(cleaned) > MAX_EMAIL or not _EMAIL.match(cleaned):
        raise ValidationError(f"bad e-mail address {value!r}")
    return cleaned


def clean_phone(value: str | None) -> str | None:
    """A phone number or dial string (`tel:` dropped), or None when empty."""
    cleaned = (value or "").strip()
    if cleaned.lower().startswith("tel:"):
        cleaned = cleaned[4:]
    if not cleaned:
        return None
    _refuse_control(cleaned, "phone number")
    if (
        len(cleaned) > MAX_PHONE
        or not _PHONE.match(cleaned)
        or not any(ch.isdigit() for ch in cleaned)
    ):
        raise ValidationError(f"bad phone number {value!r}")
    return cleaned


def clean_url(value: str | None, what: str = "URL") -> str | None:
    """A web address with a scheme allowed by name (`https://` added when there is none)."""
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    _refuse_control(cleaned, what)
    if len(cleaned) > MAX_URL or any(ch.isspace() for ch in cleaned):
        raise ValidationError(f"bad {what} {value!r}")
    scheme = _SCHEME.match(cleaned)
    if "://" not in cleaned and not (scheme and scheme[1].lower() not in URL_SCHEMES):
        cleaned = "https://" + cleaned
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # e.g. "http://[x": an unbalanced IPv6 bracket
        raise ValidationError(f"bad {what} {value!r}") from None
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        raise ValidationError(f"bad {what} {value!r}: only {', '.join(URL_SCHEMES)} addresses")
    return cleaned


def clean_mime(value: str | None) -> str | None:
    """A MIME type such as `image/jpeg` (lower case), or None when empty."""
    cleaned = (value or "").strip().lower()
    if not cleaned:
        return None
    if not _MIME.match(cleaned):
        raise ValidationError(f"bad MIME type {cleaned[:80]!r}")
    return cleaned
