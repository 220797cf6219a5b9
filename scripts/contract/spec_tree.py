"""openapi.yaml as a YAML tree, and the two things every reader of it needs: following a
``$ref`` and folding a description onto one line.

Shared by the readers of the spec (``spec_options``, ``spec_provenance``) and the drift check,
so none of them reads the file or resolves a reference its own way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["Resolver", "load_spec", "one_line"]


def load_spec(path: Path) -> dict[str, Any]:
    """The spec file as plain YAML data."""
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return spec


class Resolver:
    """Follows the spec's local ``$ref`` pointers (``#/components/...``)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec

    def resolve(self, node: Any) -> Any:
        while isinstance(node, dict) and "$ref" in node:
            target: Any = self.spec
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def ref_name(self, node: Any) -> str | None:
        if isinstance(node, dict) and "$ref" in node:
            return str(node["$ref"]).rsplit("/", 1)[1]
        return None


def one_line(text: str | None) -> str:
    """``text`` with every run of whitespace (line breaks included) as one space."""
    return " ".join((text or "").split())
