"""``braille/addresses``: every web and e-mail address and handle of the toolkit is written
uncontracted in the BRF file, as a reader must type it ("UPLOADED", not "UPLOAD$"), whole (a
line's continuation indicator joins its pieces).

The addresses are the model's: those its sections' text says, and the address braille shows
after a link whose words do not say it. What is expected of each is liblouis's uncontracted
translation of the address alone; what is found is the file's text, read back.
"""

from __future__ import annotations

from pathlib import Path

from formats.core.addresses import section_addresses
from formats.core.contract import RuleResult
from formats.core.model import Document
from formats.core.names import some
from formats.core.text import inline_text
from formats.outputs.brf import louis
from formats.outputs.brf.reader import join_lines, read_pages, text_lines

RULE = "braille/addresses"


def toolkit_addresses(document: Document) -> list[str]:
    """Return the addresses the toolkit's sections show in braille, each once, in order."""
    found: list[str] = []
    for section in document.sections():
        named = section_addresses(section, "reflowable")
        found += [link.display_address for link in named.links
                  if link.display_address not in inline_text(link.children)]
        found += [address.written for address in named.written]
    return list(dict.fromkeys(found))


def addresses_result(document: Document, path: Path) -> RuleResult:
    """Return ``braille/addresses`` for the BRF file at ``path``."""
    if not path.is_file():
        return RuleResult(RULE, str(path), False, f"{path} does not exist")
    pages = read_pages(path.read_bytes().decode("ascii", errors="replace"))
    text = join_lines([line for page in pages for _, line in text_lines(page)])
    try:
        expected = {address: louis.translate(address, [louis.Emphasis.NO_CONTRACT]
                                             * len(address))
                    for address in toolkit_addresses(document)}
    except louis.LiblouisError as error:
        return RuleResult(RULE, "liblouis", False, str(error))
    missing = [f"'{address}' (as {cells})" for address, cells in expected.items()
               if cells not in text]
    if missing:
        return RuleResult(RULE, str(path), False, f"{len(missing)} address(es) not written "
                          f"uncontracted and whole: {some(missing)}")
    return RuleResult(RULE, str(path), True, f"each of the {len(expected)} addresses is written "
                                             "uncontracted and whole")
