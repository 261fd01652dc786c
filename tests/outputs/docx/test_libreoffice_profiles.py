"""A LibreOffice profile is told that the graphics self-tests have run: in a new profile and in
one kept from before, with its other settings kept (that LibreOffice then skips them is proved
with LibreOffice in test_libreoffice.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from formats.outputs.docx.libreoffice_profiles import SETTINGS, without_self_tests

REGISTRY = "{http://openoffice.org/2001/registry}"
KEPT_SETTINGS = (  # as LibreOffice 7.4 wrote it (one setting of a kept profile's)
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" '
    'oor:op="fuse"><value>false</value></prop></item>\n'
    '</oor:items>\n')


def _settings(profile: Path) -> dict[str, str]:
    """Return each setting of the profile's settings file: "path/name" -> value."""
    root = ET.parse(profile / SETTINGS).getroot()
    return {f"{item.get(REGISTRY + 'path')}/{prop.get(REGISTRY + 'name')}":
            prop.findtext("value") or ""
            for item in root for prop in item}


def test_a_new_profile_records_a_last_version_newer_than_any_release(tmp_path: Path) -> None:
    without_self_tests(tmp_path / "profile")
    assert _settings(tmp_path / "profile") == {
        "/org.openoffice.Setup/Product/ooSetupLastVersion": "9999.9"}


def test_a_kept_profile_keeps_its_settings_and_gets_the_version_once(tmp_path: Path) -> None:
    (tmp_path / SETTINGS).parent.mkdir(parents=True)
    (tmp_path / SETTINGS).write_text(KEPT_SETTINGS, encoding="utf-8")
    without_self_tests(tmp_path)
    without_self_tests(tmp_path)
    assert _settings(tmp_path) == {
        "/org.openoffice.Office.Common/Misc/FirstRun": "false",
        "/org.openoffice.Setup/Product/ooSetupLastVersion": "9999.9"}
    assert (tmp_path / SETTINGS).read_text(encoding="utf-8").count("ooSetupLastVersion") == 1


def test_a_profile_that_cannot_be_written_is_left_as_it_is(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "profile"
    not_a_folder.write_text("a file", encoding="utf-8")
    without_self_tests(not_a_folder)  # no error: LibreOffice runs its self-tests, as before
    assert not_a_folder.read_text(encoding="utf-8") == "a file"
