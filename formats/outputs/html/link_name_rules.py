"""``web/link-names``: no two links of a page have the same name and go to different places.

A screen reader lists a page's links by their names (NVDA's elements list, VoiceOver's rotor):
links named alike that go to different places cannot be told apart there (WCAG 2.4.4 allows the
sentence around a link to say where it goes, but a list of links has no sentence around it;
2.4.9). The name is read in the page as a browser gives it: ``aria-label`` when the link has
one, else its words; the place is the address the browser resolves (the same element reached
from two documents of an EPUB is one place). Names are compared with their spaces made single,
in lower case.
"""

from __future__ import annotations

from formats.core.contract import RuleResult
from formats.core.names import some
from formats.outputs.html.browser import Page

_LINKS_JS = """
() => Array.from(document.querySelectorAll('a[href]')).map(link => ({
  name: (link.getAttribute('aria-label') || link.textContent || '').replace(/\\s+/g, ' ').trim(),
  href: link.href}))
"""


def check_link_names(page: Page, where: str, output: str) -> list[RuleResult]:
    """Return ``web/link-names``: passed when every name shared by links leads to one place."""
    places: dict[str, dict[str, str]] = {}  # name in lower case -> address -> the name as shown
    for link in page.evaluate(_LINKS_JS):
        if link["name"]:
            places.setdefault(link["name"].lower(), {}).setdefault(link["href"], link["name"])
    shared = [found for found in places.values() if len(found) > 1]
    if shared:
        return [RuleResult("web/link-names", where, False, f"{output}: " + some(
            f"links named '{next(iter(found.values()))}' go to {len(found)} places "
            f"({', '.join(_short(address) for address in found)})" for found in shared)
            + ": a list of the page's links cannot tell them apart; name each by where it goes")]
    return [RuleResult("web/link-names", where, True,
                       f"{output}: each of the {len(places)} names of links leads to one place")]


def _short(address: str) -> str:
    """Return an address as a message shows it: its fragment (``#quiz-2``) when it has one."""
    return "#" + address.split("#", 1)[1] if "#" in address else address
