"""Fixtures shared by the tests of the output packages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture
def as_weasyprint_tags_it() -> Iterator[None]:
    """Write PDFs as WeasyPrint 70 tags them (its own ``add_tags``) while the test runs."""
    import weasyprint.pdf

    from formats.outputs.pdf.tagging import install_tagger

    install_tagger()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.pdf, "add_tags", weasyprint.pdf.add_tags.__wrapped__)
        yield
