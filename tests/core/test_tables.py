"""Tables as labelled cells, shared by the editions that re-flow tables."""

from __future__ import annotations

from formats.core.model import Location, Table, Text
from formats.core.tables import labelled_rows, write_in_count


def words(text: str) -> tuple[Text, ...]:
    return (Text(text),) if text else ()


def test_each_cell_gets_its_column_header() -> None:
    table = Table(words("Quiz 1"), (words("Statement"), words("True or False?")),
                  ((words("Co-production is quick."), words("True or False?")),
                   (words("It needs trust."), words(""))), Location("x.md", 1))
    rows = labelled_rows(table)
    assert [[(cell.label, cell.content) for cell in row] for row in rows] == [
        [(words("Statement"), words("Co-production is quick.")),
         (words("True or False?"), words("True or False?"))],
        [(words("Statement"), words("It needs trust.")), (words("True or False?"), ())]]
    assert [cell.repeats_label for cell in rows[0]] == [False, True]
    assert [cell.is_write_in for cell in rows[1]] == [False, True]


def test_a_cell_offering_the_choice_its_label_asks_for_repeats_the_label() -> None:
    table = Table(words("Quiz 3"), (words("Statement"), words("True or False?"), words("Answer")),
                  ((words("It needs trust."), words("True / False"), words("True.")),
                   (words("It is quick."), words("True or false, or neither?"), words(""))),
                  Location("x.md", 1))
    first, second = labelled_rows(table)
    assert [cell.repeats_label for cell in first] == [False, True, False]
    assert [cell.repeats_label for cell in second] == [False, False, False]
    assert [cell.label_colon for cell in first] == [":", "", ":"]


def test_the_empty_cells_are_counted_as_spaces_for_answers() -> None:
    table = Table((), (words("Problem"), words("Warning signs"), words("How can you solve it?")),
                  ((words("Lack of trust."), words("It is tense."), words("")),
                   (words("No lead."), words(""), words(""))), Location("x.md", 1))
    assert write_in_count(table) == 3
