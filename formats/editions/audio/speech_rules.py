"""The audio rules on what is said, read in the transcripts beside the files.

A transcript holds exactly what its file says, one passage a line. In every transcript:

- ``audio/addresses``: no address is said in more than ``MAX_ADDRESS_WORDS`` words, and no
  address has more than ``MAX_MARKS`` "dot", "slash" or "underscore" in a row (an address is a
  run of words joined by those marks, or by "at");
- ``audio/whole-sites`` (needs the document): every site the section's text or links name is
  said as a listener would type it, each of its parts spelt as written and joined by "dot", or
  the end of it said as "part of" a site: a site said without its first parts is another site
  ("scot dot N H S dot uk" for nes.scot.nhs.uk), and one said by a part's sound cannot be typed
  ("eye-liss dot co dot uk" for ilis.co.uk);
- ``audio/form-answers`` (needs the document): each question of the section's forms that has
  options to choose from says how many may be chosen: "choose one" (``one-of``) or "choose any
  that apply" (``choice``), as print says with its boxes;
- ``audio/activity-pause`` (needs the document): each activity of the section offers the
  listener a pause to do it ("Pause the recording ... activity"), as quizzes do: what follows
  an activity may be its answer;
- ``audio/links-list`` (once, when the folder has the list of links): each section of the list
  is named as a transcript's first line says it (the listener hears "Appendix 1, part 1" and
  looks for that), and no link's words end with a doubled colon;
- ``audio/print-words``: no word that only makes sense on paper ("page", "below", "circle",
  "tick"...);
- ``audio/table-cells`` (needs the document): no header of a table of the section is said twice
  in a row (a cell that repeats its header: "True or False? True or False.");
- ``audio/lexicon`` (when the document has a lexicon): no lexicon entry's written form is left
  as a whole word (in any capitals, unless the entry matches case).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from formats.core.addresses import find_addresses, host_and_path, section_addresses
from formats.core.contract import RuleResult
from formats.core.model import (
    Activity,
    Document,
    Form,
    LexiconEntry,
    Section,
    Table,
    walk_blocks,
)
from formats.core.text import inline_text, normalise
from formats.editions.audio.addresses import said_length
from formats.editions.audio.files import section_id_of
from formats.editions.audio.lexicon import parse_entry, written_pattern
from formats.editions.audio.print_words import PRINT_ONLY_WORD

MAX_ADDRESS_WORDS = 8
MAX_MARKS = 3
_MARKS = ("dot", "slash", "underscore")
_RUN_WORD = re.compile(r"[\w'-]+")


def transcripts(out_dir: Path) -> list[Path]:
    """Return every transcript in the folder, in name order."""
    return sorted(out_dir.glob("*.txt"))


def address_problems(text: str) -> list[str]:
    """Return every address said in too many words or with too many marks in a row."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = _RUN_WORD.findall(line.lower())
        for run in _address_runs(words):
            said = " ".join(run)
            marks = sum(word in _MARKS for word in run)
            length = said_length(run)
            if length > MAX_ADDRESS_WORDS or marks > MAX_MARKS:
                problems.append(f"line {number}: an address said in {length} words with "
                                f"{marks} dot, slash or underscore: '{said}'")
    return problems


def _address_runs(words: list[str]) -> list[list[str]]:
    """Return the runs of words joined by "dot", "slash" or "underscore" (see
    :func:`_address_spans`)."""
    return [words[start:end] for start, end in _address_spans(words)]


def site_problems(text: str, hosts: list[str]) -> list[str]:
    """Return each of ``hosts`` that ``text`` does not say as it is typed: its parts, each
    spelt as written, joined by "dot" (:func:`typed`), or the end of it said as "part of" a
    site."""
    said = typed(text)
    problems = []
    for host in hosts:
        labels = host.split(".")
        tails = [".".join(labels[start:]) for start in range(1, len(labels) - 1)]
        if host not in said and not any(f"partof{tail}" in said for tail in tails):
            problems.append(f"the site {host} is not said as it is typed: each of its "
                            f"{len(labels)} parts, spelt as written, joined by 'dot'")
    return problems


