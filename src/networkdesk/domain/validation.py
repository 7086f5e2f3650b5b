"""Cleaning and checking of user-entered values: pure rules on strings and numbers, shared by every
service and by the file parsers in interchange/ (which may import only domain/)."""

from __future__ import annotations

import enum
from typing import TypeVar
from urllib.parse import urlsplit

from networkdesk.domain.enums import Ring, parse_enum, parse_ring
from networkdesk.domain.errors import ValidationError

# What each kind of value is (control characters refused, schemes allowed by name) is checked in
# value_checks; re-exported here for the callers that validate whole records.
from networkdesk.domain.value_checks import clean_email as clean_email
from networkdesk.domain.value_checks import clean_phone as clean_phone
from networkdesk.domain.value_checks import clean_url as clean_url

E = TypeVar("E", bound=enum.StrEnum)

MAX_NAME = 300
MAX_TEXT = 100_000


def require_name(value: str | None, what: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise ValidationError(f"{what} is empty")
    if len(cleaned) > MAX_NAME:
        raise ValidationError(f"{what} is longer than {MAX_NAME} characters")
    return cleaned


def clean_optional(value: str | None, *, strip: bool = True, what: str = "text") -> str | None:
    if value is None:
        return None
    if len(value) > MAX_TEXT:
        raise ValidationError(f"{what} is longer than {MAX_TEXT} characters")
    cleaned = value.strip() if strip else value
    return cleaned if cleaned.strip() else None


def clean_linkedin(value: str | None) -> str | None:
    return clean_url(value, "LinkedIn URL")


def linkedin_key(url: str | None) -> str | None:
    """The profile URL imports match on: https://www.LinkedIn.com/in/x/ -> linkedin.com/in/x."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "://" in url else "https://" + url)
    except ValueError:  # not a URL at all: nothing to match on
        return None
    host = parts.netloc.lower()
    for prefix in ("www.", "m.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix) :]
    # Regional hosts (uk.linkedin.com) name the same profile.
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = parts.path.rstrip("/").lower()
    return f"{host}{path}" or None


def check_minutes(value: int | None, what: str, *, allow_zero: bool = False) -> int | None:
    if value is None:
        return None
    if value < 0 or (value == 0 and not allow_zero):
        raise ValidationError(f"{what} must be a positive number of minutes, not {value}")
    if value > 60 * 24 * 366:
        raise ValidationError(f"{what} of {value} minutes is more than a year")
    return value


def check_ring(value: Ring | int | str | None) -> Ring | None:
    """A ring from a service caller: Ring, 0-3 or a ring name; None is the inbox. Anything else is
    a ValidationError (not the ValueError `Ring(7)` would raise)."""
    if value is None:
        return None
    if isinstance(value, Ring):
        return value
    if isinstance(value, bool):
        raise ValidationError(f"ring {value!r} does not exist: use 0-3")
    return parse_ring(value)


def check_enum(enum_type: type[E], value: E | str, what: str) -> E:
    """An enum member from a member or its value; a bad value is a ValidationError."""
    if isinstance(value, enum_type):
        return value
    return parse_enum(enum_type, str(value), what)
