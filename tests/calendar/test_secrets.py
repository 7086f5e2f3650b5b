"""secrets.py: passwords go only to a secure keyring backend; insecure ones are never written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from helpers.keyring_backend import MemoryKeyring
from networkdesk import secrets

URL = "https://dav.example.com/dav/"
USER = "jo"


class RecordingKeyring(KeyringBackend):
    """A backend that records every write; its priority is set per test."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[tuple[str, str, str]] = []

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.writes.append((service, username, password))

    def delete_password(self, service: str, username: str) -> None:
        pass


class LowPriorityKeyring(RecordingKeyring):
    priority = 0.5  # type: ignore[assignment]


# Named like the plaintext backends of keyrings.alt: insecure whatever its priority says.
PlaintextLookalike = type(
    "PlaintextKeyring", (RecordingKeyring,), {"__module__": "keyrings.alt.file", "priority": 9}
)


@pytest.fixture
def use_backend() -> Iterator[Any]:
    previous = keyring.get_keyring()

    def install(backend: Any) -> Any:
        keyring.set_keyring(backend)
        return backend

    yield install
    keyring.set_keyring(previous)


def test_memory_backend_is_secure_and_keeps_one_entry_per_server_and_user(
    memory_keyring: MemoryKeyring,
) -> None:
    assert secrets.insecure_reason() is None
    assert secrets.save_password(URL, USER, "s3cret")
    assert secrets.save_password("https://other.example.com/", USER, "other")
    assert secrets.get_password("HTTPS://DAV.example.com/dav", USER) == "s3cret"
    assert secrets.get_password(URL, "someone-else") is None
    assert set(memory_keyring.store) == {
        ("networkdesk", "jo @ https://dav.example.com/dav"),
        ("networkdesk", "jo @ https://other.example.com"),
    }
    assert secrets.delete_password(URL, USER)
    assert secrets.get_password(URL, USER) is None


@pytest.mark.parametrize(
    ("make_backend", "reason_part"),
    [
        (LowPriorityKeyring, "priority 0.5"),
        (PlaintextLookalike, "keyrings.alt"),
    ],
)
def test_insecure_backends_are_never_written(
    use_backend: Any, make_backend: Any, reason_part: str
) -> None:
    backend = use_backend(make_backend())
    reason = secrets.insecure_reason()
    assert reason is not None
    assert reason_part in reason
    assert secrets.save_password(URL, USER, "s3cret") is False
    assert secrets.get_password(URL, USER) is None
    assert backend.writes == []


def test_fail_and_null_backends_are_insecure(use_backend: Any) -> None:
    use_backend(fail.Keyring())
    assert secrets.insecure_reason() is not None
    assert secrets.save_password(URL, USER, "x") is False  # and no exception
    use_backend(null.Keyring())
    assert secrets.insecure_reason() is not None
    assert secrets.save_password(URL, USER, "x") is False


def test_a_chain_with_an_insecure_member_is_insecure(
    use_backend: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    secure, plaintext = RecordingKeyring(), PlaintextLookalike()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [secure, plaintext])
    use_backend(chainer.ChainerBackend())
    assert secrets.insecure_reason() is not None
    assert secrets.save_password(URL, USER, "x") is False
    assert secure.writes == []
    assert plaintext.writes == []

    monkeypatch.setattr(chainer.ChainerBackend, "backends", [secure])
    assert secrets.insecure_reason() is None
    assert secrets.save_password(URL, USER, "x") is True
    assert secure.writes == [("networkdesk", "jo @ https://dav.example.com/dav", "x")]


def test_a_failing_keyring_is_reported_not_raised(use_backend: Any) -> None:
    class Locked(RecordingKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.KeyringLocked("locked")

    use_backend(Locked())
    assert secrets.save_password(URL, USER, "x") is False
