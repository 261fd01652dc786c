"""Templates compiled once, shared by every jinja2 environment: in this process and on disk.

Each render makes a jinja2 environment of its own (its pictures are copied to its own folder),
and an environment compiles every template it loads: the Easy Read edition compiled the same
templates again for its web page and for each of its booklets (0.4 s of the 5.4 s of processor
its render took). What jinja2 compiles depends only on the template's text and on jinja2's and
Python's versions, never on the environment's filters, which the compiled code looks up as it
runs, but on the options that shape the code (autoescaping, whitespace, delimiters,
extensions), which are part of each entry's key with the template's name and file: so one
compiled template serves every environment made alike. It is kept for this process and in the
tool's cache folder (for the build's other processes and the next build). jinja2 checks each
kept one against the template's text (a template edited since is compiled again) and its own
and Python's versions; entries are written atomically, and an unreadable one is compiled again.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from formats.core.caches import cache_root, prune_once, write_atomically

FOLDER = "templates"
MAX_AGE_DAYS = 30  # an entry still in use is only compiled again


class CompiledTemplates(BytecodeCache):
    """jinja2's bytecode cache: in memory for this process, then files in ``folder`` (the
    tool's cache folder's ``templates``, by default)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.kept: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None,
                   source: str) -> Bucket:
        """Return the bucket of the template ``name`` compiled by ``environment`` (jinja2 keys
        it by name and file only), with its compiled code when it is kept."""
        key = hashlib.sha256("\0".join((name, filename or "", compile_options(environment, name))
                                        ).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _file(self, bucket: Bucket) -> Path:
        return (self.folder or cache_root() / FOLDER) / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give ``bucket`` its compiled template when one is kept (jinja2 drops it when the
        template's text or jinja2 changed since)."""
        data = self.kept.get(bucket.key)
        if data is None:
            try:
                data = self._file(bucket).read_bytes()
            except OSError:
                return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # an entry damaged in any way is compiled again
            bucket.reset()
        if bucket.code is not None:
            self.kept[bucket.key] = data

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the template ``bucket`` has just compiled, in memory and, when the cache
        folder can be written, on disk."""
        data = bucket.bytecode_to_string()
        self.kept[bucket.key] = data
        entry = self._file(bucket)
        with contextlib.suppress(OSError):  # nowhere to keep it: compiled again next time
            prune_once(entry.parent, MAX_AGE_DAYS)
            write_atomically(entry, data)

    def clear(self) -> None:
        """Forget the templates kept in memory (those on disk age out with the cache)."""
        self.kept.clear()


def compile_options(environment: Environment, name: str) -> str:
    """Return the options of ``environment`` that change what it compiles ``name`` to."""
    autoescape = environment.autoescape
    return repr((
        autoescape(name) if callable(autoescape) else autoescape,
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks, environment.newline_sequence,
        environment.keep_trailing_newline, environment.optimized, environment.is_async,
        environment.finalize is not None, sorted(environment.extensions)))


COMPILED = CompiledTemplates()  # every environment of this process shares it
