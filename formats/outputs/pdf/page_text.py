"""The text of each page of a PDF as PDFium (the PDF engine of Chromium) reads it.

PDFium, not WeasyPrint, reads the characters: each with the marked-content id (MCID) of the
text object it is drawn in, which ties it to the structure tree. Only the text the structure
tree reaches is kept, as a screen reader reads it; a run of other text (running headers, page
numbers) becomes one line break. The spaces and line breaks PDFium puts between words and
lines (they are drawn by no text object) are kept, and a hyphen that ends a line stays a
hyphen and a line break (PDFium marks it and leaves the break out). PDFium reads a 100-page
PDF's text in about 0.2 s, where pypdf's text extraction took 1.6 s.
"""

from __future__ import annotations

from pathlib import Path

_GENERATED = -2  # the MCID given here to a space or line break that PDFium puts in itself
_LINE_END_HYPHEN = "\x02"  # PDFium's mark for a hyphen that ends a line (the break left out)


def page_texts(path: Path, reached: set[tuple[int, int]] | None) -> list[str]:
    """Return the text of every page of the PDF at ``path``: only the marked content in
    ``reached`` ((page index, MCID) pairs) when it is given, all the text when it is None.

    Raises ValueError when PDFium cannot open the file.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise ValueError(f"PDFium cannot open it: {error}") from None
    texts = []
    try:
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            pieces: list[str] = []
            for char in range(text_page.count_chars()):
                drawn_by = pdfium_c.FPDFText_GetTextObject(text_page.raw, char)
                mcid = (pdfium_c.FPDFPageObj_GetMarkedContentID(drawn_by) if drawn_by
                        else _GENERATED)
                if reached is None or mcid == _GENERATED or (index, mcid) in reached:
                    pieces.append(chr(pdfium_c.FPDFText_GetUnicode(text_page.raw, char)))
                elif not pieces or pieces[-1] != "\n":
                    pieces.append("\n")
            text_page.close()
            page.close()
            texts.append("".join(pieces).replace("\r\n", "\n").replace("\r", "\n")
                         .replace(_LINE_END_HYPHEN, "-\n"))
    finally:
        document.close()
    return texts


def marked_texts(path: Path) -> dict[tuple[int, int], str]:
    """Return the text of every marked-content sequence of the PDF at ``path``, by (page index,
    MCID), as PDFium reads it; a space or line break PDFium puts in belongs to the sequence of
    the character before it.

    Raises ValueError when PDFium cannot open the file.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        raise ValueError(f"PDFium cannot open it: {error}") from None
    pieces: dict[tuple[int, int], list[str]] = {}
    try:
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            mcid = _GENERATED
            for char in range(text_page.count_chars()):
                drawn_by = pdfium_c.FPDFText_GetTextObject(text_page.raw, char)
                if drawn_by:
                    mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(drawn_by)
                if mcid >= 0:
                    pieces.setdefault((index, mcid), []).append(
                        chr(pdfium_c.FPDFText_GetUnicode(text_page.raw, char)))
            text_page.close()
            page.close()
    finally:
        document.close()
    return {key: "".join(chars).replace(_LINE_END_HYPHEN, "-\n")
            for key, chars in pieces.items()}
