"""YAML loading that remembers where every value came from.

PyYAML's safe loader forgets positions and turns `2023-02-30` into a crash. This loader
keeps dates and times as plain strings (we validate them ourselves), and returns, next to
the data, a map from each key path (`("signer", "name")`, `("targets", 2)`) to the
position of its value, so every later check can point at the exact line and column.

Content is not trusted, so before anything is built from it, the text is checked for
characters no editor means to type (controls, invisible and direction-changing marks), then
streamed as events (libyaml's parser keeps its own stacks, it does not recurse) to refuse
anchors and aliases (the "billion laughs" bomb), explicit tags (`!!binary`, `!!timestamp`:
types the checks do not expect), nesting deeper than any content needs
(PyYAML's composers recurse: 50,000 `[` crash libyaml's, 1,000 the Python one) and too many
values. Only then is the document composed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from plansite.content.characters import report_characters_in_values, report_unwanted_characters
from plansite.errors import Position, Problems

KeyPath = tuple  # of str keys and int indexes

@dataclass(frozen=True)
class YamlLimits:
    """How much YAML one file may hold before parsing it is refused (a hostile or broken file)."""

    chars: int
    nodes: int
    depth: int = 20  # plans nest 3 levels (targets > item > key), the registry 4
    fix: str = "chỉ ghi các khóa của văn bản ở đây; toàn văn đặt sau dòng '---' thứ hai"


# A plan's front matter is 1-20 KB.
FRONT_MATTER_LIMITS = YamlLimits(chars=200_000, nodes=20_000)
# content/localities.yaml for the whole country (34 + 63 provinces, about 700 districts before
# 2025, seven values each) is about 150-250 KB; the indicator vocabulary grows with use.
REGISTRY_LIMITS = YamlLimits(chars=5_000_000, nodes=500_000,
                             fix="tách bớt hoặc kiểm tra xem có dán nhầm nội dung vào tệp này không")


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


def load_yaml(text: str, path: str, first_line: int, problems: Problems,
              limits: YamlLimits = FRONT_MATTER_LIMITS) -> LoadedYaml | None:
    """Parse one YAML document; on any problem, report it at its real line and return None."""
    if len(text) > limits.chars:
        problems.error(Position(path, first_line, 1),
                       f"phần thông tin (YAML) quá dài ({_count(len(text))} ký tự, tối đa {_count(limits.chars)})",
                       limits.fix)
        return None
    if report_unwanted_characters(text, path, first_line, problems, "phần thông tin (YAML)"):
        return None
    try:
        if not _safe_structure(text, path, first_line, problems, limits):
            return None
        node = yaml.compose(text, Loader=_FastLoader)
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
    loaded = LoadedYaml(data, positions)
    if report_characters_in_values(loaded, problems):  # written as escapes: "\ud800", "\u202e"
        return None
    return loaded


def _safe_structure(text: str, path: str, first_line: int, problems: Problems, limits: YamlLimits) -> bool:
    """Stream the events: no anchors or aliases, bounded depth and size. Syntax errors raise."""
    found = Problems()
    try:
        _check_events(yaml.parse(text, Loader=_FastLoader), path, first_line, found, limits)
    except yaml.YAMLError:
        # libyaml's messages differ; the pure-Python parser (also non-recursive) gives the ones we translate
        found = Problems()
        _check_events(yaml.parse(text, Loader=_PlainLoader), path, first_line, found, limits)
    problems.extend(found)
    return not found


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 200.000, as Vietnamese writes it


def _check_events(events, path: str, first_line: int, problems: Problems, limits: YamlLimits) -> None:
    depth = count = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            problems.error(_at(path, first_line, event), f"YAML dùng {'bí danh' if sign == '*' else 'neo'} '{sign}{event.anchor}'",
                           "nội dung không dùng neo (&) và bí danh (*) của YAML: chép thẳng giá trị vào từng chỗ cần")
            return
        if getattr(event, "tag", None):  # !!binary, !!timestamp, !!python/...: types we do not read
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            problems.error(_at(path, first_line, event), f"YAML dùng thẻ kiểu '{tag}'",
                           f"bỏ '{tag}': nội dung chỉ gồm chữ, số, danh sách và nhóm khóa; giá trị đặc biệt thì đặt "
                           "trong ngoặc kép")
            return
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > limits.depth:
                problems.error(_at(path, first_line, event), f"YAML lồng nhau quá sâu (quá {limits.depth} cấp)",
                               "kiểm tra các dấu '[' và '{' chưa đóng, hoặc thụt lề lệch; các khóa chỉ lồng vài cấp")
                return
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        count += 1
        if count > limits.nodes:
            problems.error(_at(path, first_line, event), f"YAML có quá nhiều giá trị (hơn {_count(limits.nodes)})",
                           "phần thông tin chỉ ghi các khóa của văn bản; kiểm tra xem có dán nhầm nội dung không")
            return


def _at(path: str, first_line: int, event) -> Position:
    """Where an event starts; made only when a problem is reported there (most events have none)."""
    return Position(path, first_line + event.start_mark.line, event.start_mark.column + 1)


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
    "found invalid Unicode character escape code": "mã thoát Unicode không hợp lệ (như '\\ud800', nửa cặp UTF-16)",
    "found unknown escape character": "mã thoát '\\' không hợp lệ trong ngoặc kép",
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
    if "escape" in problem:
        return "gõ thẳng ký tự thay cho mã thoát; muốn viết dấu '\\' thì viết hai lần '\\\\' hoặc dùng ngoặc đơn"
    return "sửa dòng này theo mẫu trong README (mục 'Thêm một kế hoạch'); thụt lề bằng dấu cách, mỗi khóa một dòng 'khóa: giá trị'"
