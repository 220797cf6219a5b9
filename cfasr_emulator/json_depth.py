"""The emulator's own limits on JSON nesting and size in members, the same on every Python.

CPython's ``json`` once refused deep nesting only by running out of recursion
(``RecursionError`` near 1000 levels on 3.11); 3.13 parses 2000 levels and more. Relying on
it made the answer depend on the interpreter, so bodies and control messages are measured
first and refused past :data:`MAX_JSON_DEPTH`, whatever would parse them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cfasr_client.contract import EMULATOR_LIMITS

__all__ = ["MAX_JSON_DEPTH", "MAX_JSON_MEMBERS", "BracketScan", "too_deep", "too_many_members"]

MAX_JSON_DEPTH = 64
"""Far above any real input (a batch of whisper inputs nests 4 levels)."""

_SIGNIFICANT = re.compile(rb'["\\\[\]{}]')
"""Only quotes, backslashes and brackets matter; digits and string contents are skipped by
the regular expression engine, so an audio array of millions of numbers is cheap."""


class BracketScan:
    """The brackets of a JSON text that stand outside strings, in order; after iterating,
    :attr:`in_string` says whether the text ended inside a string. Shared by the depth
    check here and the streamed turbo body, so both read strings and escapes alike."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.in_string = False

    def __iter__(self) -> Iterator[int]:
        data = self.data
        escaped = -1  # index of a character a backslash escapes
        for match in _SIGNIFICANT.finditer(data):
            index = match.start()
            char = data[index]
            if self.in_string:
                if index == escaped:
                    continue
                if char == ord("\\"):
                    escaped = index + 1
                elif char == ord('"'):
                    self.in_string = False
            elif char == ord('"'):
                self.in_string = True
            elif char in b"[]{}":
                yield char


def too_deep(document: bytes | str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True if ``document`` opens more than ``limit`` arrays/objects inside each other.

    Brackets inside strings do not count. Malformed JSON is measured as far as it goes; the
    parser then refuses it on its own terms.
    """
    data = document.encode("utf-8", "surrogatepass") if isinstance(document, str) else document
    depth = 0
    for char in BracketScan(data):
        if char in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _declared_members_limit() -> int:
    value = EMULATOR_LIMITS["max_json_members"].value
    if not isinstance(value, int):
        raise TypeError(f"openapi.yaml's max_json_members must be an integer, not {value!r}")
    return value


MAX_JSON_MEMBERS = _declared_members_limit()
"""Object members a request body may have in all (openapi.yaml's ``max_json_members``)."""

_MEMBER = re.compile(rb'["\\:]')


def too_many_members(document: bytes, limit: int = MAX_JSON_MEMBERS) -> bool:
    """True if ``document``'s objects have more than ``limit`` members in all (colons outside
    strings), measured before parsing: ``json.loads`` holds the GIL for the whole body, so
    other requests wait for it even when it runs in a worker thread.

    ``bytes.count`` settles almost every body at once (base64 audio has no colons); only one
    with more colons than ``limit`` is scanned, in Python, which lets other threads run.
    """
    if document.count(b":") <= limit:
        return False
    members = 0
    in_string = False
    escaped = -1
    for match in _MEMBER.finditer(document):
        index = match.start()
        char = document[index]
        if in_string:
            if index == escaped:
                continue
            if char == ord("\\"):
                escaped = index + 1
            elif char == ord('"'):
                in_string = False
        elif char == ord('"'):
            in_string = True
        elif char == ord(":"):
            members += 1
            if members > limit:
                return True
    return False
