"""YAML loading that remembers where every value came from.

PyYAML's safe loader forgets positions and turns `2023-02-30` into a crash. This loader
keeps dates and times as plain strings (we validate them ourselves), and returns, next to
the data, a map from each key path (`("signer", "name")`, `("targets", 2)`) to the
position of its value, so every later check can point at the exact line and column.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from plansite.errors import Position, Problems

KeyPath = tuple  # of str keys and int indexes


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader without the implicit timestamp type: dates stay strings."""


# libyaml parses about ten times faster; its error texts differ, so errors are re-parsed
# with the pure-Python loader, whose messages we translate.
_FastLoader = type("_FastLoader", (getattr(yaml, "CSafeLoader", yaml.SafeLoader),), {})

_PLAIN_RESOLVERS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlainLoader.yaml_implicit_resolvers = _PLAIN_RESOLVERS
_FastLoader.yaml_implicit_resolvers = _PLAIN_RESOLVERS


@dataclass(frozen=True)
class LoadedYaml:
    data: Any
    positions: dict[KeyPath, Position]

    def where(self, key_path: KeyPath) -> Position:
        """Position of the value at key_path, or of its nearest existing parent."""
        path = tuple(key_path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions[path]


def load_yaml(text: str, path: str, first_line: int, problems: Problems) -> LoadedYaml | None:
    """Parse one YAML document; on a syntax error, report it at its real line and return None."""
    try:
        node = _compose(text)
        if node is None:
            return LoadedYaml({}, {(): Position(path, first_line, 1)})
        duplicates = _duplicate_keys(node, path, first_line)
        for where, key in duplicates:
            problems.error(where, f"khóa '{key}' xuất hiện hai lần", "xóa một trong hai dòng hoặc gộp nội dung lại")
        data = _construct(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        problems.error(Position(path, line, col), f"YAML sai cú pháp: {_describe(err)}", _yaml_fix_hint(err))
        return None
    positions: dict[KeyPath, Position] = {}
    _record_positions(node, (), path, first_line, positions)
    return LoadedYaml(data, positions)


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_PlainLoader)  # raises again, with the messages we know


def _construct(node: yaml.Node) -> Any:
    loader = _PlainLoader("")
    return loader.construct_object(node, deep=True)


def _record_positions(node: yaml.Node, key_path: KeyPath, path: str, first_line: int,
                      positions: dict[KeyPath, Position]) -> None:
    positions[key_path] = Position(path, first_line + node.start_mark.line, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = key_path + (key_node.value,)
                _record_positions(value_node, child, path, first_line, positions)
                # A missing or wrong value is best shown at its key.
                positions[child + ("<key>",)] = Position(path, first_line + key_node.start_mark.line,
                                                         key_node.start_mark.column + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, key_path + (index,), path, first_line, positions)


def _duplicate_keys(node: yaml.Node, path: str, first_line: int) -> list[tuple[Position, str]]:
    found = []
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    found.append((Position(path, first_line + key_node.start_mark.line,
                                           key_node.start_mark.column + 1), key_node.value))
                seen.add(key_node.value)
            found.extend(_duplicate_keys(value_node, path, first_line))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(_duplicate_keys(item, path, first_line))
    return found


_PROBLEM_TRANSLATIONS = {
    "mapping values are not allowed here": "dấu ':' đứng ở chỗ không được phép",
    "could not find expected ':'": "thiếu dấu ':' sau tên khóa",
    "found character '\\t' that cannot start any token": "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề",
    "found unexpected end of stream": "tệp kết thúc khi một chuỗi trong ngoặc kép chưa đóng",
    "found undefined alias": "dùng bí danh (*) chưa được định nghĩa",
    "expected <block end>, but found '-'": "dòng gạch đầu dòng '-' thụt lề không khớp với các dòng khác",
    "did not find expected key": "thụt lề không khớp với các khóa phía trên",
    "did not find expected '-' indicator": "thụt lề của danh sách không khớp",
}


def _describe(err: yaml.MarkedYAMLError) -> str:
    problem = (err.problem or "").strip()
    for english, vietnamese in _PROBLEM_TRANSLATIONS.items():
        if problem.startswith(english):
            return vietnamese
    return problem or str(err).splitlines()[0]


def _yaml_fix_hint(err: yaml.MarkedYAMLError) -> str:
    problem = err.problem or ""
    if "mapping values" in problem:
        return "nếu giá trị có dấu ':' thì đặt cả giá trị trong ngoặc kép, ví dụ title: \"Kế hoạch: năm 2024\""
    if "\\t" in problem:
        return "thay ký tự Tab bằng dấu cách"
    if "end of stream" in problem:
        return "đóng ngoặc kép ở cuối giá trị"
    return "sửa dòng này theo mẫu trong README (mục 'Thêm một kế hoạch'); thụt lề bằng dấu cách, mỗi khóa một dòng 'khóa: giá trị'"
