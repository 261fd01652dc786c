"""``lexicon.yaml``: how the audio edition says written words (``WRITTEN: spoken``)."""

from __future__ import annotations

import yaml

from formats.core.load.files import read_text, yaml_problem
from formats.core.load.state import LoadState
from formats.core.model import LexiconEntry

LEXICON = "lexicon.yaml"


def read_lexicon(state: LoadState) -> tuple[LexiconEntry, ...]:
    """Return the entries of the lexicon, in order (none when the source has no lexicon)."""
    path = state.source_dir / LEXICON
    if not path.is_file():
        return ()
    text = read_text(state, path)
    if text is None:
        return ()
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        line, problem = yaml_problem(error, text)
        state.problems.add(state.at(path, line + 1), f"invalid YAML: {problem}")
        return ()
    if root is None:
        return ()
    if not isinstance(root, yaml.MappingNode):
        state.problems.add(state.at(path), "the lexicon is a mapping: WRITTEN: spoken")
        return ()
    entries = []
    for key, value in root.value:
        location = state.at(path, key.start_mark.line + 1)
        if not isinstance(value, yaml.ScalarNode) or not str(value.value).strip():
            state.problems.add(location, f"lexicon entry '{key.value}' needs how to say it")
            continue
        entries.append(LexiconEntry(str(key.value), str(value.value), location))
    return tuple(entries)
