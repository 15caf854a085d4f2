"""A fast yes for valid front matter: the JSON Schema compiled into nested Python checks.

jsonschema walks the schema for every plan, building an object per keyword and value; at
thousands of plans that walk was a fifth of reading them. Valid data is by far the common case,
so a schema is compiled once into closures that answer only "certainly valid" (True) or "ask
jsonschema" (False): the messages for invalid data still come from jsonschema's findings
(schema.py). A keyword this module does not know, or a value whose reading could differ
(1.0 for an integer, True among numbers), compiles to "ask jsonschema", never to a yes.
"""
from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]

_ANNOTATIONS = {"$schema", "$id", "title", "description", "$comment", "examples", "default"}
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda x: type(x) is str,
    "integer": lambda x: type(x) is int,  # a float with no fraction is an integer to jsonschema: let it decide
    "number": lambda x: type(x) in (int, float),
    "boolean": lambda x: type(x) is bool,
    "array": lambda x: type(x) is list,
    "object": lambda x: type(x) is dict,
    "null": lambda x: x is None,
}


def _never(_value) -> bool:
    return False


def compile_check(schema) -> Check:
    """One schema (object) to a check; each keyword adds a condition, applied as JSON Schema does
    (string keywords to strings only, object keywords to objects only, and so on)."""
    if schema is True:
        return lambda _value: True
    if not isinstance(schema, dict) or set(schema) - _ANNOTATIONS - set(_KEYWORDS):
        return _never
    checks = [_KEYWORDS[key](schema[key], schema) for key in schema if key in _KEYWORDS]
    return lambda value: all(check(value) for check in checks)


def _type(expected, _schema) -> Check:
    names = [expected] if isinstance(expected, str) else list(expected)
    if any(name not in _TYPES for name in names):
        return _never
    tests = [_TYPES[name] for name in names]
    return lambda value: any(test(value) for test in tests)


def _properties(properties, schema) -> Check:
    checks = {key: compile_check(sub) for key, sub in properties.items()}
    extra = schema.get("additionalProperties", True)
    other = None if extra is True else compile_check(extra) if extra is not False else _never

    def check(value) -> bool:
        if type(value) is not dict:
            return True
        for key, item in value.items():
            test = checks.get(key, other)
            if test is not None and not test(item):
                return False
        return True
    return check


def _additional(extra, schema) -> Check:
    if "properties" in schema:
        return lambda value: True  # checked with the properties
    return _properties({}, schema)


def _required(keys, _schema) -> Check:
    return lambda value: type(value) is not dict or all(key in value for key in keys)


def _items(items, _schema) -> Check:
    if not isinstance(items, dict):
        return _never
    test = compile_check(items)
    return lambda value: type(value) is not list or all(test(item) for item in value)


def _enum(choices, _schema) -> Check:
    return lambda value: any(type(choice) is type(value) and choice == value for choice in choices)


def _pattern(pattern, _schema) -> Check:
    regex = re.compile(pattern)
    return lambda value: type(value) is not str or regex.search(value) is not None


def _min_length(limit, _schema) -> Check:
    return lambda value: type(value) is not str or len(value) >= limit


def _min_items(limit, _schema) -> Check:
    return lambda value: type(value) is not list or len(value) >= limit


def _unique(unique, _schema) -> Check:
    if not unique:
        return lambda value: True
    # only lists of strings are answered here (1 and True, or unhashable items: jsonschema decides)
    return lambda value: type(value) is not list or (all(type(item) is str for item in value)
                                                     and len(set(value)) == len(value))


def _number_bound(compare) -> Callable[[Any, Any], Check]:
    def keyword(limit, _schema) -> Check:
        return lambda value: type(value) not in (int, float) or compare(value, limit)
    return keyword


_KEYWORDS = {
    "type": _type, "properties": _properties, "additionalProperties": _additional, "required": _required,
    "items": _items, "enum": _enum, "pattern": _pattern, "minLength": _min_length, "minItems": _min_items,
    "uniqueItems": _unique, "minimum": _number_bound(lambda v, limit: v >= limit),
    "maximum": _number_bound(lambda v, limit: v <= limit),
}
