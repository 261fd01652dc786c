"""Every character drawn on each page of a PDF, and its lines, pictures and patterned shapes,
as PDFium (the PDF engine of Chromium, never WeasyPrint) reads them.

The characters are measured as pdfminer (and so pdfplumber) measures them, which the print rules
were written against: a character's box runs from its origin on the baseline for its advance
width (the font's own width of the glyph), and from the font's descent for one font size up.

- PDFium's own boxes take in a glyph's ink where it reaches beyond its advance ('j', 'w',
  Atkinson Hyperlegible's 'q'), so the advance is read from the embedded font (fontTools). A
  glyph drawn that is not the one the font's character map names (a tabular figure, where the
  map names the proportional one) has its ink elsewhere from the origin: it keeps PDFium's box.
- PDFium marks a space drawn in a gap wider than a space (a justified line) as one it put in
  itself, but with the text object that drew it: it is kept, with its text object's matrix.
- A hyphen PDFium marks as ending a line is a hyphen.

Checked against pdfplumber on the bundled toolkit's six PDFs (196 380 characters) and on a
justified page: the same characters, fonts, sizes, boxes (within PDFium's single precision),
matrices and MCIDs, and the same lines, pictures and patterned shapes. PDFium reads the 102
pages of the large-print PDF in about 0.9 s, where pdfplumber took 3.3 s.
"""

from __future__ import annotations

import ctypes
import io
import math
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from formats.outputs.pdf.glyphs import RULE_HEIGHT, SUBSET_TAG, Glyph, PrintedPage
from formats.outputs.pdf.page_text import pdfium_document

_LINE_END_HYPHEN = 0x02  # PDFium's code for a hyphen that ends a line
_HYPHENS = (0x2D, 0x2010, 0xAD)  # what such a hyphen may be drawn as, in the font's own map
_INK_TOLERANCE = 0.05  # points: a glyph whose ink lies where the mapped glyph's does is that glyph


def read_pages(path: Path) -> list[PrintedPage]:
    """Return every page of the PDF at ``path`` with the characters drawn on it and the
    vertical extent of its horizontal lines, pictures and patterned shapes.

    Raises ValueError when PDFium cannot open the file.
    """
    import pypdfium2.raw as pdfium_c

    pages = []
    with pdfium_document(path) as document:
        fonts = _EmbeddedFonts()
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_width(), page.get_height()
            text_page = page.get_textpage()
            try:
                glyphs = tuple(_glyphs(pdfium_c, text_page.raw, height, fonts))
                drawn = tuple(_drawn(pdfium_c, document.raw, page.raw, height))
            finally:
                text_page.close()
                page.close()
            pages.append(PrintedPage(index + 1, width, height, glyphs, drawn))
    return pages


@dataclass(frozen=True)
class _Metrics:
    """A character's advance and the extent of its ink in its font (font-size units; the ink
    None when unknown)."""

    advance: float
    ink: tuple[float, float] | None  # from the origin: where the ink starts and ends


class _EmbeddedFonts:
    """The metrics of the fonts embedded in one PDF (in font-size units), by the font's name
    (subset tag included, so one subset each) and character."""

    def __init__(self) -> None:
        self._fonts: dict[str, dict[int, _Metrics] | None] = {}

    def of(self, pdfium_c: Any, font: Any, name: str, code: int) -> _Metrics | None:
        """Return the advance and ink of character ``code`` in ``font``, or None when the
        embedded font (or its character map) does not give them."""
        if name not in self._fonts:
            self._fonts[name] = _font_metrics(pdfium_c, font)
        metrics = self._fonts[name]
        if not metrics:
            return None
        if code == _LINE_END_HYPHEN:
            return next((metrics[hyphen] for hyphen in _HYPHENS if hyphen in metrics), None)
        return metrics.get(code)


