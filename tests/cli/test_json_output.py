"""`--json` output is exactly json.dumps(indent=2, ensure_ascii=False)'s text, built faster."""

from __future__ import annotations

import enum
import io
import json
from typing import Any

import pytest

from networkdesk.cli.json_output import dumps, write_json, write_rows


class Color(enum.StrEnum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


SAMPLES: list[Any] = [
    [],
    {},
    [{}],
    [[]],
    None,
    0,
    -7,
    1.5,
    1e300,
    float("nan"),
    float("inf"),
    -float("inf"),
    True,
    False,
    "",
    'quote " backslash \\ newline \n tab \t nul \x00 é ☃ \u2028 😀',
    "100% %s %(x)s",
    [1, [2, [3, {}]]],
    {"a": {"b": [1, {"c": None}]}, "z": (1, 2)},
    {1: "int key", "b": 2},
    {"b": 2, 1: "x", None: 3, 2.5: 4},
    {True: 1},
    [{"e": Color.RED, "i": Level.HIGH, "f": False, "l": ["a", Color.RED, 1]}],
    {"k": [None, True, 2.0, "u"]},
    [{"a": [{"a": ["x"]}]}],
    [{"100%": "%s", "%(k)s": 1}],
    # Records with the same keys, other keys, another order, and a non-record among them.
    [
        {"id": 1, "name": "Ana", "tags": ["a", "b"], "angle": 0.25, "ring": Level.HIGH},
        {"id": 2, "name": None, "tags": [], "angle": None, "ring": None},
        {"name": "Bo", "id": 3},
        {"id": 4},
        "not a record",
        [1, 2],
        {"id": 5, "name": "Cy", "tags": [["nested"]], "angle": 1, "ring": 0},
    ],
]


@pytest.mark.parametrize("data", SAMPLES, ids=range(len(SAMPLES)))
def test_same_text_as_json_dumps(data: Any) -> None:
    expected = json.dumps(data, ensure_ascii=False, indent=2)
    assert dumps(data) == expected
    out = io.StringIO()
    write_json(data, out)
    assert out.getvalue() == expected + "\n"


def test_long_lists_are_written_in_pieces() -> None:
    rows = [{"id": i, "name": f"n{i}", "emails": [f"{i}@x.example"]} for i in range(4_500)]

    class Recording(io.StringIO):
        writes = 0

        def write(self, text: str) -> int:
            Recording.writes += 1
            return super().write(text)

    out = Recording()
    write_json(rows, out)
    assert out.getvalue() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    assert Recording.writes > 2  # not one string as large as the output


def test_what_json_cannot_encode_still_fails() -> None:
    with pytest.raises(TypeError):
        dumps([{"when": object()}])


ROW_SAMPLES: list[tuple[tuple[Any, ...], list[tuple[Any, ...]]]] = [
    (("id", "name"), []),
    (
        ("id", "name", "tags", "angle", "ring", "stage", "notes"),
        [
            (1, "Ana", ["a", "b"], 0.25, Level.HIGH, Color.RED, 'q " \\ \n é ☃ \u2028 😀'),
            (2, None, [], None, None, "met", None),
            (3, "", [["nested"], {}], 1e300, 0, "100% %s", "%(x)s"),
            (4, "Bo", [None, True, 2.0], float("nan"), -7, "", "{}"),
        ],
    ),
    (("100%", "%(k)s"), [("%s", 1)]),
    ((1, "b"), [("int key", 2)]),  # keys that are not strings: json's own way
]


@pytest.mark.parametrize(("keys", "rows"), ROW_SAMPLES, ids=range(len(ROW_SAMPLES)))
def test_rows_write_the_text_of_their_records(
    keys: tuple[Any, ...], rows: list[tuple[Any, ...]]
) -> None:
    records = [dict(zip(keys, row, strict=True)) for row in rows]
    out = io.StringIO()
    write_rows(keys, rows, out)
    assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_many_rows_are_written_in_pieces_with_the_same_text() -> None:
    keys = ("id", "name", "emails")
    rows = [(i, f"n{i}", [f"{i}@x.example"] if i % 3 else []) for i in range(4_500)]
    out = io.StringIO()
    write_rows(keys, rows, out)
    records = [dict(zip(keys, row, strict=True)) for row in rows]
    assert out.getvalue() == json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def test_rows_that_json_cannot_encode_still_fail() -> None:
    with pytest.raises(TypeError):
        write_rows(("when",), [(object(),)], io.StringIO())
