"""What the EPUB writer, reader and rules share: namespaces, paths, media types, and the
accessibility metadata that EPUB Accessibility 1.1 asks for."""

from __future__ import annotations

MIMETYPE = "application/epub+zip"
MIMETYPE_PATH = "mimetype"
CONTAINER_PATH = "META-INF/container.xml"
ROOT = "EPUB"  # the folder of the package document and everything it lists
PACKAGE = "package.opf"
NAV = "nav.xhtml"

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
XML_NS = "http://www.w3.org/XML/1998/namespace"

XHTML = "application/xhtml+xml"
MEDIA_TYPES = {".xhtml": XHTML, ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg", ".svg": "image/svg+xml", ".smil": "application/smil+xml",
               ".mp3": "audio/mpeg", ".ttf": "font/ttf"}

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
# The properties every EPUB of this project declares (EPUB Accessibility 1.1, section 2), each
# at least once; ``dcterms:conformsTo`` must say CONFORMANCE.
A11Y_PROPERTIES = ("dcterms:conformsTo", "schema:accessMode", "schema:accessModeSufficient",
                   "schema:accessibilityFeature", "schema:accessibilityHazard",
                   "schema:accessibilitySummary")
OVERLAY_FEATURE = "synchronizedAudioText"  # an accessibilityFeature only with media overlays
