"""Files shipped in `resources/` (icons, style sheets, the question bank), read the same way from
an installed wheel (where they live in `networkdesk/resources`) and from a checkout."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resources_root() -> Traversable:
    packaged = resources.files("networkdesk").joinpath("resources")
    if packaged.is_dir():
        return packaged
    # A checkout or an editable install: the top-level resources/ folder.
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Traversable:
    node = resources_root()
    for part in parts:
        node = node.joinpath(part)
    return node


def resource_text(*parts: str) -> str:
    return resource(*parts).read_text(encoding="utf-8")


def resource_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()
