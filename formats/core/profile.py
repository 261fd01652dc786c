"""A publishing partner's profile (``build.py --profile FILE``): their details, kept apart from
the source text they receive.

The profile is a YAML file::

    name: Example Disability Forum
    logo: {file: logo.png, alt: Example Disability Forum}   # a PNG or JPEG beside the file
    colours: {primary: "#5b2a86", accent: "#00606b"}        # readable on white: 4.5:1 or more
    contact: {email: info@example.org, website: https://www.example.org, phone: 0141 000 0000}
    edition-note: Published by Example Disability Forum with the permission of ILiS.
    other-formats: ...   # optional: how to ask for other formats (made from the contact if not)

Every problem is reported as ``path:line: message``, all at once (:class:`ProfileError`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from formats.core.load.files import yaml_problem
from formats.core.model import Colours, Contact, Document, Image, Partner

FIELDS = ("name", "logo", "colours", "contact", "edition-note", "other-formats")
OPTIONAL = ("logo", "other-formats")
COLOURS = ("primary", "accent")
MIN_CONTRAST = 4.5
BACKGROUND = "#ffffff"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class ProfileError(Exception):
    """The profile has problems; ``problems`` holds each as ``path:line: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
              for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


class _Reader:
    """Reads one profile file, collecting located problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[str] = []
        self.lines: dict[tuple[str, ...], int] = {}

    def problem(self, keys: tuple[str, ...], message: str) -> None:
        line = self.lines.get(keys, self.lines.get(keys[:1], 1))
        self.problems.append(f"{self.path}:{line}: {message}")

    def read(self) -> Partner | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.problems.append(f"{self.path}:1: cannot read the profile: "
                                 f"{getattr(error, 'strerror', None) or error}")
            return None
        try:
            root = yaml.compose(text)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            line, problem = yaml_problem(error, text)
            self.problems.append(f"{self.path}:{line + 1}: invalid YAML: {problem}")
            return None
        if not isinstance(data, dict) or root is None:
            self.problems.append(f"{self.path}:1: a profile is a mapping of fields: "
                                 f"{', '.join(FIELDS)}")
            return None
        self._index(root, ())
        return self.partner(data)

    def _index(self, node: Any, keys: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*keys, str(key.value))
                self.lines[here] = key.start_mark.line + 1
                self._index(value, here)

    def partner(self, data: dict[str, Any]) -> Partner | None:
        for name in FIELDS:
            if name not in OPTIONAL and not data.get(name):
                self.problem((name,), f"missing profile field '{name}'")
        for name in data:
            if name not in FIELDS:
                self.problem((str(name),), f"unknown profile field '{name}' (expected: "
                             f"{', '.join(FIELDS)})")
        colours = self.colours(data.get("colours"))
        contact = self.contact(data.get("contact"))
        logo = self.logo(data.get("logo"))
        if self.problems or colours is None or contact is None:
            return None
        name = str(data["name"]).strip()
        other_formats = " ".join(str(data.get("other-formats") or "").split()) or \
            other_formats_statement(name, contact[0].email, contact[1])
        return Partner(name, logo, colours, contact[0], contact[1],
                       " ".join(str(data["edition-note"]).split()), other_formats)

    def colours(self, value: Any) -> Colours | None:
        if not isinstance(value, dict):
            if value:
                self.problem(("colours",), "colours need 'primary' and 'accent'")
            return None
        found: dict[str, str] = {}
        for name in COLOURS:
            colour = str(value.get(name, "")).strip()
            keys = ("colours", name)
            if not colour:
                self.problem(keys, f"missing colour '{name}'")
            elif not _HEX.match(colour):
                self.problem(keys, f"colour '{name}' is '{colour}', not a colour like #1f3864")
            elif (ratio := contrast(colour, BACKGROUND)) < MIN_CONTRAST:
                self.problem(keys, f"colour '{name}' {colour} has a contrast of {ratio:.1f}:1 "
                             f"on white; text needs at least {MIN_CONTRAST:g}:1")
            else:
                found[name] = colour.lower()
        return Colours(found["primary"], found["accent"]) if len(found) == len(COLOURS) else None

    def contact(self, value: Any) -> tuple[Contact, str] | None:
        if not isinstance(value, dict) or not value.get("email") or not value.get("website"):
            if value:
                self.problem(("contact",), "contact needs 'email' and 'website' (and may have "
                             "'phone')")
            return None
        website = str(value["website"]).strip()
        if not website.startswith(("https://", "http://")):
            self.problem(("contact", "website"), f"website '{website}' must start with https://")
        return (Contact(email=str(value["email"]).strip(), website=website),
                str(value.get("phone", "")).strip())

    def logo(self, value: Any) -> Image | None:
        if value is None:
            return None
        if not isinstance(value, dict) or not value.get("file"):
            self.problem(("logo",), "logo needs 'file' (a PNG or JPEG beside the profile) and "
                         "'alt' (what it shows)")
            return None
        path = (self.path.parent / str(value["file"])).resolve()
        if not str(value.get("alt", "")).strip():
            self.problem(("logo",), f"logo '{value['file']}' has no alt text: say what it shows "
                         "in 'alt'")
        if not path.is_file():
            self.problem(("logo", "file"), f"logo '{value['file']}' does not exist")
        elif path.suffix.lower() not in LOGO_SUFFIXES:
            self.problem(("logo", "file"), f"logo '{value['file']}' is not a PNG or JPEG file")
        return Image(path, " ".join(str(value.get("alt", "")).split()))


def other_formats_statement(name: str, email: str, phone: str) -> str:
    """Return how readers ask a partner for other formats, made from their contact details."""
    by_phone = f" or by phone on {phone}" if phone else ""
    return (f"To ask for this toolkit in another format, such as large print, Easy Read, audio "
            f"or British Sign Language (BSL), contact {name} by e-mail at {email}{by_phone}.")


def read_profile(path: Path) -> Partner:
    """Return the partner described by the profile at ``path``; raise ProfileError listing
    every problem."""
    reader = _Reader(path)
    partner = reader.read()
    if reader.problems or partner is None:
        raise ProfileError(reader.problems or [f"{path}:1: the profile is empty"])
    return partner


def with_partner(document: Document, partner: Partner) -> Document:
    """Return the document as the partner's edition of it: the partner's contact details and
    other-formats statement replace the publisher's, so every edition tells readers to ask the
    partner."""
    meta = replace(document.meta, alternative_formats=partner.other_formats,
                   contact=replace(partner.contact, twitter="", facebook=""))
    return replace(document, meta=meta, partner=partner)
