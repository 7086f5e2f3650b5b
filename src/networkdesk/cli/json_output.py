"""`--json` output: the exact text of `json.dumps(data, ensure_ascii=False, indent=2)`, written in
pieces as it is built.

With an indent, `json.dumps` runs the standard library's pure-Python encoder (its C encoder only
does compact output): one generator step per token, most of `contact list --json`'s time at
30,000 contacts. Here a row is one join of pieces, strings are escaped by the C function the
encoder itself uses, and the text goes out every few thousand rows instead of in one string as
large as the output.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

# The same escaping (and the same float spelling) json.dumps uses for ensure_ascii=False.
_escape: Callable[[str], str] = json.encoder.encode_basestring
_float_repr = float.__repr__
_int_repr = int.__repr__
_INDENT = "  "
_ROWS_PER_WRITE = 2_000


def write_json(data: Any, out: TextIO) -> None:
    """Write `data` as indented JSON and a newline to `out`."""
    if type(data) is list and data:
        # The common case, a list of records: stream it, a few thousand rows per write.
        out.write("[")
        for start in range(0, len(data), _ROWS_PER_WRITE):
            chunk = data[start : start + _ROWS_PER_WRITE]
            text = ",\n  ".join([_record_text(item) for item in chunk])
            out.write(("\n  " if start == 0 else ",\n  ") + text)
        out.write("\n]\n")
        return
    out.write(_text(data, 0) + "\n")


def write_rows(keys: Sequence[str], rows: Sequence[Sequence[Any]], out: TextIO) -> None:
    """`write_json` of `[dict(zip(keys, row)) for row in rows]`, without the dicts: the same
    text, each chunk of rows turned into text column by column."""
    if not rows:
        out.write("[]\n")
        return
    template = _template(tuple(keys))
    if template is None:
        write_json([dict(zip(keys, row, strict=True)) for row in rows], out)
        return
    out.write("[")
    for start in range(0, len(rows), _ROWS_PER_WRITE):
        chunk = rows[start : start + _ROWS_PER_WRITE]
        columns = [_column_texts(column) for column in zip(*chunk, strict=True)]
        text = ",\n  ".join([template % values for values in zip(*columns, strict=True)])
        out.write(("\n  " if start == 0 else ",\n  ") + text)
    out.write("\n]\n")


def _column_texts(values: Sequence[Any]) -> list[str]:
    """The texts of one field of many records (level 2: inside a record inside the list)."""
    return [
        _escape(v)
        if type(v) is str
        else "null"
        if v is None
        else _int_repr(v)
        if type(v) is int
        else "[]"
        if type(v) is list and not v
        else _text(v, 2)
        for v in values
    ]


# A record's text is a %-template per key sequence (records repeat the same keys in the same
# order) filled with its values' texts: one formatting per row instead of a piece per field.
_templates: dict[tuple[Any, ...], str] = {}
_MAX_TEMPLATES = 100


def _record_text(item: Any) -> str:
    """A list item at level 1, usually a record."""
    if type(item) is not dict or not item:
        return _text(item, 1)
    template = _template(tuple(item))
    if template is None:
        return _text(item, 1)
    return template % tuple(
        [
            _escape(v)
            if type(v) is str
            else "null"
            if v is None
            else _int_repr(v)
            if type(v) is int
            else _text(v, 2)
            for v in item.values()
        ]
    )


def _template(keys: tuple[Any, ...]) -> str | None:
    """The %-template of a record with these keys at level 1; None unless they are strings."""
    template = _templates.get(keys)
    if template is None:
        if not all(type(k) is str for k in keys):
            return None
        template = (
            "{"
            + ",".join("\n    " + _escape(k).replace("%", "%%") + ": %s" for k in keys)
            + "\n  }"
        )
        if len(_templates) < _MAX_TEMPLATES:
            _templates[keys] = template
    return template


def dumps(data: Any) -> str:
    """The text write_json writes, without the newline (for tests and small outputs)."""
    return _text(data, 0)


def _text(value: Any, level: int) -> str:
    if type(value) is list:
        return _list_text(value, level)
    if isinstance(value, str):
        return _escape(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _int_repr(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dict):
        return _dict_text(value, level)
    if isinstance(value, (list, tuple)):
        return _list_text(value, level)
    # Anything else: json's own answer (its encoder raises TypeError for what it cannot encode).
    return _reindent(json.dumps(value, ensure_ascii=False, indent=2), level)


def _list_text(value: list[Any] | tuple[Any, ...], level: int) -> str:
    if not value:
        return "[]"
    inner = "\n" + _INDENT * (level + 1)
    try:  # a list of plain strings (e-mails, tags): escaped by one map
        items = ("," + inner).join(map(_escape, value))
    except TypeError:
        items = ("," + inner).join([_text(item, level + 1) for item in value])
    return "[" + inner + items + "\n" + _INDENT * level + "]"


# Per nesting level, each key's '\n    "key": ' piece: records repeat the same few keys.
_key_pieces: list[dict[str, str]] = []
_MAX_KEYS_KEPT = 1_000


def _dict_text(value: dict[Any, Any], level: int) -> str:
    if not value:
        return "{}"
    while len(_key_pieces) <= level:
        _key_pieces.append({})
    known = _key_pieces[level]
    pieces: list[str] = []
    append = pieces.append
    for key, item in value.items():
        piece = known.get(key) if type(key) is str else None
        if piece is None:
            if type(key) is not str:
                # json turns other keys (numbers, booleans, None) into strings in its own way.
                return _reindent(json.dumps(value, ensure_ascii=False, indent=2), level)
            piece = "\n" + _INDENT * (level + 1) + _escape(key) + ": "
            if len(known) < _MAX_KEYS_KEPT:
                known[key] = piece
        # The usual values inline, without a call.
        kind = type(item)
        if kind is str:
            append(piece + _escape(item))
        elif item is None:
            append(piece + "null")
        elif kind is int:
            append(piece + _int_repr(item))
        elif kind is list and not item:
            append(piece + "[]")
        else:
            append(piece + _text(item, level + 1))
    return "{" + ",".join(pieces) + "\n" + _INDENT * level + "}"


def _float_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return _float_repr(value)


def _reindent(text: str, level: int) -> str:
    return text.replace("\n", "\n" + _INDENT * level) if level else text
