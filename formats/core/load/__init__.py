"""Read the source folder into a :class:`~formats.core.model.Document`.

Every problem is reported as ``path:line: message``. The loader collects all of them before it
gives up, then raises :class:`SourceError`, so that an editor can fix a whole batch at once.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from formats.core.model import (
    Activity, Block, BulletList, Checklist, Contact, Document, EasyRead, EasyReadPart, Edition,
    Emphasis, Figure, Form, FormQuestion, GlossaryEntry, Image, Inline, LexiconEntry, LineBreak,
    Link, ListItem, Location, Metadata, Paragraph, Quiz, QuizAnswers, Quote, ReviewNote, Section,
    Strong, Table, Text, walk_blocks,
)

BLOCK_TYPES = ("activity", "answers", "checklist", "form", "question", "quiz", "quote", "review",
               "table")
QUESTION_KINDS = ("choice", "yesno", "text")
SECTION_KINDS = ("chapter", "appendix", "closing")
METADATA_FIELDS = ("title", "subtitle", "summary", "publisher", "language", "edition",
                   "identifier", "rights", "contact", "formats", "alternative-formats", "chapters")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HEADING_ID = re.compile(r"\s*\{#([^}\s]*)\}\s*$")


class SourceError(Exception):
    """The source has problems; ``problems`` holds each as ``path:line: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class _Problems:
    """Collects located problems while loading."""

    display_root: Path
    items: list[str] = field(default_factory=list)

    def add(self, location: Location, message: str) -> None:
        self.items.append(f"{self.display_root / location.path}:{location.line}: {message}")


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    container_plugin(md, "block", validate=lambda params, *args: True)
    deflist_plugin(md)
    front_matter_plugin(md)
    return md


_MD = _markdown()


def load(source_dir: Path) -> Document:
    """Return the document in ``source_dir``; raise SourceError listing every problem found."""
    loader = _Loader(source_dir)
    document = loader.load()
    if loader.problems.items:
        raise SourceError(loader.problems.items)
    assert document is not None
    return document