def _font_metrics(pdfium_c: Any, font: Any) -> dict[int, _Metrics] | None:
    """Return the advance and the ink's extent of every character the embedded font's character
    map names, in font-size units (the ink None for outlines other than TrueType's);
    None for a font that is not embedded or cannot be read."""
    from fontTools.ttLib import TTFont, TTLibError

    size = ctypes.c_size_t()
    if not font or not pdfium_c.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size)) \
            or not size.value:
        return None
    data = (ctypes.c_uint8 * size.value)()
    pdfium_c.FPDFFont_GetFontData(font, data, size.value, ctypes.byref(size))
    try:
        program = TTFont(io.BytesIO(bytes(data)))
        units = program["head"].unitsPerEm
        advances = program["hmtx"].metrics
        outlines = program.get("glyf")
        found = {}
        for code, glyph in (program.getBestCmap() or {}).items():
            if glyph not in advances:
                continue
            ink = None
            if outlines is not None:
                outline = outlines[glyph]
                ink = ((outline.xMin / units, outline.xMax / units)
                       if getattr(outline, "numberOfContours", 0) else (0.0, 0.0))
            found[code] = _Metrics(advances[glyph][0] / units, ink)
    except (TTLibError, KeyError, AssertionError, struct.error):
        return None
    return found


def _glyphs(pdfium_c: Any, text_page: Any, height: float, fonts: _EmbeddedFonts
            ) -> Iterator[Glyph]:
    """Yield the characters drawn on a page, not the spaces and line breaks PDFium puts in
    (PDFium marks a space drawn in a gap wider than a space as one it put in, but with the text
    object that drew it, and a box of no width: its advance is the font's)."""
    # PDFium's functions and the places they write to, looked up and made once a page: a
    # page has thousands of characters, each asked for ten things
    get_object, is_generated = pdfium_c.FPDFText_GetTextObject, pdfium_c.FPDFText_IsGenerated
    get_unicode, get_origin = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetCharOrigin
    get_loose_box, get_matrix = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetMatrix
    get_font_size, get_box = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetCharBox
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    origin_x_at, origin_y_at = ctypes.byref(origin_x), ctypes.byref(origin_y)
    box_at, matrix_at = ctypes.byref(box), ctypes.byref(matrix)
    ink = _InkBox()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    objects: dict[int | None, tuple[str, str, Any, int | None]] = {}
    for char in range(pdfium_c.FPDFText_CountChars(text_page)):
        drawn_by = get_object(text_page, char)
        put_in = is_generated(text_page, char) == 1
        if not drawn_by and put_in:
            continue  # a space or line break PDFium put in: no text object drew it
        key = ctypes.addressof(drawn_by.contents) if drawn_by else None
        if key not in objects:
            pdfium_c.FPDFText_GetFontInfo(text_page, char, name, len(name), ctypes.byref(flags))
            mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(drawn_by) if drawn_by else -1
            font_name = name.value.decode("utf-8", "replace")
            objects[key] = (font_name, SUBSET_TAG.sub("", font_name),
                            pdfium_c.FPDFTextObj_GetFont(drawn_by) if drawn_by else None,
                            mcid if mcid >= 0 else None)
        font_name, family, font, mcid = objects[key]
        code = get_unicode(text_page, char)
        get_origin(text_page, char, origin_x_at, origin_y_at)
        get_loose_box(text_page, char, box_at)
        if put_in:  # its own matrix and box are not set: its text object's, its font's descent
            pdfium_c.FPDFPageObj_GetMatrix(drawn_by, matrix_at)
            font_size = _font_size(pdfium_c, drawn_by)
        else:
            get_matrix(text_page, char, matrix_at)
            font_size = get_font_size(text_page, char)
        size = font_size * math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        x0 = origin_x.value
        scale = font_size * matrix.a
        metrics = fonts.of(pdfium_c, font, font_name, code)
        x1 = box.right
        if metrics is not None and _drawn_as_mapped(get_box, ink, text_page, char, x0, metrics,
                                                    scale):
            x1 = x0 + metrics.advance * scale
        bottom = height - (origin_y.value + _descent(pdfium_c, font, font_size) * matrix.d
                           if put_in else box.bottom)
        yield Glyph("-" if code == _LINE_END_HYPHEN else chr(code), family,
                    round(size, 1), x0, x1, bottom - size, bottom,
                    (matrix.a, matrix.b, matrix.c, matrix.d, x0, origin_y.value), mcid)


def _font_size(pdfium_c: Any, text_object: Any) -> float:
    """Return the font size a text object sets (in text space)."""
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(text_object, ctypes.byref(size))
    return size.value


