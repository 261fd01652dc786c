"""The reference document: restyling the Word edition without code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

import build
from formats.core.model import Document
from formats.outputs.docx.document import REFERENCE, write_docx
from formats.outputs.docx.profile import STANDARD
from tests.editions.word.docx_xml import NS, part, part_names, style_names, w

EXPECTED_STYLES = ("Normal", "Title", "Subtitle", *(f"heading {n}" for n in range(1, 7)),
                   "List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
                   "List Number 2", "List Number 3", "Quote", "Quote Source", "caption",
                   "Toolkit Table", "TOC Heading", "toc 1", "toc 2", "toc 3", "Hyperlink",
                   "Checklist", "Form Question", "Answer Space", "Glossary Term",
                   "Glossary Definition", "Table Text", "header", "footer")


@pytest.mark.parametrize("which", ["committed", "remade"])
def test_reference_document_defines_every_style(which: str, tmp_path: Path) -> None:
    if which == "committed":
        reference = REFERENCE
    else:
        reference = tmp_path / "reference.docx"
        result = subprocess.run([str(Path(build.__file__).parent / ".venv" / "bin" / "python"),
                                 "tools/make_reference_docx.py", str(reference)],
                                cwd=Path(build.__file__).parent, capture_output=True, text=True,
                                check=False)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"wrote {reference}\n"
    names = set(style_names(reference).values())
    assert set(EXPECTED_STYLES) <= names, set(EXPECTED_STYLES) - names
    assert "word/stylesWithEffects.xml" not in part_names(reference)  # Word 2010 would use it
    sections = part(reference, "word/document.xml").xpath("//w:sectPr/w:pgSz", namespaces=NS)
    assert [(size.get(w("w")), size.get(w("h"))) for size in sections] == [("11906", "16838")]


def test_restyling_the_reference_in_word_restyles_the_output(mini_document: Document,
                                                             tmp_path: Path) -> None:
    reference = tmp_path / "restyled.docx"
    shutil.copyfile(REFERENCE, reference)
    partner = docx.Document(str(reference))
    heading = partner.styles["Heading 1"]
    heading.font.size = docx.shared.Pt(26)
    heading.font.color.rgb = docx.shared.RGBColor(0x80, 0x00, 0x40)
    partner.save(str(reference))
    out = tmp_path / "out.docx"
    write_docx(mini_document, out, STANDARD, reference=reference)
    result = docx.Document(str(out)).styles["Heading 1"]
    assert result.font.size == docx.shared.Pt(26)
    assert str(result.font.color.rgb) == "800040"