def source_hash(source_dir: Path) -> str:
    """Return the sha256 of every file in the source folder (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in source_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(source_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


class _Loader:
    def __init__(self, source_dir: Path) -> None:
        self.source_dir = source_dir
        self.root = source_dir.resolve()
        self.problems = _Problems(source_dir)
        self.ids: dict[str, Location] = {}
        self.links: list[tuple[str, Location]] = []
        self.quiz_count = 0
        self.question_count = 0
        self.answers: dict[str, Location] = {}
        self.answer_sections: dict[str, str] = {}
        self.quiz_ids: dict[str, Location] = {}
        self.unreadable = False

    # -- files ----------------------------------------------------------------------------------

    def _rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def read_text(self, path: Path) -> str | None:
        """Return the file's text, or None (with a problem) when it is missing or not UTF-8."""
        rel = self._rel(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            self.problems.add(Location(rel, 1), f"cannot read the file: {error.strerror}")
            self.unreadable = True
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.problems.add(Location(rel, line),
                              f"text is not UTF-8 (byte 0x{data[error.start]:02x})")
            self.unreadable = True
            return None

    def read_yaml(self, path: Path, text: str, first_line: int = 1) -> Any:
        """Return parsed YAML, or None (with a located problem) when it is invalid."""
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = first_line + (mark.line if mark else 0)
            problem = getattr(error, "problem", None) or str(error)
            self.problems.add(Location(self._rel(path), line), f"invalid YAML: {problem}")
            return None

    # -- the whole document ---------------------------------------------------------------------

    def load(self) -> Document | None:
        meta_path = self.source_dir / "toolkit.yaml"
        text = self.read_text(meta_path)
        data = self.read_yaml(meta_path, text) if text is not None else None
        if text is not None and data is not None and not isinstance(data, dict):
            self.problems.add(Location("toolkit.yaml", 1), "expected a mapping of fields")
            data = None
        meta = self.metadata(data) if data is not None else None
        chapters: list[Section] = []
        appendix_count = chapter_count = 0
        for index, name in enumerate((data or {}).get("chapters") or []):
            line = self._key_line(text or "", "chapters") + 1 + index
            path = self.source_dir / "chapters" / str(name)
            if not path.is_file():
                self.problems.add(Location("toolkit.yaml", line),
                                  f"chapter file 'chapters/{name}' does not exist")
                continue
            chapter = self.chapter(path, chapter_count, appendix_count)
            if chapter is not None:
                chapters.append(chapter)
                if chapter.kind == "chapter":
                    chapter_count += 1
                elif chapter.kind == "appendix":
                    appendix_count += 1
        easy_read = self.easy_read()
        lexicon = self.lexicon()
        if not self.unreadable:  # a file that could not be read would make these checks noise
            self.check_links()
            self.check_quizzes()
        if meta is None or self.problems.items:
            return None
        chapters = [self.link_quizzes(chapter) for chapter in chapters]
        return Document(meta=meta, chapters=tuple(chapters), source_dir=self.source_dir,
                        source_hash=source_hash(self.source_dir), easy_read=easy_read,
                        lexicon=lexicon)

    @staticmethod
    def _key_line(text: str, key: str) -> int:
        for number, line in enumerate(text.splitlines(), start=1):
            if line.startswith(f"{key}:"):
                return number
        return 1

    def metadata(self, data: dict[str, Any]) -> Metadata | None:
        here = Location("toolkit.yaml", 1)
        missing = [name for name in METADATA_FIELDS if data.get(name) in (None, "", [])]
        for name in missing:
            self.problems.add(here, f"missing metadata field '{name}'")
        if missing:
            return None
        edition = data["edition"]
        contact = data["contact"]
        if not isinstance(edition, dict) or "number" not in edition or "date" not in edition:
            self.problems.add(here, "metadata field 'edition' needs 'number' and 'date'")
            return None
        if not isinstance(contact, dict) or "email" not in contact or "website" not in contact:
            self.problems.add(here, "metadata field 'contact' needs 'email' and 'website'")
            return None
        when = edition["date"]
        if not isinstance(when, datetime.date):
            self.problems.add(here, f"edition date '{when}' is not a date like 2026-11-27")
            return None
        return Metadata(
            title=str(data["title"]), subtitle=str(data["subtitle"]), summary=str(data["summary"]),
            publisher=str(data["publisher"]), language=str(data["language"]),
            edition=Edition(int(edition["number"]), when), identifier=str(data["identifier"]),
            rights=str(data["rights"]).strip(),
            contact=Contact(**{key: str(contact.get(key, "")) for key in
                               ("email", "website", "twitter", "facebook")}),
            formats=tuple(str(name) for name in data["formats"]),
            alternative_formats=" ".join(str(data["alternative-formats"]).split()),
        )

    # -- ids and links --------------------------------------------------------------------------

    def claim_id(self, node_id: str, location: Location) -> bool:
        """Record an id; return False (with a problem) when it is malformed or already used."""
        if not ID_PATTERN.match(node_id):
            self.problems.add(location, f"id '{node_id}' must be lower-case letters, digits and "
                                        "hyphens")
            return False
        if node_id in self.ids:
            self.problems.add(location, f"duplicate id '{node_id}' (first used at "
                                        f"{self.problems.display_root / self.ids[node_id].path}:"
                                        f"{self.ids[node_id].line})")
            return False
        self.ids[node_id] = location
        return True

    def check_links(self) -> None:
        for target, location in self.links:
            if target not in self.ids:
                self.problems.add(location, f"link to '#{target}' but no section, quiz, entry or "
                                            "question has that id")

    def check_quizzes(self) -> None:
        for quiz_id, location in self.answers.items():
            if quiz_id not in self.quiz_ids:
                self.problems.add(location, f"answers to '{quiz_id}' but there is no quiz with "
                                            "that id")
        for quiz_id, location in self.quiz_ids.items():
            if quiz_id not in self.answers:
                self.problems.add(location, f"quiz '{quiz_id}' has no '::: answers #{quiz_id}' "
                                            "block")

    def link_quizzes(self, section: Section) -> Section:
        """Return the section with each quiz's answers_id filled in."""
        blocks = tuple(self._with_answers(block) for block in section.blocks)
        children = tuple(self.link_quizzes(child) for child in section.children)
        return Section(section.id, section.title, section.level, section.kind, section.number,
                       blocks, children, section.location, section.reviews)

    def _with_answers(self, block: Block) -> Block:
        if isinstance(block, Quiz):
            return Quiz(block.id, block.number, block.title, block.blocks,
                        self.answer_sections[block.id], block.location)
        return block

    # -- a chapter file -------------------------------------------------------------------------

    def chapter(self, path: Path, chapters_before: int, appendices_before: int) -> Section | None:
        rel = self._rel(path)
        text = self.read_text(path)
        if text is None:
            return None
        nodes = SyntaxTreeNode(_MD.parse(text)).children
        front = self.front_matter(path, nodes)
        if front is None:
            return None
        for name in ("id", "title", "kind"):
            if not front.get(name):
                self.problems.add(Location(rel, 1), f"missing metadata field '{name}'")
        kind = front.get("kind")
        if kind and kind not in SECTION_KINDS:
            self.problems.add(Location(rel, 1), f"unknown section kind '{kind}' (expected one of: "
                                                f"{', '.join(SECTION_KINDS)})")
            return None
        if not (front.get("id") and front.get("title") and kind):
            return None
        chapter_id = str(front["id"])
        location = Location(rel, 2)
        self.claim_id(chapter_id, location)
        if kind == "chapter":
            number = str(chapters_before + 1)
        elif kind == "appendix":
            number = f"Appendix {appendices_before + 1}"
        else:
            number = ""
        builder = _SectionBuilder(chapter_id, str(front["title"]), 1, kind, number, location)
        stack = [builder]
        numbered_sections = kind == "chapter" or bool(front.get("numbered-sections"))
        for node in nodes[1:]:
            if node.type == "heading":
                level = int(node.tag[1])
                heading_location = Location(rel, node.map[0] + 1)
                if level == 1 or level > 4:
                    self.problems.add(heading_location, f"heading level {level} is not allowed: "
                                      "use ## for sections, ### and #### below them")
                    continue
                while stack[-1].level >= level:
                    stack.pop()
                parent = stack[-1]
                if level > parent.level + 1:
                    self.problems.add(heading_location, f"heading level {level} comes after level "
                                      f"{parent.level}: a level is skipped")
                    continue
                title, heading_id = self.heading(node, heading_location)
                if heading_id is None:
                    continue
                section_number = self.section_number(parent, level, numbered_sections)
                child = _SectionBuilder(heading_id, title, level, "section", section_number,
                                        heading_location)
                parent.children.append(child)
                stack.append(child)
            else:
                stack[-1].add(self.blocks_of(node, path, stack[-1]))
        return self.finish(builder)

    @staticmethod
    def section_number(parent: "_SectionBuilder", level: int, numbered: bool) -> str:
        position = len(parent.children) + 1
        if level == 2:
            if parent.kind == "chapter":
                return f"{parent.number}.{position}"
            return str(position) if numbered else ""
        if level == 3 and numbered and parent.number and "." in parent.number:
            return "abcdefghijklmnopqrstuvwxyz"[position - 1]
        return ""

    def finish(self, builder: "_SectionBuilder") -> Section | None:
        children = [self.finish(child) for child in builder.children]
        if not builder.blocks and not builder.children:
            self.problems.add(builder.location, f"section '{builder.id}' is empty: give it some "
                                                "text or sub-sections")
        return Section(builder.id, builder.title, builder.level, builder.kind, builder.number,
                       tuple(builder.blocks), tuple(c for c in children if c is not None),
                       builder.location, tuple(builder.reviews))

    def front_matter(self, path: Path, nodes: list[SyntaxTreeNode]) -> dict[str, Any] | None:
        rel = self._rel(path)
        if not nodes or nodes[0].type != "front_matter":
            self.problems.add(Location(rel, 1), "the file must start with front matter between "
                                                "'---' lines (id, title, kind)")
            return None
        data = self.read_yaml(path, nodes[0].content, first_line=2)
        if data is None:
            return None
        if not isinstance(data, dict):
            self.problems.add(Location(rel, 2), "front matter must be a mapping (id, title, kind)")
            return None
        return data

    def heading(self, node: SyntaxTreeNode, location: Location) -> tuple[str, str | None]:
        inline = node.children[0]
        match = _HEADING_ID.search(inline.content)
        title = _HEADING_ID.sub("", inline.content).strip()
        if not match:
            self.problems.add(location, f"heading '{title}' has no id: end it with {{#some-id}}")
            return title, None
        heading_id = match.group(1)
        if not self.claim_id(heading_id, location):
            return title, None
        return title, heading_id

    # -- blocks ---------------------------------------------------------------------------------

    def blocks_of(self, node: SyntaxTreeNode, path: Path,
                  section: "_SectionBuilder | None") -> list[Block]:
        """Return the model blocks of one syntax node (a review note adds none)."""
        location = Location(self._rel(path), (node.map[0] + 1) if node.map else 1)
        kind = node.type
        if kind == "paragraph":
            content = self.inlines(node.children[0], path, location)
            images = [item for item in content if isinstance(item, Image)]
            if len(images) == 1 and len(content) == 1:
                return [Figure(images[0], (), location)]
            return [Paragraph(content, location)]
        if kind in ("bullet_list", "ordered_list"):
            items = tuple(ListItem(tuple(self.child_blocks(item, path, section)))
                          for item in node.children)
            return [BulletList(items, kind == "ordered_list", location)]
        if kind == "blockquote":
            self.problems.add(location, "use '::: quote SOURCE' for a quotation, so that it "
                                        "keeps its source")
            return []
        if kind == "table":
            self.problems.add(location, "a table needs a caption: wrap it in '::: table CAPTION'")
            return []
        if kind == "dl":
            return self.glossary(node, path)
        if kind == "container_block":
            return self.container(node, path, location, section)
        if kind in ("hr", "html_block", "code_block", "fence"):
            self.problems.add(location, f"unknown block type '{kind}' (write plain text, lists or "
                                        f"'::: TYPE' blocks: {', '.join(BLOCK_TYPES)})")
            return []
        self.problems.add(location, f"unknown block type '{kind}'")
        return []

    def child_blocks(self, node: SyntaxTreeNode, path: Path,
                     section: "_SectionBuilder | None") -> list[Block]:
        return [block for child in node.children for block in self.blocks_of(child, path, section)]

    def container(self, node: SyntaxTreeNode, path: Path, location: Location,
                  section: "_SectionBuilder | None") -> list[Block]:
        words = node.info.split(maxsplit=1)
        block_type = words[0] if words else ""
        rest = words[1].strip() if len(words) > 1 else ""
        if block_type not in BLOCK_TYPES:
            self.problems.add(location, f"unknown block type '{block_type}' (expected one of: "
                                        f"{', '.join(BLOCK_TYPES)})")
            return []
        if block_type == "review":
            note = " ".join(child.children[0].content for child in node.children
                            if child.type == "paragraph")
            if section is not None:
                section.reviews.append(ReviewNote(" ".join(note.split()), location))
            return []
        if block_type == "question":
            self.problems.add(location, "a '::: question' block belongs inside a ':::: form'")
            return []
        if block_type == "form":
            return [self.form(node, path, location, rest)]
        if block_type == "table":
            tables = [child for child in node.children if child.type == "table"]
            if len(tables) != 1 or len(node.children) != 1:
                self.problems.add(location, "a '::: table' block holds exactly one table")
                return []
            if not rest:
                self.problems.add(location, "a '::: table' block needs a caption after 'table'")
            return [self.table(tables[0], path, self.inline_text_of(rest, path, location))]
        if block_type == "checklist":
            lists = [child for child in node.children if child.type == "bullet_list"]
            if len(lists) != 1:
                self.problems.add(location, "a checklist holds one bullet list of points")
                return []
            items = []
            for item in lists[0].children:
                paragraphs = [child for child in item.children if child.type == "paragraph"]
                if len(paragraphs) != 1 or len(item.children) != 1:
                    self.problems.add(location, "each checklist point is one line of text")
                    continue
                items.append(self.inlines(paragraphs[0].children[0], path, location))
            intro = [block for child in node.children if child is not lists[0]
                     for block in self.blocks_of(child, path, section)]
            return [Checklist(self.inline_text_of(rest, path, location), tuple(intro),
                              tuple(items), location)]
        if block_type in ("quiz", "answers"):
            match = re.match(r"#(\S+)\s*(.*)$", rest)
            if not match:
                self.problems.add(location, f"a '::: {block_type}' block needs an id: "
                                            f"'::: {block_type} #quiz-id ...'")
                return []
            quiz_id, title = match.group(1), match.group(2).strip()
            inner = self.quiz_blocks(node, path, section, title, location)
            if block_type == "answers":
                if quiz_id in self.answers:
                    self.problems.add(location, f"quiz '{quiz_id}' already has answers")
                self.answers[quiz_id] = location
                if section is not None:
                    self.answer_sections[quiz_id] = section.id
                return [QuizAnswers(quiz_id, tuple(inner), location)]
            if not title:
                self.problems.add(location, "a quiz needs a title: '::: quiz #quiz-id Title'")
            if not self.claim_id(quiz_id, location):
                return []
            self.quiz_count += 1
            self.quiz_ids[quiz_id] = location
            return [Quiz(quiz_id, self.quiz_count, self.inline_text_of(title, path, location),
                         tuple(inner), "", location)]
        if block_type == "activity":
            return [Activity(self.inline_text_of(rest, path, location),
                             tuple(self.child_blocks(node, path, section)), location)]
        if block_type == "quote":
            if not rest:
                self.problems.add(location, "a quote needs its source: '::: quote SOURCE'")
            return [Quote(tuple(self.child_blocks(node, path, section)),
                          self.inline_text_of(rest, path, location), location)]
        raise AssertionError(block_type)

    def quiz_blocks(self, node: SyntaxTreeNode, path: Path, section: "_SectionBuilder | None",
                    title: str, location: Location) -> list[Block]:
        """Return a quiz's blocks; a bare table in a quiz takes the quiz title as caption."""
        blocks: list[Block] = []
        for child in node.children:
            if child.type == "table":
                caption = title or "Suggested answers"
                blocks.append(self.table(child, path, self.inline_text_of(caption, path, location)))
            else:
                blocks.extend(self.blocks_of(child, path, section))
        return blocks

    def table(self, node: SyntaxTreeNode, path: Path, caption: tuple[Inline, ...]) -> Table:
        location = Location(self._rel(path), node.map[0] + 1)
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        for part in node.children:
            for row in part.children:
                rows.append(tuple(self.inlines(cell.children[0], path, location)
                                  if cell.children else () for cell in row.children))
        return Table(caption, rows[0], tuple(rows[1:]), location)

    def glossary(self, node: SyntaxTreeNode, path: Path) -> list[Block]:
        entries: list[Block] = []
        term = ""
        term_id: str | None = None
        term_location = Location(self._rel(path), 1)
        for child in node.children:
            if child.type == "dt":
                term_location = Location(self._rel(path), child.map[0] + 1)
                content = child.children[0].content
                match = _HEADING_ID.search(content)
                term = _HEADING_ID.sub("", content).strip()
                term_id = match.group(1) if match else None
                if term_id is None:
                    self.problems.add(term_location, f"glossary term '{term}' has no id: end it "
                                                     "with {#term-some-id}")
                elif not self.claim_id(term_id, term_location):
                    term_id = None
            elif child.type == "dd" and term_id is not None:
                definition = tuple(self.child_blocks(child, path, None))
                entries.append(GlossaryEntry(term_id, term, definition, term_location))
        return entries

    def form(self, node: SyntaxTreeNode, path: Path, location: Location, title: str) -> Form:
        questions: list[FormQuestion] = []
        for child in node.children:
            child_location = Location(self._rel(path), child.map[0] + 1)
            words = child.info.split() if child.type == "container_block" else []
            if words[:1] != ["question"]:
                self.problems.add(child_location, "a form holds only '::: question KIND #id' "
                                                  "blocks")
                continue
            if len(words) < 3 or words[1] not in QUESTION_KINDS or not words[2].startswith("#"):
                self.problems.add(child_location, "write a question as '::: question KIND #id' "
                                  f"with KIND one of: {', '.join(QUESTION_KINDS)}")
                continue
            kind, question_id = words[1], words[2][1:]
            if not self.claim_id(question_id, child_location):
                continue
            prompt: tuple[Inline, ...] = ()
            options: list[str] = []
            for part in child.children:
                if part.type == "paragraph":
                    prompt = prompt + ((Text(" "),) if prompt else ()) + self.inlines(
                        part.children[0], path, child_location)
                elif part.type == "bullet_list":
                    options.extend(item.children[0].children[0].content for item in part.children)
            if kind == "yesno" and not options:
                options = ["yes", "no"]
            if kind == "choice" and not options:
                self.problems.add(child_location, f"choice question '{question_id}' needs a list "
                                                  "of answers to tick")
            if not prompt:
                self.problems.add(child_location, f"question '{question_id}' has no text")
            self.question_count += 1
            questions.append(FormQuestion(question_id, self.question_count, kind, prompt,
                                          tuple(options), child_location))
        return Form(self.inline_text_of(title, path, location), tuple(questions), location)

    # -- inline ---------------------------------------------------------------------------------

    def inline_text_of(self, text: str, path: Path, location: Location) -> tuple[Inline, ...]:
        """Return inline nodes for a short piece of Markdown (a title or a caption)."""
        if not text:
            return ()
        tokens = _MD.parseInline(text)
        return self.inlines(SyntaxTreeNode(tokens).children[0], path, location)

    def inlines(self, node: SyntaxTreeNode, path: Path, location: Location) -> tuple[Inline, ...]:
        result: list[Inline] = []
        for child in node.children:
            kind = child.type
            if kind == "text":
                if result and isinstance(result[-1], Text):
                    result[-1] = Text(result[-1].text + child.content)
                else:
                    result.append(Text(child.content))
            elif kind == "softbreak":
                result.append(Text(" "))
            elif kind == "hardbreak":
                result.append(LineBreak())
            elif kind == "code_inline":
                result.append(Text(child.content))
            elif kind == "strong":
                result.append(Strong(self.inlines(child, path, location)))
            elif kind == "em":
                result.append(Emphasis(self.inlines(child, path, location)))
            elif kind == "link":
                target = str(child.attrs.get("href", ""))
                if target.startswith("#"):
                    self.links.append((target[1:], location))
                elif not re.match(r"^(https?://|mailto:)", target):
                    self.problems.add(location, f"link address '{target}' must start with "
                                                "https://, http://, mailto: or #")
                result.append(Link(target, self.inlines(child, path, location)))
            elif kind == "image":
                image = self.image(child, path, location)
                if image is not None:
                    result.append(image)
            elif kind == "html_inline":
                result.append(Text(child.content))
            else:
                self.problems.add(location, f"unknown inline element '{kind}'")
        return _merge_text(result)

    def image(self, node: SyntaxTreeNode, path: Path, location: Location) -> Image | None:
        src = str(node.attrs.get("src", ""))
        alt = "".join(grand.content for grand in node.children)
        target = (path.parent / src).resolve()
        try:
            target.relative_to(self.root)
        except ValueError:
            self.problems.add(location, f"picture '{src}' is outside the source folder")
            return None
        if not target.is_file():
            self.problems.add(location, f"picture '{src}' does not exist")
            return None
        if not alt.strip():
            self.problems.add(location, f"picture '{src}' has no alt text: write what it shows "
                                        "in the brackets, ![like this](picture.png)")
        return Image(target, " ".join(alt.split()))

    # -- Easy Read and the lexicon --------------------------------------------------------------

    def easy_read(self) -> EasyRead | None:
        folder = self.source_dir / "easy-read"
        meta_path = folder / "easy-read.yaml"
        if not meta_path.is_file():
            return None
        rel = self._rel(meta_path)
        text = self.read_text(meta_path)
        data = self.read_yaml(meta_path, text) if text is not None else None
        if not isinstance(data, dict):
            if data is not None:
                self.problems.add(Location(rel, 1), "expected a mapping of fields")
            return None
        for name in ("title", "parts", "word-list"):
            if not data.get(name):
                self.problems.add(Location(rel, 1), f"missing metadata field '{name}'")
        parts: list[EasyReadPart] = []
        for index, name in enumerate(data.get("parts") or []):
            path = folder / str(name)
            if not path.is_file():
                self.problems.add(Location(rel, self._key_line(text or "", "parts") + 1 + index),
                                  f"Easy Read part '{name}' does not exist")
                continue
            part = self.easy_read_part(path, len(parts) + 1)
            if part is not None:
                parts.append(part)
        words: list[GlossaryEntry] = []
        if data.get("word-list"):
            path = folder / str(data["word-list"])
            words_text = self.read_text(path)
            if words_text is not None:
                for node in SyntaxTreeNode(_MD.parse(words_text)).children:
                    for block in self.blocks_of(node, path, None):
                        if isinstance(block, GlossaryEntry):
                            words.append(block)
        checked_by = data.get("checked-by") or []
        return EasyRead(str(data.get("title", "")), str(data.get("subtitle", "")),
                        tuple(str(name) for name in checked_by), tuple(parts), tuple(words),
                        Location(rel, 1))

    def easy_read_part(self, path: Path, number: int) -> EasyReadPart | None:
        rel = self._rel(path)
        text = self.read_text(path)
        if text is None:
            return None
        nodes = SyntaxTreeNode(_MD.parse(text)).children
        front = self.front_matter(path, nodes)
        if front is None:
            return None
        for name in ("id", "title", "covers"):
            if not front.get(name):
                self.problems.add(Location(rel, 1), f"missing metadata field '{name}'")
        if not (front.get("id") and front.get("title")):
            return None
        location = Location(rel, 2)
        self.claim_id(str(front["id"]), location)
        rows: list[Paragraph] = []
        for node in nodes[1:]:
            for block in self.blocks_of(node, path, None):
                if isinstance(block, Paragraph):
                    rows.append(block)
                elif isinstance(block, Figure):
                    rows.append(Paragraph((block.image,), block.location))
                else:
                    self.problems.add(block.location, "an Easy Read part holds rows of a picture "
                                      "and words, one paragraph each")
        if not rows:
            self.problems.add(location, f"Easy Read part '{front['id']}' has no rows")
        covers = tuple(str(item) for item in front.get("covers") or [])
        return EasyReadPart(str(front["id"]), number, str(front["title"]), covers, tuple(rows),
                            location)

    def lexicon(self) -> tuple[LexiconEntry, ...]:
        path = self.source_dir / "lexicon.yaml"
        if not path.is_file():
            return ()
        text = self.read_text(path)
        if text is None:
            return ()
        rel = self._rel(path)
        try:
            root = yaml.compose(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            self.problems.add(Location(rel, (mark.line + 1) if mark else 1),
                              f"invalid YAML: {getattr(error, 'problem', None) or error}")
            return ()
        if root is None:
            return ()
        if not isinstance(root, yaml.MappingNode):
            self.problems.add(Location(rel, 1), "the lexicon is a mapping: WRITTEN: spoken")
            return ()
        entries = []
        for key, value in root.value:
            line = key.start_mark.line + 1
            if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
                self.problems.add(Location(rel, line), f"lexicon entry '{key.value}' needs how "
                                                       "to say it")
                continue
            entries.append(LexiconEntry(str(key.value), str(value.value), Location(rel, line)))
        return tuple(entries)


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


@dataclass
class _SectionBuilder:
    id: str
    title: str
    level: int
    kind: Any
    number: str
    location: Location
    blocks: list[Block] = field(default_factory=list)
    children: list["_SectionBuilder"] = field(default_factory=list)
    reviews: list[ReviewNote] = field(default_factory=list)

    def add(self, blocks: list[Block]) -> None:
        self.blocks.extend(blocks)


__all__ = ["SourceError", "load", "source_hash", "walk_blocks"]
