"""The ids the page templates give their own elements are reserved: the loader refuses them in
the source (tests/fixtures/bad/reserved-id.yaml), so no section can share an id with the page's
title, contents or skip-link target."""

from __future__ import annotations

import re

from formats.core.load.references import ID_PATTERN
from formats.core.names import DERIVED, RESERVED_IDS, TEMPLATES, derived_id

FIXED_ID = re.compile(r'\bid="([a-z0-9-]+)"')


def test_every_fixed_id_of_a_page_template_is_reserved() -> None:
    fixed = {name for path in TEMPLATES.rglob("*.j2") if "report" not in path.parts
             for name in FIXED_ID.findall(path.read_text(encoding="utf-8"))}
    assert fixed and fixed <= RESERVED_IDS, sorted(fixed - RESERVED_IDS)


def test_a_derived_id_is_never_an_id_the_source_may_give() -> None:
    assert DERIVED not in "".join(RESERVED_IDS)
    for base, part in (("q-who", 2), ("q-who", "answer"), ("page", 12), ("quiz-1", "title")):
        assert not ID_PATTERN.match(derived_id(base, part))