def typed(text: str) -> str:
    """Return what a listener would type of ``text``: "dot" as ".", and only letters, digits
    and full stops ("on I L I S dot co dot uk" -> "onilis.co.uk"; "eye-liss dot co dot uk" ->
    "eyeliss.co.uk", which is not ilis.co.uk)."""
    return re.sub(r"[^a-z0-9.]", "", re.sub(r"\bdot\b", ".", text.lower()))


CHOOSE = {"one-of": "choose one", "choice": "choose any that apply"}


def form_answer_problems(text: str, section: Section) -> list[str]:
    """Return each way of answering the section's form questions said fewer times than the
    questions that are answered so."""
    wanted: dict[str, int] = {}
    for block in walk_blocks(section.blocks):
        if isinstance(block, Form):
            for question in (one for asked in block.questions for one in asked.all()):
                if question.kind in CHOOSE and question.options:
                    wanted[question.kind] = wanted.get(question.kind, 0) + 1
    said = normalise(text)
    return [f"{count} question(s) answered '{CHOOSE[kind]}' but it is said "
            f"{said.count(CHOOSE[kind])} time(s)" for kind, count in sorted(wanted.items())
            if said.count(CHOOSE[kind]) < count]


ACTIVITY_PAUSE = re.compile(r"pause the recording\b[^.]*\bactivity", re.IGNORECASE)


def activity_pause_problems(text: str, section: Section) -> list[str]:
    """Return a problem when the section's activities are offered fewer pauses than they
    number."""
    activities = sum(isinstance(block, Activity) for block in walk_blocks(section.blocks))
    offered = len(ACTIVITY_PAUSE.findall(text))
    return [] if offered >= activities else [
        f"{activities} activit{'y' if activities == 1 else 'ies'} but {offered} pause(s) offered "
        "to do them"]


def section_hosts(section: Section) -> list[str]:
    """Return the hosts (without ``www.``) of the web and e-mail addresses a section's own
    blocks name, in its links' targets or in its spoken text, each once (not the site of a
    link whose words hold a handle, "Twitter: @name": the handle is what is said)."""
    named = section_addresses(section, "spoken")
    targets = [link.target for link in named.links
               if not any(address.kind == "handle"
                          for address in find_addresses(inline_text(link.children)))]
    written = [address.full for address in named.written if address.kind != "handle"]
    hosts = []
    for address in (*targets, *written):
        if address.startswith("mailto:"):
            hosts.append(address.partition("@")[2].lower())
        elif address.startswith(("https://", "http://")):
            hosts.append(host_and_path(address)[0].lower())
    return list(dict.fromkeys(host for host in hosts if "." in host))


def _address_spans(words: list[str]) -> list[tuple[int, int]]:
    """Return where the runs of words joined by "dot", "slash" or "underscore" are: from the
    word before the first mark to the word after the last, with letters spelt out around them
    ("o d i dot d w p dot gov dot uk" is one run)."""
    marks = [index for index, word in enumerate(words)
             if word in _MARKS and 0 < index < len(words) - 1]
    groups: list[list[int]] = []
    for index in marks:
        between = words[groups[-1][-1] + 1:index] if groups else []
        if groups and (len(between) == 1 or (between and all(len(w) == 1 for w in between))):
            groups[-1].append(index)
        else:
            groups.append([index])
    runs = []
    for group in groups:
        start, end = group[0] - 1, group[-1] + 2
        while start > 0 and len(words[start - 1]) == 1 and len(words[start]) == 1:
            start -= 1
        while end < len(words) and len(words[end]) == 1 and len(words[end - 1]) == 1:
            end += 1
        runs.append((start, end))
    return runs


def print_word_problems(text: str) -> list[str]:
    """Return every print-only word said, with its line."""
    return [f"line {number}: '{match.group(0)}' in \"{_around(line, match)}\""
            for number, line in enumerate(text.splitlines(), start=1)
            for match in PRINT_ONLY_WORD.finditer(line)]


def _around(line: str, match: re.Match[str]) -> str:
    return line[max(0, match.start() - 30):match.end() + 30].strip()


def repeated_header_problems(text: str, headers: list[str]) -> list[str]:
    """Return every table header said twice in a row in ``text``."""
    words = f" {normalise(text)} "
    return [f"'{header}' is said twice in a row (a cell repeating its header)"
            for header in headers
            if (said := normalise(header)) and f" {said} {said} " in words]


