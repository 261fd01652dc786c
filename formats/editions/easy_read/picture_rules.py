"""Easy Read picture rules: one picture, one meaning (standards.md, "Easy Read").

- ``easy-read/picture-meaning``: a picture file has one entry in the picture library, every row
  showing it says one of its words (its ``says`` stems), and the built page gives each picture
  file one alt text;
- ``easy-read/currency``: no picture showing a currency symbol (a library entry's ``shows`` or
  alt text names it) beside a row that does not name that currency.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from formats.core.contract import RuleResult
from formats.core.model import Document, EasyRead, EasyReadPicture
from formats.editions.easy_read.parts import row_text, source_place
from formats.outputs.html.easy_read import part_rows

LIBRARY = "pictures/easy-read/pictures.yaml"
# A currency by name, and its symbol.
CURRENCIES = {"dollar": "$", "pound": "£", "euro": "€", "yen": "¥", "rupee": "₹", "cent": "¢",
              "franc": "₣", "lira": "₺", "rouble": "₽", "won": "₩"}


def says_match(stem: str, text: str) -> bool:
    """Return True when ``text`` holds ``stem`` at the start of a word (any case)."""
    return re.search(rf"(?<!\w){re.escape(stem)}", text, re.IGNORECASE) is not None


def picture_meaning(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for every picture file with two library entries, every row whose
    picture is not in the library or whose words say none of its ``says`` stems; else one
    passing result."""
    rule = "easy-read/picture-meaning"
    library = {picture.image.name: picture for picture in easy_read.pictures}
    results = []
    by_file: dict[Path, list[EasyReadPicture]] = {}
    for picture in easy_read.pictures:
        by_file.setdefault(picture.image.path, []).append(picture)
    for path, entries in by_file.items():
        if len(entries) > 1:
            names = " and ".join(f"'{entry.image.name}' ({entry.image.meaning})"
                                 for entry in entries)
            results.append(RuleResult(rule, source_place(document, entries[1].location), False,
                                      f"file '{path.name}' is pictures {names}: a picture file "
                                      "means one thing"))
    rows = 0
    for part in easy_read.parts:
        for row in part_rows(part):
            if row.picture is None:
                continue
            rows += 1
            entry = library.get(row.picture.name)
            where = source_place(document, row.location)
            if entry is None or entry.image.path != row.picture.path:
                results.append(RuleResult(rule, where, False, f"picture "
                                          f"'{row.picture.name or row.picture.path.name}' is not "
                                          f"in {LIBRARY}: name a picture of the library"))
            elif not any(says_match(stem, row_text(row)) for stem in entry.says):
                results.append(RuleResult(rule, where, False, f"picture '{entry.image.name}' "
                                          f"means '{entry.image.meaning}', but the row says none "
                                          f"of its words ({', '.join(entry.says)}): use a picture "
                                          "that means what the row says"))
    return results or [RuleResult(rule, str(document.source_dir / LIBRARY), True,
                                  f"each of the {len(easy_read.pictures)} pictures means one "
                                  f"thing, and each of the {rows} rows says what its picture "
                                  "means")]


def currencies_shown(picture: EasyReadPicture) -> list[str]:
    """Return the currencies whose symbol a picture shows, by what its library entry says it
    shows and its alt text ("a dollar sign", "$")."""
    facts = " ".join([*picture.shows, picture.image.alt]).lower()
    return [name for name, symbol in CURRENCIES.items()
            if symbol in facts or re.search(rf"\b{name}s?\b", facts)]


def currency(document: Document, easy_read: EasyRead) -> list[RuleResult]:
    """Return a failure for every row beside a picture that shows a currency symbol when the row
    does not name that currency (by name or symbol); else one passing result."""
    rule = "easy-read/currency"
    shown = {picture.image.name: currencies_shown(picture) for picture in easy_read.pictures}
    results = []
    for part in easy_read.parts:
        for row in part_rows(part):
            if row.picture is None:
                continue
            text = row_text(row)
            for name in shown.get(row.picture.name, []):
                if CURRENCIES[name] not in text and not re.search(rf"\b{name}s?\b", text, re.I):
                    results.append(RuleResult(
                        rule, source_place(document, row.location), False,
                        f"picture '{row.picture.name}' shows a {name} sign, but the row does "
                        f"not name {name}s: show money without a currency symbol"))
    with_symbols = sum(1 for names in shown.values() if names)
    return results or [RuleResult(rule, str(document.source_dir / LIBRARY), True,
                                  f"{with_symbols} pictures show a currency symbol; every row "
                                  "beside one names that currency")]


class _PictureAlts(HTMLParser):
    """Collects the alt texts of every picture file of a page (``src`` to alts, in order)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.alts: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "img" and attributes.get("src"):
            alts = self.alts.setdefault(str(attributes["src"]), [])
            alt = " ".join((attributes.get("alt") or "").split())
            if alt not in alts:
                alts.append(alt)


def html_picture_meaning(out_dir: Path, page: str) -> list[RuleResult]:
    """Return a failure for every picture file the built page shows with more than one alt
    text (one picture, one meaning, as a reader of the page meets it); else one passing result."""
    rule = "easy-read/picture-meaning"
    path = out_dir / page
    if not path.is_file():
        return [RuleResult(rule, page, False, "the page does not exist")]
    reader = _PictureAlts()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    problems = [f"picture '{src}' has {len(alts)} alt texts: " + "; ".join(
        f"'{alt}'" for alt in alts) for src, alts in reader.alts.items() if len(alts) > 1]
    return [RuleResult.from_problems(rule, page, problems, f"each of the {len(reader.alts)} "
                                     "picture files has one alt text in the page")]
