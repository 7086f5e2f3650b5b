"""return_freed_memory: glibc's malloc_trim where there is one, nothing elsewhere."""

from __future__ import annotations

import sys

import pytest

from networkdesk.ui import freed_memory


@pytest.fixture(autouse=True)
def _forget_the_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(freed_memory, "_TRIM", None)
    monkeypatch.setattr(freed_memory, "_LOOKED", False)


def test_it_does_nothing_and_says_so_off_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert freed_memory.return_freed_memory() is False


def test_it_calls_the_trim_once_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake_trim(pad: int) -> int:
        calls.append(pad)
        return 1

    looked: list[bool] = []

    def find() -> freed_memory._Trim:
        looked.append(True)
        return fake_trim

    monkeypatch.setattr(freed_memory, "_find_trim", find)
    assert freed_memory.return_freed_memory() is True
    assert freed_memory.return_freed_memory() is True
    assert calls == [0, 0]
    assert looked == [True]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_on_this_linux_the_real_call_runs() -> None:
    # musl-based Linux has no malloc_trim: then the answer is False, not an exception.
    assert freed_memory.return_freed_memory() in (True, False)
    assert freed_memory._LOOKED is True
