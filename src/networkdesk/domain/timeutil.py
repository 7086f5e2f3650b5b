"""Time: stored timezone-aware in UTC, read and shown in the user's local zone."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

from networkdesk.domain.errors import ValidationError


def local_zone() -> dt.tzinfo:
    """The user's IANA zone (honours $TZ, as tzlocal does); UTC when none can be found."""
    tz_name = os.environ.get("TZ", "").lstrip(":")
    if tz_name:
        try:
            return zoneinfo.ZoneInfo(tz_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    try:
        import tzlocal

        return tzlocal.get_localzone()
    except Exception:  # no zone configured at all (minimal containers)
        return dt.UTC


def local_zone_name() -> str:
    zone = local_zone()
    return getattr(zone, "key", None) or str(zone)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parse_datetime(text: str, *, what: str = "time") -> dt.datetime:
    """Parse ISO 8601; a time without an offset is the user's local time. Returns aware UTC."""
    value = (text or "").strip()
    if not value:
        raise ValidationError(f"{what} is empty: give an ISO 8601 time such as 2026-03-14T09:30")
    try:
        parsed = dt.datetime.fromisoformat(
            value.replace("Z", "+00:00") if value.endswith("Z") else value
        )
    except ValueError:
        raise ValidationError(
            f"bad {what} {text!r}: use ISO 8601, e.g. 2026-03-14T09:30 or 2026-03-14T09:30+01:00"
        ) from None
    return ensure_aware(parsed).astimezone(dt.UTC)


#: A due date given without a time ("--due 2026-03-14") means this local time on that day: the
#: start of a working day, as a calendar user expects of a task due that day. Midnight would make
#: its reminder (minutes before the due time) fire the evening before.
DATE_ONLY_DUE_TIME = dt.time(9, 0)


def is_date_only(text: str) -> bool:
    value = (text or "").strip()
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return "T" not in value and " " not in value


def parse_due(text: str, *, what: str = "time") -> dt.datetime:
    """Like `parse_datetime`, but a date alone means DATE_ONLY_DUE_TIME (local) that day."""
    if is_date_only(text):
        day = dt.date.fromisoformat(text.strip())
        return ensure_aware(dt.datetime.combine(day, DATE_ONLY_DUE_TIME)).astimezone(dt.UTC)
    return parse_datetime(text, what=what)


def ensure_aware(value: dt.datetime) -> dt.datetime:
    """Attach the local zone to a naive datetime (the user typed local time)."""
    if value.tzinfo is None or value.utcoffset() is None:
        zone = local_zone()
        # fold=0: in a repeated hour (autumn), take the first occurrence as most calendars do.
        return value.replace(tzinfo=zone)
    return value


def parse_date(text: str, *, what: str = "date") -> dt.date:
    value = (text or "").strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"bad {what} {text!r}: use YYYY-MM-DD") from None


def to_local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(local_zone())


def iso_local(value: dt.datetime | None) -> str | None:
    """ISO 8601 in the user's zone, with its offset (what --json prints)."""
    if value is None:
        return None
    return to_local(value).isoformat(timespec="seconds")


def local_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a local calendar day, in UTC (DST days are 23 or 25 hours long)."""
    zone = local_zone()
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)
