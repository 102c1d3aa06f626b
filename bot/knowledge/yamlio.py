"""Line-aware YAML reading and the error type every knowledge file reports through.

Mappings load as :class:`LDict` and sequences as :class:`LList`; both remember the
line they start on and the line of each key or item, so a schema check can name
the exact file and line of a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

_BaseLoader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # the C parser is much faster; fall back to pure Python where libyaml is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the platform build
    _BaseLoader = yaml.SafeLoader


class LDict(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """Return the line of item ``index``."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


def child(parent: LDict | LList, key: str | int) -> tuple[object, int]:
    """The value at ``key`` of ``parent`` and its line: a mapping is read by its (text) key,
    a sequence by its (whole-number) index."""
    if isinstance(parent, LDict) and isinstance(key, str):
        return parent[key], parent.line_of(key)
    if isinstance(parent, LList) and isinstance(key, int):
        return parent[key], parent.line_of(key)
    raise TypeError(f"{type(parent).__name__} is not read by {type(key).__name__} keys")


# The base is chosen at run time (C or pure-Python parser), which a type checker cannot follow.
class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that builds LDict/LList and rejects duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    result = LDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word or number", key_node.start_mark
            )
        key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key «{key}»", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """Build a date; an impossible one (``2021-13-40``) stays text so the schema check names it."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass(frozen=True)
class KnowledgeIssue:
    """One mistake in a knowledge file, with where it is."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class KnowledgeError(Exception):
    """Raised when the knowledge base cannot be loaded; carries every issue found."""

    def __init__(self, issues: list[KnowledgeIssue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


def read_yaml(path: Path, display_name: str | None = None) -> Any:
    """Read ``path`` with line information, raising KnowledgeError on a syntax error."""
    name = display_name or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeError([KnowledgeIssue(name, 0, f"kan ikke leses: {exc}")]) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or str(exc)
        raise KnowledgeError([KnowledgeIssue(name, line, f"YAML-feil: {problem}")]) from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError([KnowledgeIssue(name, 0, f"YAML-feil: {exc}")]) from exc
