"""Credentials inside a URL are found and taken out before anything stores the URL."""

from __future__ import annotations

import pytest

from networkdesk.domain.credentials import split_credentials, without_credentials
from networkdesk.domain.errors import ValidationError
from networkdesk.services import publish_calendar, publishing


def test_user_and_password_are_split_off_and_decoded() -> None:
    split = split_credentials("https://ana:s%40cret:x@cloud.example.com:8443/dav/?a=1")
    assert split.url == "https://cloud.example.com:8443/dav/?a=1"
    assert split.user == "ana"
    assert split.password == "s@cret:x"


@pytest.mark.parametrize(
    "url", ["https://cloud.example.com/dav", "not a url", "https://[bad/", "mailto:a@b.c"]
)
def test_urls_without_credentials_are_unchanged(url: str) -> None:
    assert without_credentials(url) == url


def test_the_ledger_key_never_holds_a_password() -> None:
    key = publishing.calendar_key("https://ana:hunter2@dav.example.com/", "ana", "Work")
    assert "hunter2" not in key
    assert key == publishing.calendar_key("https://dav.example.com", "ana", "Work")


def test_a_calendar_account_refuses_a_url_with_a_password() -> None:
    with pytest.raises(ValidationError, match="plain URL"):
        publish_calendar.CalendarAccount("https://ana:hunter2@dav.example.com", "ana", "Work")