def _descent(pdfium_c: Any, font: Any, font_size: float) -> float:
    """Return how far below the baseline the font reaches at ``font_size`` (negative, in text
    space)."""
    descent = ctypes.c_float()
    if not font or not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(font_size),
                                                     ctypes.byref(descent)):
        return 0.0
    return descent.value


class _InkBox:
    """Where PDFium writes a character's box (:func:`_drawn_as_mapped`), made once a page."""

    def __init__(self) -> None:
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))
        self.places = tuple(ctypes.byref(side)
                            for side in (self.left, self.right, self.bottom, self.top))


def _drawn_as_mapped(get_box: Any, ink: _InkBox, text_page: Any, char: int, origin: float,
                     metrics: _Metrics, scale: float) -> bool:
    """Return True when the character is drawn with the glyph its font's character map gives
    it, as far as where its ink lies tells (an alternate glyph, such as a tabular figure, has
    another advance than the mapped one, and its ink elsewhere from the origin); ``get_box``
    is PDFium's FPDFText_GetCharBox."""
    if metrics.ink is None or metrics.ink == (0.0, 0.0):  # no ink (a space): PDFium's box is
        return True  # its origin
    get_box(text_page, char, *ink.places)
    return (abs(ink.left.value - origin - metrics.ink[0] * scale) <= _INK_TOLERANCE
            and abs(ink.right.value - origin - metrics.ink[1] * scale) <= _INK_TOLERANCE)


def _drawn(pdfium_c: Any, document: Any, page: Any, height: float
           ) -> Iterator[tuple[float, float]]:
    """Yield the vertical extent (top, bottom, from the page's top) of every picture, every
    horizontal line (a path of each subpath's own, as pdfminer splits them) and every shape
    filled with a pattern on a page, forms' contents included."""
    for thing, kind in _objects(pdfium_c, pdfium_c.FPDFPage_CountObjects(page),
                                lambda index: pdfium_c.FPDFPage_GetObject(page, index)):
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, low, right, high = (ctypes.c_float() for _ in range(4))
            pdfium_c.FPDFPageObj_GetBounds(thing, ctypes.byref(left), ctypes.byref(low),
                                           ctypes.byref(right), ctypes.byref(high))
            yield height - high.value, height - low.value
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            patterned = _patterned(pdfium_c, document, thing)
            for points in _subpaths(pdfium_c, thing, height):
                xs, ys = [x for x, _ in points], [y for _, y in points]
                top, bottom = min(ys), max(ys)
                if patterned or (bottom - top <= RULE_HEIGHT
                                 and max(xs) - min(xs) > 3 * RULE_HEIGHT):
                    yield top, bottom


def _objects(pdfium_c: Any, count: int, get: Any) -> Iterator[tuple[Any, int]]:
    """Yield the page objects ``get(0) ... get(count - 1)`` with their kinds, a form's own
    objects in its place."""
    for index in range(count):
        thing = get(index)
        kind = pdfium_c.FPDFPageObj_GetType(thing)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _objects(pdfium_c, pdfium_c.FPDFFormObj_CountObjects(thing),
                                lambda inner, form=thing: pdfium_c.FPDFFormObj_GetObject(form,
                                                                                         inner))
        else:
            yield thing, kind


def _patterned(pdfium_c: Any, document: Any, path: Any) -> bool:
    """Return True for a path filled with a pattern (a gradient, such as the lines of a space to
    write in), not a colour: PDFium renders a pattern fill's cell, and only a pattern's."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(path, ctypes.byref(fill), ctypes.byref(stroke))
    if not fill.value:
        return False
    cell = pdfium_c.FPDFPageObj_GetRenderedFillPattern(document, path)
    if not cell:
        return False
    pdfium_c.FPDFBitmap_Destroy(cell)
    return True


def _subpaths(pdfium_c: Any, path: Any, height: float) -> Iterator[list[tuple[float, float]]]:
    """Yield the points of each subpath of a path (from the page's top left), each of at least
    two points."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(path, ctypes.byref(matrix))
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO:
            if len(points) >= 2:
                yield points
            points = []
        points.append((matrix.a * x.value + matrix.c * y.value + matrix.e,
                       height - (matrix.b * x.value + matrix.d * y.value + matrix.f)))
    if len(points) >= 2:
        yield points
