"""openapi.yaml → ``cfasr_client/contract``: the option catalog, typed option signatures and
the options reference page.

openapi-python-client generates models and request builders, but not what every other layer
needs about an operation's options: their names, where they go, their types, ranges,
patterns, enums, defaults, repeatability and "required with" rules. This step emits them
once, from the spec, for the SDK, the emulator, the command line and the docs:

- ``catalog.py``: ``OPERATIONS``, one :class:`Operation` per operation id, with its Params;
- ``params.py``: one typed parameter class per operation (``generate_params.py``);
- ``options.py``: one ``TypedDict`` per operation, so ``**options: Unpack[RunNova3Options]``
  gives mypy and editors every option with its type and description;
- ``docs/reference/options.md``: every option of every operation.

Spec extensions it reads (all documented in openapi.yaml's info.description):
``x-cfasr-internal`` (a parameter the SDK sets itself, e.g. queueRequest),
``x-cfasr-required-when`` (``{other: [values]}``), ``x-cfasr-refused`` (why the service
refuses a described parameter), ``x-cfasr-source`` (where each fact comes from; a fact with
none fails generation), ``x-cfasr-departure`` (a deliberate difference from an upstream
schema, with its reason; read by ``drift.py``) and ``x-cfasr-emulator-limits`` (the
emulator's own limits, for ``emulator_limits.py`` and ``docs/reference/limits.md``).
"""

from __future__ import annotations

import functools
import importlib.util
import keyword
import re
import sys
from pathlib import Path
from typing import Any

import generate_operations
import yaml
from generate_params import params_source

HERE = Path(__file__).resolve().parent
RUN_MARKER = "/ai/run/"
RUNTIME = HERE.parents[1] / "cfasr_contract" / "checks.py"


def load_spec(path: Path) -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return spec


class _Resolver:
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


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _param_fields(
    res: _Resolver,
    name: str,
    location: str,
    schema_node: Any,
    description: str,
    extra: dict[str, Any],
    *,
    strict: bool = True,
) -> dict[str, Any]:
    schema = res.resolve(schema_node)
    fields: dict[str, Any] = {"name": name, "location": location}
    kind = schema.get("type", "string")
    enum_ref = None
    if kind == "array":
        items_node = schema.get("items", {})
        items = res.resolve(items_node)
        fields["item_kind"] = items.get("type", "string")
        fields["repeatable"] = True
        if "maxItems" in schema:
            fields["max_items"] = schema["maxItems"]
        if items.get("enum"):
            enum_ref = res.ref_name(items_node)
        schema_for_rules = items
    else:
        if schema.get("enum"):
            enum_ref = res.ref_name(schema_node)
        schema_for_rules = schema
    fields["kind"] = kind
    fields["description"] = _one_line(description or schema.get("description"))
    if schema_for_rules.get("enum"):
        fields["enum"] = tuple(str(v) for v in schema_for_rules["enum"])
    for key, target in (
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("exclusiveMinimum", "exclusive_minimum"),
        ("exclusiveMaximum", "exclusive_maximum"),
        ("pattern", "pattern"),
        ("minLength", "min_length"),
        ("maxLength", "max_length"),
    ):
        if key in schema_for_rules:
            fields[target] = schema_for_rules[key]
    default_holder = (
        schema_node if isinstance(schema_node, dict) and "default" in schema_node else schema
    )
    if "default" in default_holder:
        fields["has_default"] = True
        fields["default"] = default_holder["default"]
    if extra.get("required"):
        fields["required"] = True
    if extra.get("deprecated"):
        fields["deprecated"] = True
    rules = extra.get("x-cfasr-required-when") or schema.get("x-cfasr-required-when")
    if rules:
        fields["required_when"] = tuple(
            (other, tuple(str(v) for v in values)) for other, values in rules.items()
        )
    needs = extra.get("x-cfasr-needs")
    if needs:
        fields["needs"] = tuple(
            (other, tuple(str(v) for v in values)) for other, values in needs.items()
        )
    for holder in (extra, schema_node, schema):
        if isinstance(holder, dict) and "x-cfasr-service-default" in holder:
            fields["service_default"] = holder["x-cfasr-service-default"]
            break
    for holder in (extra, schema_node, schema):
        if isinstance(holder, dict) and "x-cfasr-client-default" in holder:
            # cfasr's SDK sends this when the caller gives nothing; the service states none.
            fields["has_default"] = True
            fields["default"] = holder["x-cfasr-client-default"]
            fields["client_default"] = True
            break
    example = extra.get("example", schema.get("example"))
    if example is not None:
        fields["example"] = str(example)
    if extra.get("x-cfasr-internal"):
        fields["internal"] = True
    refused = extra.get("x-cfasr-refused")
    if refused:
        fields["refused"] = _one_line(refused)
    answer = extra.get("x-cfasr-service-answer")
    if answer:
        fields["service_answer"] = _one_line(answer)
    fields["_enum_class"] = enum_ref
    holders = [extra, schema_node, schema]
    if kind == "array":
        holders += [schema.get("items"), res.resolve(schema.get("items", {}))]
    _apply_provenance(fields, holders, where=name, strict=strict)
    return fields


