"""The value checks every service uses; they live in `domain.validation` (the file parsers in
interchange/ need them too, and interchange may import only domain/). Re-exported here so services
keep one obvious place to import them from."""

from __future__ import annotations

from networkdesk.domain.validation import (
    MAX_NAME,
    MAX_TEXT,
    check_enum,
    check_minutes,
    check_ring,
    clean_email,
    clean_linkedin,
    clean_optional,
    clean_phone,
    clean_url,
    linkedin_key,
    require_name,
)

__all__ = [
    "MAX_NAME",
    "MAX_TEXT",
    "check_enum",
    "check_minutes",
    "check_ring",
    "clean_email",
    "clean_linkedin",
    "clean_optional",
    "clean_phone",
    "clean_url",
    "linkedin_key",
    "require_name",
]
