"""A list inside a list point, tagged inside that point (``LBody``), as PDF/UA reviewers expect.

WeasyPrint 70 makes the list (``L``) of an HTML list inside a point (``<li>...<ul>``) a kid of
the outer list, after the point (``LI``): "in PDFs, nested lists are linked to the parent list"
(``weasyprint.pdf.tags``). A screen reader then meets the inner list as one more thing of the
outer list, not as part of the point it belongs to, and the PDF Association's techniques for
lists ask that a point's whole content, an inner list too, is in the point's ``LBody``
(technique L_13; Matterhorn checkpoints 09-005 and 16-001 to 16-003). And a point of several
paragraphs (``<li><p>...</p><p>...</p></li>``, the points that hold a list) gets no ``LBody``:
its paragraphs are kids of the ``LI`` beside its label, where only a label and a body belong.
:func:`lists_into_points` gives such a point a body holding its paragraphs, then moves each
inner list into the body of the point whose HTML element holds it, at its place in the reading
order (after the point's content that comes before it). The check reads the result back:
``pdf/lists-in-points`` (:mod:`formats.outputs.pdf.list_rules`).
"""

from __future__ import annotations

from typing import Any


def lists_into_points(tagging: Any) -> None:
    """Move every list element that is a kid of a list, after the point whose HTML element
    holds its own, into that point's ``LBody`` (``tagging``: the render's
    :class:`formats.outputs.pdf.tagging._Tagging`, which knows where elements come from). A
    point without an ``LBody`` keeps its list where it was. Each point gets its body first
    (:func:`_give_body`)."""
    import pydyf

    elements = [node for node in tagging.pdf.objects if isinstance(node, dict)]
    for node in elements:
        if node.get("S") == "/LI":
            _give_body(tagging, node)
    for node in (node for node in elements if node.get("S") == "/L"):
        kept, point, moved = pydyf.Array(), None, False
        for kid in node["K"]:
            element = tagging.element(kid)
            if element is not None and element.get("S") == "/L" and point is not None \
                    and (body := _body(tagging, point)) is not None \
                    and _holds(tagging, point, element):
                _insert(tagging, point, body, kid, element)
                moved = True
                continue
            kept.append(kid)
            if element is not None and element.get("S") == "/LI":
                point = element
        if moved:
            node["K"] = kept


def _give_body(tagging: Any, point: Any) -> None:
    """Put the kids of a list point other than its label into a new ``LBody``, when it has
    none and they are all structure elements (a point holding marked content itself is left
    as it is)."""
    import pydyf

    elements = [tagging.element(kid) for kid in point["K"]]
    if any(element is None for element in elements):
        return
    kinds = [element.get("S") for element in elements]
    if "/LBody" in kinds or all(kind == "/Lbl" for kind in kinds):
        return
    body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array([]),
                             "P": point.reference})
    if "Pg" in point:
        body["Pg"] = point["Pg"]
    tagging.pdf.add_object(body)
    kept = pydyf.Array()
    for kid, element, kind in zip(point["K"], elements, kinds, strict=True):
        if kind == "/Lbl":
            kept.append(kid)
        else:
            body["K"].append(kid)
            element["P"] = body.reference
    kept.append(body.reference)
    point["K"] = kept


def _body(tagging: Any, point: Any) -> Any | None:
    """Return the ``LBody`` element of a list point, or None."""
    return next((found for kid in point["K"] if (found := tagging.element(kid)) is not None
                 and found.get("S") == "/LBody"), None)


def _holds(tagging: Any, point: Any, inner: Any) -> bool:
    """Return True when the HTML element of the list point ``point`` holds the HTML element
    of the list ``inner``."""
    outer, inside = tagging.origin.get(point.number), tagging.origin.get(inner.number)
    if outer is None or inside is None:
        return False
    return any(element is inside[0] for element in outer[0].iter())


def _insert(tagging: Any, point: Any, body: Any, kid: Any, inner: Any) -> None:
    """Put ``kid`` (a reference to the list ``inner``) in the kids of ``body`` (the body of
    ``point``), before the first kid whose HTML element comes after the list's in the point's
    HTML element, and make ``body`` its parent. (The marked content's numbers do not tell the
    order: a list's markers are numbered after the text that follows it.)"""
    order = {id(element): index
             for index, element in enumerate(tagging.origin[point.number][0].iter())}
    start = order.get(id(tagging.origin[inner.number][0]), -1)
    place = len(body["K"])
    for index, other in enumerate(body["K"]):
        element = tagging.element(other)
        origin = tagging.origin.get(element.number) if element is not None else None
        if origin is not None and order.get(id(origin[0]), -1) > start:
            place = index
            break
    body["K"].insert(place, kid)
    inner["P"] = body.reference
