"""Passwords in the OS keyring. The only module that talks to `keyring`.

A password is stored only in a secure backend: priority at least 1, and none of keyring's fail or
null backends nor a `keyrings.alt` one (those keep passwords in plain or weakly encrypted files).
Without one, callers ask for the password each session and say why (`insecure_reason()`).
Service `networkdesk`, one entry per server and user, shared by the window and the CLI.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

log = logging.getLogger(__name__)

SERVICE = "networkdesk"
_INSECURE_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


def account_name(server_url: str, user: str) -> str:
    """The keyring user name of one server and user (the URL normalised: case of scheme and
    host, trailing slash)."""
    parts = urlsplit(server_url.strip())
    url = urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, "")
    )
    return f"{user} @ {url}"


def _backend_problem(backend: Any) -> str | None:
    """Why `backend` is not secure, or None when it is."""
    cls = type(backend)
    module = cls.__module__ or ""
    name = f"{module}.{cls.__qualname__}"
    if module.startswith(_INSECURE_MODULE_PREFIXES):
        return f"the keyring backend {name} does not store passwords securely"
    if module == "keyring.backends.chainer":
        # A chain may fall back to its next backend: every one of them must be secure.
        members = list(getattr(backend, "backends", None) or [])
        if not members:
            return "no keyring backend is available"
        for member in members:
            problem = _backend_problem(member)
            if problem:
                return problem
        return None
    try:
        priority = float(getattr(backend, "priority", 0))
    except Exception:  # a backend whose priority check fails is not usable
        priority = 0.0
    if priority < 1:
        return f"the keyring backend {name} has priority {priority:g} (below 1): not trusted"
    return None


def _backend() -> Any:
    import keyring

    return keyring.get_keyring()


def insecure_reason() -> str | None:
    """None when passwords can be stored; otherwise a sentence saying why not."""
    try:
        backend = _backend()
    except Exception as exc:  # keyring could not even choose a backend
        return f"no keyring is available ({exc})"
    return _backend_problem(backend)


def is_secure() -> bool:
    return insecure_reason() is None


def get_password(server_url: str, user: str) -> str | None:
    """The saved password, or None (none saved, no secure keyring, or the keyring failed)."""
    if not is_secure():
        return None
    try:
        password: str | None = _backend().get_password(SERVICE, account_name(server_url, user))
        return password
    except Exception as exc:  # a locked or broken keyring: ask instead
        log.warning("could not read from the keyring: %s", type(exc).__name__)
        return None


def save_password(server_url: str, user: str, password: str) -> bool:
    """Save the password when the keyring is secure. Returns True when it was saved."""
    if not password or not is_secure():
        return False
    try:
        _backend().set_password(SERVICE, account_name(server_url, user), password)
    except Exception as exc:  # never log the password, only what failed
        log.warning("could not save to the keyring: %s", type(exc).__name__)
        return False
    return True


def delete_password(server_url: str, user: str) -> bool:
    """Forget a saved password. Returns True when one was deleted."""
    if not is_secure():
        return False
    try:
        _backend().delete_password(SERVICE, account_name(server_url, user))
    except Exception:
        return False
    return True
