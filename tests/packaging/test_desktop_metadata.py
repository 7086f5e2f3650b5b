"""The Linux desktop files: valid for the freedesktop tools, one application id everywhere, and
vCard files associated with networkdesk."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from packaging_support import (
    APP_ID,
    APP_NAME,
    DESKTOP_FILE,
    INSTALL_SCRIPT,
    METAINFO_FILE,
    PACKAGING,
    desktop_entry,
    project_version,
)

VCARD_TYPES = {"text/vcard", "text/x-vcard"}


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian {package}; scripts/install-system-deps.sh)")
    return path


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP_FILE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    # It reports hints and warnings with exit code 0: there should be none either.
    assert result.stdout.strip() == "", result.stdout


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = _tool("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Warnings (W:) and errors (E:) fail; infos about tags newer than the installed tool do not.
    assert not re.search(r"^[WE]:", result.stdout, re.MULTILINE), result.stdout


def test_one_application_id_everywhere() -> None:
    assert DESKTOP_FILE.name == f"{APP_ID}.desktop"
    entry = desktop_entry()
    assert entry["Icon"] == APP_ID
    assert entry["StartupWMClass"] == APP_NAME  # Qt's WM_CLASS is the application name

    component = ET.parse(METAINFO_FILE).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert component.findtext("icon[@type='stock']") == APP_ID
    assert component.findtext("provides/binary") == APP_NAME

    assert f"APP_ID={APP_ID}\n" in INSTALL_SCRIPT.read_text(encoding="utf-8")
    spec = (PACKAGING / "networkdesk.spec").read_text(encoding="utf-8")
    assert "from networkdesk import APP_ID, APP_NAME" in spec
    assert "bundle_identifier=APP_ID" in spec


def test_vcard_files_open_with_networkdesk() -> None:
    entry = desktop_entry()
    mime_types = {value for value in entry["MimeType"].split(";") if value}
    assert mime_types == VCARD_TYPES
    # %f hands the chosen file to `networkdesk PATH`, which opens it in the import preview.
    assert entry["Exec"] == f"{APP_NAME} %f"
    assert entry["TryExec"] == APP_NAME

    component = ET.parse(METAINFO_FILE).getroot()
    assert {node.text for node in component.findall("provides/mediatype")} == VCARD_TYPES


def test_the_app_accepts_a_vcard_path_as_its_argument() -> None:
    from networkdesk import app, cli

    argv, open_path = app._split_open_path(
        ["--db", "x.db", "/home/a/Contacts.vcf"], cli.command_names()
    )
    assert open_path == "/home/a/Contacts.vcf"
    assert argv == ["--db", "x.db"]


def test_metainfo_newest_release_is_the_package_version() -> None:
    component = ET.parse(METAINFO_FILE).getroot()
    releases = component.findall("releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == project_version()
