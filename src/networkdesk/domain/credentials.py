"""Credentials written inside a URL (`https://user:secret@host/`): found and taken out.

A password must never reach the database, the settings or a log, so every place that accepts a
server URL splits it first; the password, if any, goes to the keyring or is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit


@dataclass(frozen=True, slots=True)
class SplitUrl:
    """A URL without its user information, and what that information was."""

    url: str
    user: str | None
    password: str | None


def split_credentials(url: str) -> SplitUrl:
    """`url` without `user:password@`; the user and password percent-decoded (None when absent).

    A URL that cannot be parsed is returned unchanged (there is nothing to take out of it)."""
    try:
        parts = urlsplit(url)
        username, password = parts.username, parts.password
    except ValueError:
        return SplitUrl(url, None, None)
    if "@" not in parts.netloc:
        return SplitUrl(url, None, None)
    host = parts.netloc.rsplit("@", 1)[1]
    clean = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return SplitUrl(
        clean,
        unquote(username) if username else None,
        unquote(password) if password is not None else None,
    )


def without_credentials(url: str) -> str:
    return split_credentials(url).url
