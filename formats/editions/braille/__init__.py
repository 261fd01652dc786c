"""The braille edition: the toolkit in Unified English Braille grade 2, as one BRF file.

The text is translated by liblouis (:mod:`formats.outputs.brf.louis`), laid out in pages of 40
cells by 25 lines (:mod:`formats.outputs.brf.writer`) after the preliminary pages: a title page,
the transcriber's notes listing the special symbols the body uses, and the contents with each
section's braille page. When the standard edition is built, each braille page shows the print
page it starts on, read from the standard PDF's bookmarks.

The read-back back-translates the file with liblouis and finds each section by its heading
(:mod:`formats.outputs.brf.reader`). Grade 2 back-translation is lossy ("enough" comes back as
"en"), so what each section must hold (:meth:`BrailleEdition.expected`) is the section's
heading and sentences as liblouis gives them back after translating them: a sentence is found
when the words liblouis can give back are all there. The tolerance is stated as a rule
(``braille/back-translation``): at most :data:`ROUND_TRIP_TOLERANCE` of the toolkit's sentences
may come back changed, so that a broken translation cannot hide behind the comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from formats.core.contract import Edition, Expected, ReadBack, RuleResult, printed_parts
from formats.core.model import Document
from formats.core.names import slug
from formats.core.print_page_places import page_places
from formats.core.text import normalise, section_texts, sentences
from formats.editions.braille import prelims, transcribe
from formats.editions.braille.address_rule import addresses_result
from formats.editions.braille.heading_rule import heading_levels_result
from formats.editions.braille.print_page_rule import print_pages_result
from formats.outputs.brf import louis
from formats.outputs.brf import reader as brf_reader
from formats.outputs.brf import rules as brf_rules
from formats.outputs.brf.geometry import BREAK_HERE, STANDARD
from formats.outputs.brf.reader import heading_key, occurrence_keys
from formats.outputs.brf.symbols import symbols_used
from formats.outputs.brf.writer import paginate, write_brf

ROUND_TRIP_TOLERANCE = 0.05  # of the sentences may come back from grade 2 with a word changed


def brf_name(document: Document) -> str:
    """Return the BRF file's name: a slug of the title ("all-together-now.brf")."""
    return f"{slug(document.meta.title)}.brf"


def round_trip(text: str) -> str:
    """Return what liblouis gives back for ``text`` translated into grade 2 and back."""
    return brf_reader.back_translate(transcribe.words(text).replace(BREAK_HERE, ""))


def heading_keys(document: Document) -> list[str]:
    """Return the key the reader finds each section's heading by, in order: its label as
    liblouis gives it back from grade 2, normalised, a repeated one numbered ("... #2")."""
    return occurrence_keys([heading_key(round_trip(section.label))
                            for section in document.sections()])


def make_pages(document: Document, pages: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Return every page of the braille edition: the preliminary pages, then the body, with
    the print pages that start at each place (``pages``, see :func:`transcribe.body`)."""
    body = paginate(transcribe.body(document, pages), lambda n: transcribe.words(str(n)),
                    show_print_pages=bool(pages))
    used = symbols_used([line for page in body.pages for line in page[1:-1]])
    items = (prelims.title_page(document, len(body.pages))
             + prelims.notes(document, used, bool(pages), STANDARD)
             + prelims.contents(document, body.heading_pages))
    front = paginate(items, lambda n: transcribe.words(f"p{n}"), show_print_pages=False)
    return front.pages + body.pages


class BrailleEdition(Edition):
    """One BRF file in UEB grade 2, 40 cells by 25 lines."""

    name = "braille"
    needs = ("standard",)

    def cache_parts(self, document: Document) -> tuple[object, ...]:
        """Return the parts of the model this edition renders (see :func:`printed_parts`)."""
        return printed_parts(document)

    def render(self, document: Document, out_dir: Path,
               inputs: Mapping[str, Path] | None = None) -> list[Path]:
        """Write the BRF file into ``out_dir``; return it. Raises LiblouisError when liblouis
        or its tables are missing."""
        from formats.outputs.pdf import print_pages  # PDFium: only where it is used

        standard = (inputs or {}).get("standard")
        places = page_places(document, print_pages.section_pages_in(standard),
                             print_pages.page_openings_in(standard))
        pages = make_pages(document, places)
        return [write_brf(pages, out_dir / brf_name(document))]

    def read_back(self, out_dir: Path) -> list[ReadBack]:
        """Return what the back-translated BRF file holds: ``braille/brf``."""
        return [brf_reader.read_back(out_dir)]

    def expected(self, document: Document) -> dict[str, Expected]:
        """Return, for every section, its heading key, title and sentences as liblouis gives
        them back from grade 2 (see the module's docstring)."""
        return {section.id: Expected(key, round_trip(section.title),
                                     tuple(round_trip(sentence) for sentence
                                           in sentences(section_texts(section, "reflowable"))))
                for section, key in zip(document.sections(), heading_keys(document),
                                        strict=True)}

    def rules(self, document: Document, out_dir: Path) -> list[RuleResult]:
        """Return the braille rules on the BRF file: page geometry, sections set off, each
        heading level's own format, the transcriber's notes; the back-translation tolerance;
        the addresses, uncontracted; quotations closed; and every print page shown."""
        path = out_dir / brf_name(document)
        headings = {heading_key(round_trip(section.label)): section.label
                    for section in document.sections()}
        return [brf_rules.geometry(path, STANDARD), brf_rules.section_starts(path, headings),
                heading_levels_result(document, path, heading_keys(document)),
                brf_rules.transcriber_note(path), back_translation(document),
                addresses_result(document, path), brf_rules.quotes(path),
                print_pages_result(document, path, out_dir.parent / "standard")]

    def describe(self, out_dir: Path, files: list[Path]) -> str:
        """Return "BRF, UEB grade 2 (212 pages)"."""
        pages = sum(brf_rules.page_count(path) for path in files if path.suffix == ".brf")
        return f"BRF, UEB grade 2 ({pages} pages of 40x25)"


def back_translation(document: Document) -> RuleResult:
    """Return ``braille/back-translation``: passed when at most ROUND_TRIP_TOLERANCE of the
    toolkit's sentences come back from grade 2 with their words changed."""
    rule = "braille/back-translation"
    every = [sentence for section in document.sections()
             for sentence in sentences(section_texts(section, "reflowable"))]
    try:
        changed = [sentence for sentence in every
                   if normalise(round_trip(sentence)) != normalise(sentence)]
    except louis.LiblouisError as error:
        return RuleResult(rule, "liblouis", False, str(error))
    share = len(changed) / len(every) if every else 0.0
    message = (f"{len(changed)} of {len(every)} sentences ({share:.1%}) come back from grade 2 "
               f"with a word changed; at most {ROUND_TRIP_TOLERANCE:.0%} may")
    return RuleResult(rule, "liblouis", share <= ROUND_TRIP_TOLERANCE, message)


EDITION = BrailleEdition()
