"""Pictures in Word: a run holding an inline picture, its alt text in ``wp:docPr/@descr``
only (LibreOffice joins a title to the description, so none is written)."""

from __future__ import annotations

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image as DocxImage
from docx.shared import Cm, Emu, Length
from lxml.etree import _Element

from formats.core.contract import RenderError
from formats.core.model import Image
from formats.outputs.docx.state import DocxState
from formats.outputs.docx.xml import element


def picture_run(state: DocxState, image: Image, width_cm: float | None = None,
                height_cm: float | None = None) -> _Element:
    """Return a run holding the picture at ``width_cm`` or ``height_cm`` (the other side in
    proportion); without either, as wide as it is at its resolution but no wider than the text.

    Raises RenderError when Word cannot hold the picture (not a PNG, JPEG, GIF...).
    """
    try:
        native = DocxImage.from_file(str(image.path))
    except (UnrecognizedImageError, OSError) as error:
        raise RenderError(f"{image.path}: Word cannot hold this picture ({error}); use a PNG "
                          "or JPEG file") from error
    width: Length | None = Cm(width_cm) if width_cm is not None else None
    height: Length | None = Cm(height_cm) if height_cm is not None else None
    if width is None and height is None:
        width = Emu(min(native.width, state.text_width()))
    inline = state.doc.part.new_pic_inline(str(image.path), width=width, height=height)
    inline.docPr.set("descr", image.alt)
    holder = element("w:r")
    drawing = element("w:drawing")
    drawing.append(inline)
    holder.append(drawing)
    return holder
