"""One way to show dates and times everywhere in the window: the user's locale's short date
(with a four-digit year, so "3/4/26" cannot be misread) and its short time.

Stored times are aware UTC; they are shown in the local zone (`domain.timeutil.to_local`). The
domain stays free of Qt: only this module asks QLocale.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from networkdesk.domain.timeutil import to_local

#: Without a real locale (LANG=C, a bare container) Qt's short date is "3 12 26": say the month.
_NEUTRAL_DATE = "d MMM yyyy"
_NEUTRAL_TIME = "HH:mm"


def _neutral(locale: QLocale) -> bool:
    return locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage)


def date_pattern(locale: QLocale | None = None) -> str:
    """The locale's short date pattern, its year widened to four digits."""
    locale = locale or QLocale()
    if _neutral(locale):
        return _NEUTRAL_DATE
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern


def time_pattern(locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    if _neutral(locale):
        return _NEUTRAL_TIME
    return locale.timeFormat(QLocale.FormatType.ShortFormat)


def moment_pattern(locale: QLocale | None = None) -> str:
    """Date and time, for QDateTimeEdit.setDisplayFormat too."""
    return f"{date_pattern(locale)} {time_pattern(locale)}"


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def format_date(value: dt.date | None, locale: QLocale | None = None) -> str:
    """A calendar date (no zone) in the locale's format; "" for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_day(value, locale)
    return (locale or QLocale()).toString(_qdate(value), date_pattern(locale))


def format_day(value: dt.datetime | None, locale: QLocale | None = None) -> str:
    """The local day of an aware moment; "" for None."""
    if value is None:
        return ""
    local = to_local(value)
    return (locale or QLocale()).toString(_qdate(local.date()), date_pattern(locale))


def format_moment(value: dt.datetime | None, locale: QLocale | None = None) -> str:
    """The local day and time of an aware moment; "" for None."""
    if value is None:
        return ""
    local = to_local(value)
    moment = QDateTime(_qdate(local.date()), QTime(local.hour, local.minute))
    return (locale or QLocale()).toString(moment, moment_pattern(locale))
