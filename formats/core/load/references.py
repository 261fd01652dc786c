"""Ids, the links between them, and quizzes with their answers.

Every id (of a section, glossary entry, quiz, form question or Easy Read part) is claimed once.
Links to ``#id`` and the pairing of quizzes with answers are checked when every file is read.
"""

from __future__ import annotations

import re

from formats.core.load.state import LoadState
from formats.core.model import Block, Location, Quiz, Section
from formats.core.names import RESERVED_IDS

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_SUFFIX = re.compile(r"\s*\{#([^}\s]*)\}\s*$")


def split_id(text: str) -> tuple[str, str | None]:
    """Return a heading or term without its ``{#id}`` suffix, and the id (None without one)."""
    match = ID_SUFFIX.search(text)
    return ID_SUFFIX.sub("", text).strip(), match.group(1) if match else None


def claim_id(state: LoadState, node_id: str, location: Location) -> bool:
    """Record an id; return False (with a problem) when it is malformed or already used."""
    if not ID_PATTERN.match(node_id):
        state.problems.add(location, f"id '{node_id}' must be lower-case letters, digits and "
                                     "hyphens")
        return False
    if node_id in RESERVED_IDS:
        state.problems.add(location, f"id '{node_id}' is used by the pages themselves (for "
                                     f"{', '.join(sorted(RESERVED_IDS))}): choose another")
        return False
    if node_id in state.ids:
        state.problems.add(location, f"duplicate id '{node_id}' (first used at "
                                     f"{state.problems.where(state.ids[node_id])})")
        return False
    state.ids[node_id] = location
    return True


def link_to(state: LoadState, target: str, location: Location) -> None:
    """Record a link to the id ``target``, checked by :func:`check_links`."""
    state.links.append((target, location))


def check_links(state: LoadState) -> None:
    """Add a problem for each link to an id that nothing claimed."""
    for target, location in state.links:
        if target not in state.ids:
            state.problems.add(location, f"link to '#{target}' but no section, quiz, entry or "
                                         "question has that id")


def add_quiz(state: LoadState, quiz_id: str, location: Location) -> int | None:
    """Return the number of a new quiz, or None (with a problem) when its id cannot be claimed."""
    if not claim_id(state, quiz_id, location):
        return None
    state.quizzes.count += 1
    state.quizzes.quizzes[quiz_id] = location
    return state.quizzes.count


def add_answers(state: LoadState, quiz_id: str, location: Location,
                section_id: str | None) -> None:
    """Record the answers to ``quiz_id``, found in the section ``section_id`` (if any); a
    second answers block for the same quiz is a problem."""
    if section_id is None:
        state.problems.add(location, f"the answers to '{quiz_id}' must be in a section of a "
                                     "chapter, not inside another block")
        return
    if quiz_id in state.quizzes.answers:
        state.problems.add(location, f"quiz '{quiz_id}' already has answers")
    state.quizzes.answers[quiz_id] = location
    state.quizzes.answer_sections[quiz_id] = section_id


def check_quizzes(state: LoadState) -> None:
    """Add a problem for answers to no quiz, then for each quiz without answers."""
    for quiz_id, location in state.quizzes.answers.items():
        if quiz_id not in state.quizzes.quizzes:
            state.problems.add(location, f"answers to '{quiz_id}' but there is no quiz with "
                                         "that id")
    for quiz_id, location in state.quizzes.quizzes.items():
        if quiz_id not in state.quizzes.answers:
            state.problems.add(location, f"quiz '{quiz_id}' has no '::: answers #{quiz_id}' "
                                         "block")


def link_quizzes(state: LoadState, section: Section) -> Section:
    """Return the section with the answers_id of each quiz among its blocks filled in."""
    blocks = tuple(_with_answers(state, block) for block in section.blocks)
    children = tuple(link_quizzes(state, child) for child in section.children)
    return Section(section.id, section.title, section.level, section.kind, section.number,
                   blocks, children, section.location, section.reviews)


def _with_answers(state: LoadState, block: Block) -> Block:
    """Return a quiz with the id of the section of its answers; any other block as it is."""
    if isinstance(block, Quiz):
        return Quiz(block.id, block.number, block.title, block.blocks,
                    state.quizzes.answer_sections[block.id], block.location)
    return block
