"""The provenance rule of openapi.yaml: every fact says where it comes from (``x-cfasr-source``),
or generation fails.

Its own module because every reader of the spec applies the same rule: the options and
AI Gateway headers (``spec_options``) and each operation's body kind and result
(``spec_body_kinds``). It also sets the emulator's own limits apart from the service's
facts, so that only the emulator enforces them.
"""

from __future__ import annotations

from typing import Any

from spec_tree import one_line

__all__ = [
    "DOC_SOURCES",
    "EMULATOR_LIMIT",
    "SCHEMA_SOURCES",
    "ProvenanceError",
    "apply_provenance",
    "valid_source",
]


class ProvenanceError(ValueError):
    """A fact of openapi.yaml that does not say where it comes from."""


SCHEMA_SOURCES = ("cloudflare-schema", "deepgram-openapi", "deepgram-asyncapi")
"""Provenance values naming a vendored schema (``spec-sources/``), compared by the drift check."""
DOC_SOURCES = ("cloudflare-docs:", "deepgram-docs:", "cloudflare-code:")
"""Provenance prefixes for a documentation page (or Cloudflare's own published code, such as
the Workers binding's types); the page's https URL follows the colon."""
EMULATOR_LIMIT = "emulator-limit"
"""Provenance of a limit only the emulator enforces: never checked by the SDK."""

# The facts that need provenance: the spec's key → the key in the Param fields.
_SOURCED_FACTS = {
    "enum": "enum",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "pattern": "pattern",
    "minLength": "min_length",
    "maxLength": "max_length",
    "maxItems": "max_items",
    "default": "default",
    "required": "required",
}


def valid_source(value: object) -> bool:
    """Whether ``value`` is a provenance openapi.yaml's info.description allows."""
    if not isinstance(value, str):
        return False
    if value in (*SCHEMA_SOURCES, EMULATOR_LIMIT):
        return True
    return any(value.startswith(p) and value[len(p) :].startswith("https://") for p in DOC_SOURCES)


def _extension(holders: list[Any], key: str) -> dict[str, Any]:
    """``key`` merged over its holders, the first holder's word winning: a text value stands
    for every fact (``*``), a mapping names facts one by one."""
    merged: dict[str, Any] = {}
    for holder in reversed(holders):
        if not isinstance(holder, dict) or key not in holder:
            continue
        value = holder[key]
        merged = {**merged, **value} if isinstance(value, dict) else {"*": value}
    return merged


def apply_provenance(
    fields: dict[str, Any], holders: list[Any], *, where: str, strict: bool
) -> None:
    """Give every fact its source, or fail; move the emulator's limits out of the service's
    facts (into ``emulator_limits``) so that only the emulator enforces them."""
    problems: list[str] = []
    sources = _extension(holders, "x-cfasr-source")
    departures = _extension(holders, "x-cfasr-departure")
    stated: dict[str, str] = {}
    for spec_key, field in _SOURCED_FACTS.items():
        value = fields.get(field)
        present = value is not None and value is not False and value != ()
        if spec_key == "default":
            service = bool(fields.get("has_default")) and not fields.get("client_default")
            present = service or fields.get("service_default") is not None
        if spec_key == "required":
            present = bool(fields.get("required") or fields.get("required_when"))
        if not present:
            continue
        source = sources.get(spec_key, sources.get("*"))
        if source is None:
            problems.append(f"{where}: its {spec_key} has no provenance")
            continue
        if not valid_source(source):
            problems.append(f"{where}: x-cfasr-source {source!r} for {spec_key} is not valid")
            continue
        stated[spec_key] = source
    limits: list[tuple[str, object]] = []
    for spec_key, source in stated.items():
        if source != EMULATOR_LIMIT:
            continue
        field = _SOURCED_FACTS[spec_key]
        if spec_key in ("default", "required"):
            problems.append(f"{where}: a {spec_key} cannot be an emulator limit")
            continue
        limits.append((field, fields.pop(field)))
    if limits:
        fields["emulator_limits"] = tuple(limits)
    fields["_source"] = stated
    fields["_problems"] = problems if strict else []
    fields["_departure"] = {str(k): one_line(str(v)) for k, v in departures.items()}