def lexicon_problems(text: str, entries: tuple[LexiconEntry, ...]) -> list[str]:
    """Return every lexicon entry whose written form is left in ``text``, where and how often."""
    problems = []
    lines = text.splitlines()
    for entry in entries:
        said = parse_entry(entry)
        pattern = written_pattern(entry.written, said.match_case)
        found = [number for number, line in enumerate(lines, start=1)
                 for match in pattern.finditer(line)
                 if not _part_of_words(match.group(0), said.words)]
        if found:
            times = "once" if len(found) == 1 else f"{len(found)} times"
            problems.append(f"'{entry.written}' is left as written {times} (first on line "
                            f"{found[0]}), where the lexicon says '{said.words}'")
    return problems


def _part_of_words(found: str, words: str) -> bool:
    """Return True when what was found is itself a word of the entry's spoken words."""
    return found.lower() in words.lower().split()


def speech_results(document: Document, out_dir: Path) -> list[RuleResult]:
    """Return the rules on what every transcript says (see the module's text)."""
    headers = _headers_by_section(document)
    sections = {section.id: section for section in document.sections()}
    entries = document.lexicon
    results = []
    for transcript in transcripts(out_dir):
        text = transcript.read_text(encoding="utf-8")
        where = transcript.name
        results.append(RuleResult.from_problems(
            "audio/addresses", where, address_problems(text),
            f"every address said in at most {MAX_ADDRESS_WORDS} words"))
        results.append(RuleResult.from_problems(
            "audio/print-words", where, print_word_problems(text),
            "no word that only makes sense on paper"))
        section_id = section_id_of(transcript.with_suffix(".mp3"))
        hosts = section_hosts(sections[section_id]) if section_id in sections else []
        if hosts:
            results.append(RuleResult.from_problems(
                "audio/whole-sites", where, site_problems(text, hosts),
                f"each of the {len(hosts)} site(s) of the section said as it is typed"))
        section = sections.get(section_id or "")
        if section is not None and any(isinstance(block, Form)
                                       for block in walk_blocks(section.blocks)):
            results.append(RuleResult.from_problems(
                "audio/form-answers", where, form_answer_problems(text, section),
                "every question with options says how many to choose"))
        if section is not None and any(isinstance(block, Activity)
                                       for block in walk_blocks(section.blocks)):
            results.append(RuleResult.from_problems(
                "audio/activity-pause", where, activity_pause_problems(text, section),
                "every activity offers a pause to do it"))
        if section_id in headers:
            results.append(RuleResult.from_problems(
                "audio/table-cells", where, repeated_header_problems(text, headers[section_id]),
                "no cell repeats its header"))
        if entries:
            results.append(RuleResult.from_problems(
                "audio/lexicon", where, lexicon_problems(text, entries),
                f"none of the {len(entries)} lexicon entries' written forms is left"))
    listed = links_list_result(out_dir)
    return results + ([listed] if listed is not None else [])


LINKS_LIST = "links.html"
_HEADING = re.compile(r"<h2>(.*?)</h2>", re.DOTALL)
_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)


def links_list_result(out_dir: Path) -> RuleResult | None:
    """Return ``audio/links-list`` for the list of links in ``out_dir`` (None without one)."""
    page = out_dir / LINKS_LIST
    if not page.is_file():
        return None
    text = page.read_text(encoding="utf-8")
    said = {normalise(lines[0]) for transcript in transcripts(out_dir)
            if (lines := transcript.read_text(encoding="utf-8").splitlines())}
    headings = [unescape(re.sub(r"<[^>]+>", "", found)) for found in _HEADING.findall(text)]
    problems = [f"'{heading}' is not how the recording names a section"
                for heading in headings if normalise(heading) not in said]
    problems += [f"'{unescape(re.sub(r'<[^>]+>', '', item))}' has a doubled colon"
                 for item in _ITEM.findall(text) if "::" in item]
    return RuleResult.from_problems(
        "audio/links-list", LINKS_LIST, problems,
        f"each of the {len(headings)} sections of the list is named as the recording names it")


def _headers_by_section(document: Document) -> dict[str, list[str]]:
    """Return the header cells of the tables of each section that has tables."""
    found: dict[str, list[str]] = {}
    for section in document.sections():
        headers = [inline_text(cell) for block in walk_blocks(section.blocks)
                   if isinstance(block, Table) for cell in block.header]
        if headers:
            found[section.id] = headers
    return found
