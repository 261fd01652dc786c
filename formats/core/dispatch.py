"""Tables that dispatch over the kinds of node of the model, and the list of every such table.

Every renderer, reader or helper that does something different for each kind of block or
inline looks the kind up in a :class:`NodeTable` keyed by node class, never in an ``isinstance``
ladder. A node of a kind the table lacks is an error (:class:`UnhandledNode`), never silently
dropped. Every table is listed in :data:`TABLES`, and a test asserts that each one covers every
member of the model's ``Block`` and ``Inline`` unions: adding a kind to the model fails that
test until every table handles it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Generic, TypeVar, get_args

from formats.core.model import Block, Inline

Handler = TypeVar("Handler")

BLOCK_KINDS: tuple[type, ...] = get_args(Block)
INLINE_KINDS: tuple[type, ...] = get_args(Inline)

TABLES: list[NodeTable[object]] = []


class UnhandledNode(TypeError):
    """A node of a kind that a dispatch table has no entry for."""


class NodeTable(Generic[Handler]):
    """A mapping from each kind of node (a model class) to what handles it.

    ``name`` says where the table is ("docx writer: blocks"); ``kinds`` are the classes it must
    cover (:data:`BLOCK_KINDS` or :data:`INLINE_KINDS`).
    """

    def __init__(self, name: str, kinds: tuple[type, ...],
                 handlers: Mapping[type, Handler]) -> None:
        self.name = name
        self.kinds = kinds
        self.handlers = dict(handlers)
        TABLES.append(self)  # type: ignore[arg-type]

    def __getitem__(self, node: object) -> Handler:
        """Return the handler of ``node``'s kind; raise UnhandledNode when there is none."""
        try:
            return self.handlers[type(node)]
        except KeyError:
            raise UnhandledNode(f"{self.name}: no entry for {type(node).__name__}") from None

    def missing(self) -> list[str]:
        """Return the names of the kinds this table must cover but does not."""
        return [kind.__name__ for kind in self.kinds if kind not in self.handlers]

    def extra(self) -> list[str]:
        """Return the names of classes in the table that are not kinds it covers."""
        return [kind.__name__ for kind in self.handlers if kind not in self.kinds]


def block_table(name: str, handlers: Mapping[type, Handler]) -> NodeTable[Handler]:
    """Return a table that must cover every kind of block."""
    return NodeTable(name, BLOCK_KINDS, handlers)


def inline_table(name: str, handlers: Mapping[type, Handler]) -> NodeTable[Handler]:
    """Return a table that must cover every kind of inline."""
    return NodeTable(name, INLINE_KINDS, handlers)