def _apply_provenance(
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
    fields["_departure"] = {str(k): _one_line(str(v)) for k, v in departures.items()}


def _options_schema(res: _Resolver, operation: dict[str, Any]) -> dict[str, Any] | None:
    body = operation.get("requestBody")
    if not body:
        return None
    content = res.resolve(body).get("content", {})
    json_media = content.get("application/json")
    if not json_media:
        return None
    schema = res.resolve(json_media["schema"])
    if "oneOf" not in schema:
        return schema
    # The options are those of the single-input form; batch submissions (`requests`) and
    # polls (`request_id`) carry no option of their own. nova-3's JSON body has only those.
    for member in schema["oneOf"]:
        candidate = res.resolve(member)
        if not {"requests", "request_id"} & set(candidate.get("properties", {})):
            return candidate
    return None


def _takes_audio(res: _Resolver, operation: dict[str, Any]) -> bool:
    """Whether the request body carries audio: a raw body, or JSON with an `audio` field."""
    body = operation.get("requestBody")
    if not body:
        return False
    content = res.resolve(body).get("content", {})
    if any(not media.startswith("application/json") for media in content):
        return True
    schema = _options_schema(res, operation)
    return schema is not None and "audio" in schema.get("properties", {})


def operations(spec: dict[str, Any], *, strict: bool = True) -> list[dict[str, Any]]:
    """Every operation with its options, in the spec's order, as plain data.

    ``strict``: fail on a fact without provenance (generation always is; a draft may not)."""
    res = _Resolver(spec)
    found: list[dict[str, Any]] = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post"):
                continue
            params: list[dict[str, Any]] = []
            for node in operation.get("parameters", []):
                param = res.resolve(node)
                if param["in"] != "query":
                    continue
                params.append(
                    _param_fields(
                        res,
                        param["name"],
                        "query",
                        param["schema"],
                        param.get("description", ""),
                        param,
                        strict=strict,
                    )
                )
            schema = _options_schema(res, operation)
            if schema is not None:
                required = set(schema.get("required", []))
                for name, node in schema.get("properties", {}).items():
                    if name == "audio":
                        continue  # the payload, not an option
                    resolved = res.resolve(node)
                    if resolved.get("type") == "object":
                        continue  # request settings (`options`), not a model option
                    extra = {"required": name in required, **resolved}
                    params.append(
                        _param_fields(
                            res,
                            name,
                            "body",
                            node,
                            resolved.get("description", ""),
                            extra,
                            strict=strict,
                        )
                    )
            problems = [text for p in params for text in p.pop("_problems", [])]
            if problems:
                raise ProvenanceError(
                    f"{operation['operationId']}: every bound, enum, pattern, default and "
                    "required flag needs x-cfasr-source (" + ", ".join(SCHEMA_SOURCES) + ", "
                    "cloudflare-docs:<url>, deepgram-docs:<url>, cloudflare-code:<url> or "
                    f"{EMULATOR_LIMIT}):\n  " + "\n  ".join(problems)
                )
            responses = operation.get("responses", {})
            price = operation.get("x-cfasr-price", {})
            found.append(
                {
                    "operation_id": operation["operationId"],
                    "method": method,
                    "model": path.split(RUN_MARKER, 1)[1],
                    "path": path,
                    "transport": "websocket" if "101" in responses else "rest",
                    "summary": _one_line(operation.get("summary")),
                    "description": _one_line(operation.get("description")),
                    "takes_audio": _takes_audio(res, operation) or "101" in responses,
                    "usd_per_audio_minute": price.get("usd_per_audio_minute"),
                    "neurons_per_audio_minute": price.get("neurons_per_audio_minute"),
                    "params": params,
                }
            )
            found[-1].update(
                generate_operations.operation_facts(
                    spec, operation, found[-1]["transport"], strict=strict
                )
            )
    return found


# ---- Python source ------------------------------------------------------------------------

_PARAM_DEFAULTS = {
    "description": "",
    "item_kind": None,
    "enum": (),
    "minimum": None,
    "maximum": None,
    "exclusive_minimum": None,
    "exclusive_maximum": None,
    "pattern": None,
    "min_length": None,
    "max_length": None,
    "max_items": None,
    "repeatable": False,
    "has_default": False,
    "default": None,
    "required": False,
    "required_when": (),
    "needs": (),
    "refused": None,
    "service_answer": None,
    "deprecated": False,
    "example": None,
    "service_default": None,
    "internal": False,
    "emulator_limits": (),
    "client_default": False,
}


def _param_source(param: dict[str, Any]) -> str:
    parts = [
        f"name={param['name']!r}",
        f"location={param['location']!r}",
        f"kind={param['kind']!r}",
    ]
    for key, default in _PARAM_DEFAULTS.items():
        value = param.get(key, default)
        if value != default or (key == "default" and param.get("has_default")):
            parts.append(f"{key}={value!r}")
    return "Param(" + ", ".join(parts) + ")"


def catalog_source(ops: list[dict[str, Any]]) -> str:
    lines = [
        '"""Every operation of openapi.yaml and every option it takes. Generated by',
        "scripts/regenerate from openapi.yaml: do not edit; edit the spec and run `make regen`.",
        '"""',
        "",
        "from cfasr_contract import Operation, Param",
        "",
        '__all__ = ["MODELS", "OPERATIONS", "operation_for"]',
        "",
        "OPERATIONS: dict[str, Operation] = {",
    ]
    for op in ops:
        lines.append(f"    {op['operation_id']!r}: Operation(")
        for key in (
            "operation_id",
            "method",
            "model",
            "path",
            "transport",
            "summary",
            "description",
        ):
            lines.append(f"        {key}={op[key]!r},")
        lines.append(f"        takes_audio={op['takes_audio']!r},")
        lines.extend(generate_operations.catalog_lines(op))
        for key in ("usd_per_audio_minute", "neurons_per_audio_minute"):
            if op[key] is not None:
                lines.append(f"        {key}={op[key]!r},")
        lines.append("        params=(")
        lines.extend(f"            {_param_source(p)}," for p in op["params"])
        lines.append("        ),")
        lines.append("    ),")
    lines.append("}")
    lines += [
        "",
        "MODELS: tuple[str, ...] = tuple(dict.fromkeys(op.model for op in OPERATIONS.values()))",
        '"""Every model id, in the order of the spec."""',
        "",
        "",
        "_BY_MODEL: dict[tuple[str, str], Operation] = {",
        "    (op.model, op.transport): op for op in OPERATIONS.values()",
        "}",
        "",
        "",
        "def operation_for(model: str, transport: str) -> Operation | None:",
        '    """The operation serving ``model`` over ``transport`` ("rest" or "websocket")."""',
        "    return _BY_MODEL.get((model, transport))",
        "",
    ]
    return "\n".join(lines)


def typed_dict_name(operation_id: str) -> str:
    return operation_id[0].upper() + operation_id[1:] + "Options"


def _python_type(param: dict[str, Any], enum_imports: set[str]) -> str:
    kind = param["item_kind"] if param["kind"] == "array" else param["kind"]
    if param.get("enum"):
        literal = "Literal[" + ", ".join(repr(v) for v in param["enum"]) + "]"
        enum_class = param.get("_enum_class")
        if enum_class:
            enum_imports.add(enum_class)
            scalar = f"{enum_class} | {literal}"
        else:
            scalar = literal
    else:
        scalar = {"boolean": "bool", "integer": "int", "number": "float", "string": "str"}[kind]
        pattern = param.get("pattern")
        if kind == "string" and pattern is not None and not re.search(pattern, "text"):
            # Text options whose pattern admits numbers or true/false also take those values
            # (the checks turn them into text), e.g. endpointing=300 or endpointing=False.
            extra = [
                name
                for name, sample in (("int", "300"), ("float", "0.5"), ("bool", "false"))
                if re.search(pattern, sample)
            ]
            scalar = " | ".join(["str", *extra])
    if param["kind"] == "array":
        return f"{scalar} | Sequence[{scalar}]"
    return scalar


def options_source(ops: list[dict[str, Any]]) -> str:
    enum_imports: set[str] = set()
    classes: list[str] = []
    names: list[str] = []
    for op in ops:
        name = typed_dict_name(op["operation_id"])
        names.append(name)
        body = [
            f"class {name}(TypedDict, total=False):",
            f'    """Options of {op["operation_id"]} ({op["method"].upper()} {op["model"]}): '
            f'{op["summary"]}"""',
        ]
        for param in op["params"]:
            if param.get("internal"):
                continue  # set by the SDK itself, not a per-call option
            if not param["name"].isidentifier() or keyword.iskeyword(param["name"]):
                continue
            body.append("")
            body.append(f"    {param['name']}: {_python_type(param, enum_imports)}")
            doc = param.get("description") or ""
            allowed = _allowed_words(param)
            text = f"{doc} Accepts {allowed}." if allowed else doc
            if param.get("refused"):
                text = f"Refused: {param['refused']}"
            body.append(f'    """{_docstring_text(text)}"""')
        if len(body) == 2:
            body.append("")
            body.append("    # This operation takes no options.")
        classes.append("\n".join(body))
    header = [
        '"""Typed options of every operation, for `**options: Unpack[...]` signatures.',
        "",
        "Generated by scripts/regenerate from openapi.yaml: do not edit; edit the spec and run",
        "`make regen`. Each field's docstring is the spec's description.",
        '"""',
        "",
        "from collections.abc import Sequence",
        "from typing import Literal, TypedDict",
        "",
    ]
    if enum_imports:
        header.append(f"from ..models import {', '.join(sorted(enum_imports))}")
        header.append("")
    header.append("__all__ = [" + ", ".join(repr(n) for n in sorted(names)) + "]")
    header.append("")
    return "\n".join(header) + "\n\n" + "\n\n\n".join(classes) + "\n"


def _docstring_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', "'''").strip()


@functools.cache
def _runtime() -> Any:
    """The contract's checks themselves, so help texts use the very wording of its checks
    (loaded by path: the generator must not need the project installed)."""
    spec = importlib.util.spec_from_file_location("cfasr_contract_checks", RUNTIME)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # attrs resolves the annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def _checked_default(param: dict[str, Any], value: object) -> object:
    """A default as the checks would pass it on (``"0.7"`` for a text option, 5 for 5)."""
    fields = {k: v for k, v in param.items() if not k.startswith("_")}
    return _runtime().Param(**fields).check(value)


def _allowed_words(param: dict[str, Any]) -> str:
    fields = {k: v for k, v in param.items() if not k.startswith("_")}
    return str(_runtime().Param(**fields).allowed())


INIT_SOURCE = '''"""The option contract of openapi.yaml: every operation's options as data, typed
signatures and the checks that every layer (SDK, emulator, command line) applies.

Generated by scripts/regenerate: do not edit; edit openapi.yaml and run `make regen`.
"""

from .catalog import MODELS, OPERATIONS, operation_for
from .emulator_limits import EMULATOR_LIMITS
from .gateway import GATEWAY_HEADERS
from cfasr_contract import EmulatorLimit, Operation, OptionProblem, Param, Params

__all__ = [
    "EMULATOR_LIMITS",
    "GATEWAY_HEADERS",
    "MODELS",
    "OPERATIONS",
    "EmulatorLimit",
    "Operation",
    "OptionProblem",
    "Param",
    "Params",
    "operation_for",
]
'''


_LIMIT_KEYS = ("name", "value", "unit", "answer", "description")


def emulator_limits(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """openapi.yaml's ``x-cfasr-emulator-limits``, checked for the fields every limit needs."""
    found: list[dict[str, Any]] = []
    for entry in spec.get("x-cfasr-emulator-limits", []):
        missing = [key for key in _LIMIT_KEYS if key not in entry]
        if missing:
            raise ProvenanceError(f"x-cfasr-emulator-limits: {entry!r} lacks {missing}")
        found.append(
            {
                **{key: entry[key] for key in _LIMIT_KEYS},
                "description": _one_line(entry["description"]),
                "flag": entry.get("flag"),
                "close_reason": entry.get("close_reason"),
            }
        )
    return found


def emulator_limits_source(limits: list[dict[str, Any]]) -> str:
    lines = [
        '"""The emulator\'s own limits, from openapi.yaml\'s x-cfasr-emulator-limits: Workers AI',
        "states none of them, so the SDK never enforces them. Generated by scripts/regenerate:",
        "do not edit; edit the spec and run `make regen`.",
        '"""',
        "",
        "from cfasr_contract import EmulatorLimit",
        "",
        '__all__ = ["EMULATOR_LIMITS"]',
        "",
        "EMULATOR_LIMITS: dict[str, EmulatorLimit] = {",
    ]
    for limit in limits:
        fields = ", ".join(
            f"{key}={limit[key]!r}"
            for key in (*_LIMIT_KEYS, "flag", "close_reason")
            if limit[key] is not None
        )
        lines.append(f"    {limit['name']!r}: EmulatorLimit({fields}),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_package(spec_path: Path, package_dir: Path) -> None:
    """Write ``package_dir/contract`` (the generated client package must exist)."""
    spec = load_spec(spec_path)
    ops = operations(spec)
    out = package_dir / "contract"
    out.mkdir(exist_ok=True)
    (out / "__init__.py").write_text(INIT_SOURCE, encoding="utf-8")
    (out / "catalog.py").write_text(catalog_source(ops), encoding="utf-8")
    (out / "options.py").write_text(options_source(ops), encoding="utf-8")
    (out / "params.py").write_text(params_source(ops, _checked_default), encoding="utf-8")
    (out / "emulator_limits.py").write_text(
        emulator_limits_source(emulator_limits(spec)), encoding="utf-8"
    )
    (out / "gateway.py").write_text(gateway_source(gateway_headers(spec)), encoding="utf-8")


# ---- the options reference page -----------------------------------------------------------


def _cell(text: str) -> str:
    """Table-cell text: pipes escaped, and brackets too, so a pattern such as [0-9] is not
    read as a Markdown link."""
    return text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def options_page(spec_path: Path) -> str:
    ops = operations(load_spec(spec_path))
    lines = [
        "# Options reference",
        "",
        "<!-- Generated by scripts/regenerate from openapi.yaml: do not edit. -->",
        "",
        "Every option of every operation, as `openapi.yaml` describes it. The SDK's keyword",
        "arguments, the emulator's checks and the `cfasr` flags all come from the same table, so",
        "this page cannot drift from them.",
        "",
    ]
    for op in ops:
        lines.append(f"## `{op['model']}` — {op['transport']} (`{op['operation_id']}`)")
        lines.append("")
        lines.append(op["summary"])
        lines.append("")
        if not op["params"]:
            lines.append("No options.")
            lines.append("")
            continue
        lines.append("| Option | In | Accepts | Default | Description |")
        lines.append("|---|---|---|---|---|")
        for param in op["params"]:
            if param.get("internal"):
                continue
            name = f"`{param['name']}`" + (" (repeatable)" if param.get("repeatable") else "")
            if param.get("required"):
                name += " (required)"
            default = f"`{param['default']}`" if param.get("has_default") else ""
            if param.get("client_default"):
                default += " (sent by cfasr; the service requires it)"
            elif param.get("service_default") is not None and not param.get("has_default"):
                shown = param["service_default"]
                shown = str(shown).lower() if isinstance(shown, bool) else shown
                default = f"`{shown}` (the service's)"
            accepts = "refused" if param.get("refused") else _allowed_words(param)
            if param.get("emulator_limits"):
                own = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in param["emulator_limits"])
                accepts += f" (the emulator's own limit: {own})"
            lines.append(
                f"| {name} | {param['location']} | {_cell(accepts)} | {_cell(default)} "
                f"| {_cell(param.get('description', ''))} |"
            )
        lines.append("")
    return "\n".join(lines)


# ---- the emulator's limits page -----------------------------------------------------------


def limits_page(spec_path: Path) -> str:
    """docs/reference/limits.md: the emulator's own limits, and the option bounds only it
    enforces, both from openapi.yaml."""
    spec = load_spec(spec_path)
    lines = [
        "# Emulator limits",
        "",
        "<!-- Generated by scripts/regenerate from openapi.yaml: do not edit. -->",
        "",
        "Limits of the cfasr emulator itself. Workers AI states none of them (or states other",
        "ones), so the SDK never checks them before sending: a call the emulator refuses for one",
        "of these reasons may well pass on Cloudflare. Each server limit is a `ServerConfig`",
        "field (and `cfasr serve` flag) whose default comes from `openapi.yaml`",
        "(`x-cfasr-emulator-limits`).",
        "",
        "| Limit | Default | Of | Beyond it | Flag | Why |",
        "|---|---|---|---|---|---|",
    ]
    for limit in emulator_limits(spec):
        answer = str(limit["answer"])
        if limit["close_reason"]:
            answer += f": `{limit['close_reason']}`"
        lines.append(
            f"| `{limit['name']}` | {_cell(str(limit['value']))} | {_cell(limit['unit'])} "
            f"| {_cell(answer)} | {_cell(limit['flag'] or '')} "
            f"| {_cell(limit['description'])} |"
        )
    lines += [
        "",
        "## Option bounds only the emulator enforces",
        "",
        "Bounds marked `x-cfasr-source: emulator-limit` in `openapi.yaml`: no Cloudflare or",
        "Deepgram source states them. The emulator refuses a value beyond them with 400 / 5006",
        "(a WebSocket handshake likewise); the SDK sends the value unchanged.",
        "",
        "| Operation | Option | Emulator's limit |",
        "|---|---|---|",
    ]
    for op in operations(spec):
        for param in op["params"]:
            for field, value in param.get("emulator_limits", ()):
                lines.append(
                    f"| `{op['operation_id']}` | `{param['name']}` | {_cell(field)} "
                    f"{_cell(str(value))} |"
                )
    lines.append("")
    return "\n".join(lines)


# ---- AI Gateway headers ---------------------------------------------------------------------


def gateway_headers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``cf-aig-*`` request headers of ``components/parameters``, with their facts (and
    provenance, as for options)."""
    res = _Resolver(spec)
    found: list[dict[str, Any]] = []
    problems: list[str] = []
    for param in spec["components"]["parameters"].values():
        if param.get("in") != "header" or not param["name"].startswith("cf-aig-"):
            continue
        # The direct API takes any text (it does not read these headers); the gateway's own
        # rules, which GatewayOptions checks, are x-cfasr-gateway-schema.
        schema = param.get("x-cfasr-gateway-schema", param["schema"])
        fields = _param_fields(
            res, param["name"], "header", schema, param.get("description", ""), param
        )
        problems += fields.pop("_problems", [])
        found.append(fields)
    if problems:
        raise ProvenanceError("AI Gateway headers:\n  " + "\n  ".join(problems))
    return found


def gateway_source(headers: list[dict[str, Any]]) -> str:
    lines = [
        '"""The AI Gateway\'s per-request `cf-aig-*` headers as openapi.yaml describes them, for',
        "`cfasr_ext.GatewayOptions`. Generated by scripts/regenerate: do not edit; edit the spec",
        "and run `make regen`.",
        '"""',
        "",
        "from cfasr_contract import Param",
        "",
        '__all__ = ["GATEWAY_HEADERS"]',
        "",
        "GATEWAY_HEADERS: dict[str, Param] = {",
    ]
    lines.extend(f"    {h['name']!r}: {_param_source(h)}," for h in headers)
    lines.append("}")
    return "\n".join(lines) + "\n"
