"""`--json` output is exactly json.dumps(indent=2, ensure_ascii=False)'s text, built faster."""

from __future__ import annotations

import enum
import io
import json
from typing import Any

import pytest

from networkdesk.cli.json_output import dumps, write_json


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
