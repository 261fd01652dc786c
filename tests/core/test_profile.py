"""A partner's profile: read with every problem located, refused when a colour is unreadable
on white or the logo has no alt text; applied, it makes the partner the one readers contact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from formats.core.load import load
from formats.core.profile import ProfileError, contrast, read_profile, with_partner
from tests.conftest import MINI_SOURCE, ROOT

EXAMPLE = ROOT / "docs" / "example-profile" / "profile.yaml"


def test_the_example_profile_is_read() -> None:
    partner = read_profile(EXAMPLE)
    assert partner.name == "Example Disability Forum"
    assert partner.logo is not None and partner.logo.path.is_file()
    assert partner.logo.alt == "Example Disability Forum logo, two white bars on purple"
    assert (partner.colours.primary, partner.colours.accent) == ("#5b2a86", "#00606b")
    assert partner.contact.email == "info@example-forum.org.uk"
    assert partner.phone == "0141 496 0000"


def test_a_partner_edition_tells_readers_to_ask_the_partner() -> None:
    document = with_partner(load(MINI_SOURCE), read_profile(EXAMPLE))
    assert document.meta.contact.email == "info@example-forum.org.uk"
    assert document.meta.alternative_formats == (
        "To ask for this toolkit in another format, such as large print, Easy Read, audio or "
        "British Sign Language (BSL), contact Example Disability Forum by e-mail at "
        "info@example-forum.org.uk or by phone on 0141 496 0000.")
    assert document.meta.publisher == load(MINI_SOURCE).meta.publisher


def test_contrast_is_the_wcag_ratio() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def profile_with(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "profile"
    shutil.copytree(EXAMPLE.parent, folder)
    path = folder / "profile.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param('primary: "#5b2a86"', 'primary: "#ffcc00"',
                 ":9: colour 'primary' #ffcc00 has a contrast of 1.5:1 on white; text needs at "
                 "least 4.5:1", id="colour-too-pale"),
    pytest.param('accent: "#00606b"', "accent: teal",
                 ":10: colour 'accent' is 'teal', not a colour like #1f3864",
                 id="unreadable-colour"),
    pytest.param("file: logo.png", "file: missing.png",
                 ":5: logo 'missing.png' does not exist", id="logo-missing"),
    pytest.param('  alt: "Example Disability Forum logo, two white bars on purple"\n', "",
                 ":3: logo 'logo.png' has no alt text: say what it shows in 'alt'",
                 id="logo-without-alt-text"),
    pytest.param("edition-note:", "editon-note:",
                 ":15: unknown profile field 'editon-note' (expected: name, logo, colours, "
                 "contact, edition-note, other-formats)", id="misspelt-field"),
    pytest.param("  website: https://www.example-forum.org.uk", "  website: www.example.org",
                 ":13: website 'www.example.org' must start with https://", id="website"),
    pytest.param("colours:\n", "colours: [\n",
                 ":10: invalid YAML: expected ',' or ']', but got '<scalar>'", id="invalid-yaml"),
])
def test_a_bad_profile_is_refused_with_a_located_error(tmp_path: Path, old: str, new: str,
                                                       message: str) -> None:
    path = profile_with(tmp_path, old, new)
    with pytest.raises(ProfileError) as raised:
        read_profile(path)
    assert f"{path}{message}" in raised.value.problems
    assert all(problem.startswith(f"{path}:") for problem in raised.value.problems)


def test_every_problem_of_a_profile_is_reported_at_once(tmp_path: Path) -> None:
    path = profile_with(tmp_path, 'primary: "#5b2a86"\n  accent: "#00606b"',
                        'primary: "#eeeeee"\n  accent: "#dddddd"')
    with pytest.raises(ProfileError) as raised:
        read_profile(path)
    assert [problem.split(": ", 1)[1][:16] for problem in raised.value.problems] == [
        "colour 'primary'", "colour 'accent' "]
