"""Fixtures shared by the tests of the output packages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from formats.core.model import Document
from tests.conftest import Builds
from tests.helpers.pdf import built_pdf


@pytest.fixture
def as_weasyprint_tags_it() -> Iterator[None]:
    """Write PDFs as WeasyPrint 70 tags them (its own ``add_tags``) while the test runs."""
    import weasyprint.pdf

    from formats.outputs.pdf.tagging import install_tagger

    install_tagger()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(weasyprint.pdf, "add_tags", weasyprint.pdf.add_tags.__wrapped__)
        yield


@pytest.fixture(params=["standard", "large-print"])
def mini_pdf(request: pytest.FixtureRequest, built: Builds, mini_document: Document) -> Path:
    """Return the mini toolkit's PDF of each printed edition in turn."""
    return built_pdf(built, mini_document, request.param)


@pytest.fixture(params=["standard", "large-print"])
def real_pdf(request: pytest.FixtureRequest, built: Builds, real_document: Document) -> Path:
    """Return the real toolkit's PDF of each printed edition in turn."""
    return built_pdf(built, real_document, request.param)
