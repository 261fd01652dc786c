"""The contents list (a TOC field whose entries carry page numbers) and the page furniture: the
header and the page number in the footer.

The contents field is ``TOC \\o "1-3" \\h \\z \\u``; its result, which Word and LibreOffice show
until someone updates the field, is written here: an entry for every section heading of levels
1 to 3 (the titles of checklists, activities, quizzes and forms are headings too, one level
below their section, but no section: none of them is listed, in every Word document alike),
each a link to the heading's bookmark with a PAGEREF field for its page. The pages are found by
laying the saved document out with LibreOffice (:func:`number_contents`; several documents in
one run, :func:`number_contents_of`; again when a number outgrew its line): the numbers are
LibreOffice's, and Word's own layout may move a heading by a page until the field is updated
(References > Update Table > Update page numbers only keeps these entries).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree
from lxml.etree import _Element

from formats.core.contract import RenderError
from formats.outputs.docx.libreoffice import Layout, laid_out_of
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.xml import P_PR, child, element, field_end, field_runs

CONTENTS_LEVELS = 3  # the contents list: TOC \o "1-3"
CONTENTS_FIELD = f'TOC \\o "1-{CONTENTS_LEVELS}" \\h \\z \\u'
EMU_PER_TWIP = 635
NO_PAGE = "0"  # the page number an entry holds until the document has been laid out
MAX_LAYOUTS = 3  # layouts of a document whose page numbers changed width (see number_contents_of)
P_PR_TAG, P_STYLE_TAG, VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")


def contents(state: DocxState, heading: DocxParagraph,
             labels: Mapping[str, str] | None = None) -> None:
    """Insert after ``heading`` a TOC field filled with an entry for every section heading of
    levels 1-3: its words (after its label in ``labels``, by bookmark: "5. "), a dotted tab and
    its page number (a PAGEREF field), all one link.

    The page numbers are placeholders until :func:`number_contents` lays the saved file out.
    """
    entries = [(level, (labels or {}).get(name, "") + text, name)
               for level, text, name in contents_entries(state, heading)]
    anchor: _Element = heading._p
    tab_stop = str(state.text_width() // EMU_PER_TWIP)
    paragraphs: list[tuple[_Element, _Element]] = []  # each entry and its properties
    for level, text, name in entries:
        paragraph = element("w:p")
        properties = child(paragraph, "pPr", ("pPr",))
        properties.append(element("w:pStyle", {"w:val": state.style_id(f"toc {level}")}))
        tabs = child(properties, "tabs", P_PR)
        tabs.append(element("w:tab", {"w:val": "right", "w:leader": "dot", "w:pos": tab_stop}))
        link = element("w:hyperlink", {"w:anchor": name, "w:history": "1"})
        link.append(state.run(text, "Hyperlink"))
        tab = element("w:r")
        tab.append(element("w:tab"))
        link.append(tab)
        link.extend(field_runs(f"PAGEREF {name} \\h"))
        link.append(state.run(NO_PAGE))
        link.append(field_end())
        paragraph.append(link)
        paragraphs.append((paragraph, properties))
    if not paragraphs:
        return
    begin, code, separate = field_runs(CONTENTS_FIELD)
    paragraphs[0][1].addnext(begin)
    begin.addnext(code)
    code.addnext(separate)
    paragraphs[-1][0].append(field_end())
    for paragraph, _ in paragraphs:
        anchor.addnext(paragraph)
        anchor = paragraph


def contents_entries(state: DocxState, after: DocxParagraph) -> list[tuple[int, str, str]]:
    """Return (level, text, bookmark) of every section heading of levels 1-3 after ``after``
    (the contents heading): a heading holding a visible bookmark (a block title holds none)."""
    levels = heading_levels(state)
    entries: list[tuple[int, str, str]] = []
    for paragraph in state.doc.paragraphs:
        style = paragraph._p.find(f"{P_PR_TAG}/{P_STYLE_TAG}")
        level = levels.get(style.get(VAL) or "") if style is not None else None
        if level is None or level > CONTENTS_LEVELS or paragraph._p is after._p:
            continue
        names = [mark.get(qn("w:name")) or "" for mark in paragraph._p.iter(qn("w:bookmarkStart"))]
        visible = [name for name in names if name and not name.startswith("_")]
        if visible:
            entries.append((level, paragraph.text, visible[0]))
    return entries


def heading_levels(state: DocxState) -> dict[str, int]:
    """Return the level of each built-in Heading style of the document, by its style id (a
    paragraph's style looked up through python-docx searched every style for the default one
    each time: 0.6 s for the toolkit's 978 paragraphs)."""
    levels: dict[str, int] = {}
    for name, style_id in state.style_ids.items():
        if name.lower().startswith("heading ") and name[8:].isdigit():
            levels[style_id] = int(name[8:])
    return levels


# ---------------------------------------------------------------------------------------------
# Page numbers: the saved document laid out with LibreOffice (again if a number outgrew its line)


def number_contents(path: Path) -> dict[str, int]:
    """Write into the contents entries of the saved .docx at ``path`` the page each heading is
    on when LibreOffice lays the document out; return the pages by bookmark.

    A document without contents entries is left as it is. Raises RenderError when LibreOffice
    is missing, fails, or does not place a heading the contents lists.
    """
    return number_contents_of([path])[0]


def number_contents_of(paths: Sequence[Path]) -> list[dict[str, int]]:
    """Number the contents of each saved .docx of ``paths`` as :func:`number_contents` does,
    laying them out in one LibreOffice run; return the pages by bookmark of each.

    A page number that replaces a placeholder of its width leaves every line where it was. A
    wider one may not: an entry whose words nearly fill its line then takes two, and when the
    contents grow by a page every heading after them moves by one (the large-print Word file
    of a toolkit ten times longer had all 600 entries a page out: laid out with "0", numbered
    up to 1051). So a number may be wider only where its line's leader has room for it
    (:mod:`formats.outputs.docx.leader_room`); else the document is laid out again with the
    numbers it now holds, until they stay (at most ``MAX_LAYOUTS`` layouts). Raises
    RenderError as :func:`number_contents` does.
    """
    bodies = []
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            bodies.append(etree.fromstring(archive.read("word/document.xml")))
    numbers = [page_numbers_of(body) for body in bodies]
    pending = [index for index, found in enumerate(numbers) if found]
    for _ in range(MAX_LAYOUTS):
        if not pending:
            break
        laid = laid_out_of([paths[index] for index in pending])
        pending = [index for index, layout in zip(pending, laid, strict=True)
                   if _numbered(paths[index], bodies[index], numbers[index], layout)]
    return [{name: int(texts[0].text or 0) for name, texts in found.items()}
            for found in numbers]


def _numbered(path: Path, body: _Element, numbers: dict[str, list[_Element]],
              layout: Layout) -> bool:
    """Write the pages of ``layout`` into the page numbers ``numbers`` of ``body``, and the body
    into the .docx at ``path``; return True when a line may have moved (a number narrower
    than the one laid out, or wider than its line's room), so the file must be laid out again.
    Raises RenderError when a heading listed is on no page."""
    pages = layout.bookmarks
    unplaced = sorted(name for name in numbers if name not in pages)
    if unplaced:
        raise RenderError(f"{path.name}: LibreOffice did not place the heading(s) "
                          f"{', '.join(unplaced)} of the contents on a page")
    order = {text: index for index, text in enumerate(body.iter(qn("w:t")))}
    texts = sorted(((name, text) for name, found in numbers.items() for text in found),
                   key=lambda pair: order[pair[1]])
    # the rooms are the contents lines' in order, as the numbers are; unknown if they differ
    rooms = layout.rooms if len(layout.rooms) == len(texts) else (0,) * len(texts)
    moved = False
    for (name, text), room in zip(texts, rooms, strict=True):
        was, now = len(text.text or ""), len(str(pages[name]))
        moved = moved or now < was or now > was + room
        text.text = str(pages[name])
    replace_part(path, "word/document.xml", etree.tostring(
        body, xml_declaration=True, encoding="UTF-8", standalone=True))
    return moved


def page_numbers_of(body: _Element) -> dict[str, list[_Element]]:
    """Return the text elements holding the result of every PAGEREF field, by bookmark."""
    found: dict[str, list[_Element]] = {}
    for code in body.iter(qn("w:instrText")):
        match = _PAGEREF.match(code.text or "")
        if match is None:
            continue
        owner = code.getparent()  # the run of the instruction, then "separate", then the result
        run = owner.getnext() if owner is not None else None
        result = run.getnext() if run is not None else None
        text = result.find(qn("w:t")) if result is not None else None
        if text is not None:
            found.setdefault(match.group(1), []).append(text)
    return found


def replace_part(path: Path, name: str, data: bytes) -> None:
    """Rewrite the package at ``path`` with the part ``name`` replaced by ``data``; every other
    entry, and the date and attributes of each, stay as they were."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, data if info.filename == name else archive.read(info.filename))
                   for info in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for info, content in entries:
            archive.writestr(info, content)


# ---------------------------------------------------------------------------------------------
# Page furniture


def page_header(state: DocxState, text: str) -> None:
    """Put ``text`` in the header of every page."""
    section = state.doc.sections[0]
    section.different_first_page_header_footer = False
    header = section.header.paragraphs[0]
    header.style = state.doc.styles["Header"]
    header._p.append(state.run(text))


def page_footer(state: DocxState) -> None:
    """Put "Page N" (a PAGE field) in the footer of every page."""
    section = state.doc.sections[0]
    section.different_first_page_header_footer = False
    footer = section.footer.paragraphs[0]
    footer.style = state.doc.styles["Footer"]
    footer._p.append(state.run("Page "))
    for piece in field_runs("PAGE"):
        footer._p.append(piece)
    footer._p.append(state.run("1"))
    footer._p.append(field_end())
