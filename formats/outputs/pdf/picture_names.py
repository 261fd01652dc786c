"""Each picture of a PDF named after what it is, not after where it was read from.

WeasyPrint names a raster picture's object in the PDF (and in each page's content) after an
md5 of its full address: a picture read from ``file:///home/ann/toolkit/pictures/tick.png``
gets another name than the same picture read from ``/srv/build/toolkit/...``, so the same
source built in another folder or on another machine gave other bytes (found on the Easy Read
booklets of two clones of the repository). Laid out with an image cache of our own
(WeasyPrint's ``cache`` option: each address and the picture read from it), each picture is
named after its bytes and size instead, before the PDF is written.
"""

from __future__ import annotations

import hashlib
from typing import Any


def name_pictures_by_content(images: dict[str, Any]) -> int:
    """Name each raster picture of ``images`` (WeasyPrint's image cache, filled by a layout)
    after an md5 of its bytes, pixel size and colour mode; return how many were named.

    A picture whose bytes WeasyPrint did not keep (it keeps none for a picture it turned by
    ``image-orientation``) keeps its name."""
    from weasyprint.images import RasterImage

    named = 0
    for image in images.values():
        if not isinstance(image, RasterImage):
            continue  # an SVG picture, or bytes WeasyPrint keeps in the same cache
        data = image.image_data.data if image.image_data is not None else None
        if not data:
            continue
        digest = hashlib.md5(data, usedforsecurity=False)
        digest.update(f"{image.width}x{image.height}:{image.mode}".encode())
        image.id = digest.hexdigest()
        named += 1
    return named
