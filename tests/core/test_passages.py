"""The passages of a section (formats/core/passages.py): what they are, their stable refs, and
the blocks each opens and closes."""

from __future__ import annotations

from formats.core.model import BulletList, Document, Quiz, Table
from formats.core.passages import section_passages


def test_a_section_is_its_heading_then_its_blocks_passages(mini_document: Document) -> None:
    passages = section_passages(mini_document.section("what-is-it"))
    assert [(p.ref, p.kind) for p in passages] == [
        ("what-is-it/h", "heading"), ("what-is-it/b1", "paragraph"),
        ("what-is-it/b2/i1", "item"), ("what-is-it/b2/i2", "item"),
        ("what-is-it/b3", "title"), ("what-is-it/b3/b1", "paragraph")]
    assert passages[0].node is mini_document.section("what-is-it")


def test_blocks_are_opened_by_their_first_passage_and_closed_by_their_last(
        mini_document: Document) -> None:
    passages = section_passages(mini_document.section("try-it"))
    by_ref = {p.ref: p for p in passages}
    quiz = by_ref["try-it/b1"]
    assert quiz.kind == "title" and [type(b) for b in quiz.opens] == [Quiz]
    rows = [p for p in passages if p.kind == "row"]
    assert [type(b) for b in rows[-1].closes] == [Table, Quiz]
    assert rows[0].number == 1 and isinstance(rows[0].within[-1].block, Table)
    questions = [p.ref for p in passages if p.kind == "question"]
    assert questions == ["try-it/b2/q1", "try-it/b2/q2", "try-it/b2/q3"]


def test_refs_are_unique_and_stable_across_the_real_toolkit(real_document: Document) -> None:
    refs = [p.ref for s in real_document.sections() for p in section_passages(s)]
    assert len(refs) == len(set(refs))
    nested = [p for s in real_document.sections() for p in section_passages(s)
              if sum(isinstance(w.block, BulletList) for w in p.within) > 1]
    assert all("/i" in p.ref.split("/", 2)[2] for p in nested)
    again = [p.ref for s in real_document.sections() for p in section_passages(s)]
    assert again == refs
