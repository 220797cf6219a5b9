"""openapi.yaml → the operation layer: each operation's body kind and result in the catalog,
and the SDK's typed faces in ``cfasr_ext/models/_generated.py``.

Every operation says how its request carries its input (``x-cfasr-body-kind``: raw-audio,
byte-array-json, base64-json, config-json, listen-v1 or listen-v2) and, over REST, which
generated model its result is (``x-cfasr-result``), each with its ``x-cfasr-source``. From
that this step writes, per operation, a typed builder (``build_run_whisper(model, audio, /,
*, ..., **options: Unpack[RunWhisperOptions]) -> Call[WhisperResult]``) wired to the SDK's
hand-written builder of its kind (``cfasr_ext.models._kinds``), and per model the namespace
classes (sync, async and their raw twins), each with ``transcribe`` (or ``run_config``) and
``stream()`` where the model has a WebSocket operation, plus the client attributes
(``client.whisper``, ``client.nova_3``, ...). Adding a model whose kind is known is then an
edit of openapi.yaml and ``make regen``, nothing else.

Called from ``generate.py`` (the catalog's fields) and ``scripts/_generation.py`` (the SDK
module, which ``scripts/check-generated`` compares like the generated package).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "BODY_KINDS",
    "SDK_MODULE",
    "catalog_lines",
    "operation_facts",
    "sdk_module_source",
]

SDK_MODULE = ("cfasr_ext", "models", "_generated.py")
"""Where the SDK module is written, relative to the project root."""

BODY_KINDS = (
    "raw-audio",
    "byte-array-json",
    "base64-json",
    "config-json",
    "listen-v1",
    "listen-v2",
)
"""The kinds the SDK and the emulator have a builder and a handler for (``cfasr_contract``'s
``BodyKind`` names the same)."""

_STREAM_KINDS = ("listen-v1", "listen-v2")
_AUDIO_KINDS = ("raw-audio", "byte-array-json", "base64-json")


# ---- the catalog's fields -----------------------------------------------------------------


def operation_facts(
    spec: dict[str, Any], operation: dict[str, Any], transport: str, *, strict: bool = True
) -> dict[str, Any]:
    """``body_kind`` and ``result`` of one operation, checked: a known kind that suits the
    transport, a result model that ``components/schemas`` defines, each with its source."""
    import generate  # the sibling module (it imports this one; attributes are read late)

    where = operation.get("operationId", "?")
    kind = operation.get("x-cfasr-body-kind")
    result = operation.get("x-cfasr-result")
    sources = operation.get("x-cfasr-source", {})
    sources = sources if isinstance(sources, dict) else {"body-kind": sources, "result": sources}
    problems: list[str] = []
    if kind not in BODY_KINDS:
        problems.append(f"x-cfasr-body-kind {kind!r} is not one of {', '.join(BODY_KINDS)}")
    elif (kind in _STREAM_KINDS) != (transport == "websocket"):
        problems.append(f"x-cfasr-body-kind {kind!r} does not suit a {transport} operation")
    if transport == "rest" and result is None:
        problems.append("a REST operation needs x-cfasr-result (its result model)")
    if result is not None and result not in spec.get("components", {}).get("schemas", {}):
        problems.append(f"x-cfasr-result {result!r} is not in components/schemas")
    for fact, value in (("body-kind", kind), ("result", result)):
        if value is not None and not generate.valid_source(sources.get(fact)):
            problems.append(f"its {fact} has no valid x-cfasr-source")
    if problems and strict:
        raise generate.ProvenanceError(f"{where}: " + "; ".join(problems))
    return {"body_kind": kind, "result": result}


def catalog_lines(op: dict[str, Any]) -> list[str]:
    """The ``Operation(...)`` keyword lines for the two facts."""
    return [
        f"        {key}={op[key]!r}," for key in ("body_kind", "result") if op.get(key) is not None
    ]


# ---- the SDK module -----------------------------------------------------------------------


def _snake(operation_id: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def _short(model: str) -> str:
    return model.rsplit("/", 1)[-1]


def attribute_name(model: str) -> str:
    """``@cf/openai/whisper-large-v3-turbo`` → ``whisper_large_v3_turbo``."""
    return re.sub(r"[^0-9a-zA-Z]+", "_", _short(model)).strip("_").lower()


def class_name(model: str) -> str:
    """``@cf/deepgram/nova-3-internal`` → ``Nova3Internal``."""
    return "".join(part[:1].upper() + part[1:] for part in attribute_name(model).split("_"))


def _options_type(operation_id: str) -> str:
    return operation_id[0].upper() + operation_id[1:] + "Options"


def _doc(text: str, indent: str) -> str:
    """A docstring body: paragraphs of the spec's text, each line under ``indent``."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    body = ("\n" + indent).join(lines).replace("\n" + indent + "\n", "\n\n")
    return body.replace('"""', "'''").replace("\\", "\\\\")


_KIND_DOCS = {
    "raw-audio": (
        "The recording is the request body, with its audio MIME type (`content_type`\n"
        "overrides the sniffed one); every option travels in the query, and options left\n"
        "out are not sent. Invalid options raise `OptionError` before anything is sent.\n"
        "\n"
        "`extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options\n"
        "newer than openapi.yaml: they replace same-name parameters, fields and headers (see\n"
        'the "Options the spec does not know yet" guide); the body is the recording itself,\n'
        "so `extra_body` is refused (`OptionError`): send a new option with `extra_query`."
    ),
    "byte-array-json": (
        '`body_format="binary"` (default) streams the file as the raw body; `"json"` sends\n'
        'the `{"audio": [0-255, ...]}` form. `content_type` overrides\n'
        "`application/octet-stream`. Raises `AudioInputError`/`OptionError` before sending,\n"
        "`APIError` subclasses after.\n"
        "\n"
        "`extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options\n"
        "newer than openapi.yaml: they replace same-name parameters, fields and headers (see\n"
        'the "Options the spec does not know yet" guide); `extra_body` needs\n'
        '`body_format="json"`, as the binary body is the recording itself.'
    ),
    "base64-json": (
        "The recording travels base64-encoded inside the JSON body, streamed from disk; every\n"
        "option the spec gives a default is sent explicitly. Raises `OptionError` for\n"
        "out-of-range values before sending.\n"
        "\n"
        "`extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options\n"
        "newer than openapi.yaml: they replace same-name parameters, fields and headers (see\n"
        'the "Options the spec does not know yet" guide); `extra_body` fields join the\n'
        "JSON body beside the typed ones."
    ),
    "config-json": (
        "This sends the configuration only (a JSON body, no audio) and returns whatever comes\n"
        "back; every option the spec gives a default is sent explicitly.\n"
        "\n"
        "`extra_query`, `extra_body` and `extra_headers` are sent unchecked, for options\n"
        "newer than openapi.yaml: they replace same-name parameters, fields and headers (see\n"
        'the "Options the spec does not know yet" guide).'
    ),
}

_STREAM_DOCS = {
    "listen-v1": (
        "A blocking live session (Deepgram v1 `listen`); use it as a context manager.\n"
        "\n"
        "Options are the spec's streaming query parameters (listed below) plus the session's\n"
        "`reconnect`, `keepalive_interval`, `max_queued_chunks`, `close_timeout` and\n"
        "`extra_query` (query parameters sent unchecked; see\n"
        "`cfasr_ext.streaming.connect_nova3`). Invalid options raise `OptionError` here."
    ),
    "listen-v2": (
        "A blocking live session (Deepgram v2 `listen`); use it as a context manager.\n"
        "\n"
        "Options are the spec's streaming query parameters (listed below; a required option\n"
        "the spec gives a client default, such as `encoding` and `sample_rate`, takes it) plus\n"
        "the session's `reconnect`, `keepalive_interval`, `max_queued_chunks`,\n"
        "`close_timeout` and `extra_query` (query parameters sent unchecked; see\n"
        "`cfasr_ext.streaming.connect_flux`). Invalid options raise `OptionError` here."
    ),
}

_STREAM_TYPES = {
    # kind: (options TypedDict, sync stream, async stream, opener in _kinds)
    "listen-v1": ("Nova3SessionOptions", "Nova3Stream", "AsyncNova3Stream", "listen_v1"),
    "listen-v2": ("FluxSessionOptions", "FluxStream", "AsyncFluxStream", "listen_v2"),
}


def _builder(op: dict[str, Any]) -> list[str]:
    """``build_<operation>``: the typed signature, the spec's docstring, the kind's builder."""
    kind, opid, result = op["body_kind"], op["operation_id"], op["result"]
    name = f"build_{_snake(opid)}"
    args = ["    model: str,"]
    if kind in _AUDIO_KINDS:
        args.append("    audio: AudioSource,")
    args += ["    /,", "    *,"]
    passed = []
    if kind == "byte-array-json":
        args.append('    body_format: Literal["binary", "json"] = "binary",')
        passed.append("body_format=body_format")
    if kind in ("raw-audio", "byte-array-json"):
        args.append("    content_type: str | None = None,")
        passed.append("content_type=content_type")
    args += [
        "    extra_query: ExtraQuery | None = None,",
        "    extra_body: ExtraBody | None = None,",
        "    extra_headers: Mapping[str, str] | None = None,",
        f"    **options: Unpack[{_options_type(opid)}],",
    ]
    passed += ["extra_query=extra_query", "extra_body=extra_body", "extra_headers=extra_headers"]
    summary = op["summary_text"].strip()
    doc = f"{summary}\n\n{op['description_text'].strip()}\n\nReturns `{result}`.\n\n"
    doc += _KIND_DOCS[kind]
    call_args = ["OPERATIONS[" + repr(opid) + "]", "model"]
    if kind in _AUDIO_KINDS:
        call_args.append("audio")
    call_args += [f"{result}.from_dict", "options", *passed]
    return [
        f"def {name}(",
        *args,
        f") -> Call[{result}]:",
        f'    """{_doc(doc, "    ")}"""',
        f"    return _kinds.{kind.replace('-', '_')}(",
        *(f"        {a}," for a in call_args),
        "    )",
        "",
        "",
        f"document_options({name}, OPERATIONS[{opid!r}])",
        "",
        "",
    ]


def _namespace(model: str, rest: dict[str, Any] | None, ws: dict[str, Any] | None) -> list[str]:
    """The sync and async namespace classes of one model, with their raw twins."""
    cls, attr = class_name(model), attribute_name(model)
    lines: list[str] = []
    for mode in ("sync", "async"):
        prefix = "Async" if mode == "async" else ""
        base = "AsyncNamespace" if mode == "async" else "SyncNamespace"
        owner = "async_client" if mode == "async" else "client"
        faces = []
        if rest is not None:
            faces.append(
                "transcribe(...)" if rest["body_kind"] in _AUDIO_KINDS else "run_config(...)"
            )
        if ws is not None:
            faces.append("stream(...)")
        lines += [
            f"class {prefix}{cls}({base}):",
            f'    """`{owner}.{attr}`: {" and ".join(faces)}."""',
            "",
        ]
        if rest is not None:
            build = f"build_{_snake(rest['operation_id'])}"
            face = "transcribe" if rest["body_kind"] in _AUDIO_KINDS else "run_config"
            lines += [f"    {face} = {mode}_method({build})", ""]
            if rest["body_kind"] == "config-json":
                lines += _refusal(mode, model, ws)
            if rest["body_kind"] == "base64-json":
                lines += _batch(mode, rest)
            lines += [
                "    @property",
                f"    def with_raw_response(self) -> {prefix}{cls}WithRawResponse:",
                f"        return {prefix}{cls}WithRawResponse(self._client, self.model)",
                "",
            ]
        if ws is not None:
            lines += _stream(mode, cls, ws)
        lines.append("")
        if rest is not None:
            build = f"build_{_snake(rest['operation_id'])}"
            face = "transcribe" if rest["body_kind"] in _AUDIO_KINDS else "run_config"
            lines += [
                f"class {prefix}{cls}WithRawResponse({base}):",
                f'    """The faces of `{owner}.{attr}`, returning `RawResponse`."""',
                "",
                f"    {face} = {mode}_raw_method({build})",
                "",
                "",
            ]
        if ws is not None:
            lines += [
                f"document_options({prefix}{cls}.stream, OPERATIONS[{ws['operation_id']!r}])",
                "",
                "",
            ]
    return lines


def _refusal(mode: str, model: str, ws: dict[str, Any] | None) -> list[str]:
    where = f"client.{attribute_name(model)}.stream(...)" if ws is not None else None
    define = "async def" if mode == "async" else "def"
    return [
        f"    {define} transcribe(self, audio: object, /, **options: object) -> NoReturn:"
        "  # noqa: ARG002",
        '        """Always raises `UnsupportedOperationError`: its POST carries no audio."""',
        f"        raise _kinds.no_rest_audio(self.model, {where!r})",
        "",
    ]


def _batch(mode: str, rest: dict[str, Any]) -> list[str]:
    prefix = "Async" if mode == "async" else "Sync"
    opid, result = rest["operation_id"], rest["result"]
    return [
        "    @property",
        f"    def batch(self) -> {prefix}Batch[{result}]:",
        '        """Queued batch jobs: `submit([...], **options)`, `poll(job)`,'
        ' `wait(job, timeout=)`."""',
        f"        return {prefix}Batch(",
        "            self._client,",
        "            self.model,",
        f"            _kinds.base64_json_batch_item(OPERATIONS[{opid!r}]),",
        f"            {result}.from_dict,",
        "        )",
        "",
    ]


def _stream(mode: str, cls: str, ws: dict[str, Any]) -> list[str]:
    options, sync_type, async_type, opener = _STREAM_TYPES[ws["body_kind"]]
    if mode == "async":
        doc = f"A live session; open it with `async with`. Same options as `{cls}.stream`."
        return [
            f"    def stream(self, **options: Unpack[{options}]) -> {async_type}:",
            f'        """{doc}"""',
            f"        return _kinds.{opener}(self.model, self._client.settings, options)",
            "",
        ]
    return [
        f"    def stream(self, **options: Unpack[{options}]) -> {sync_type}:",
        f'        """{_doc(_STREAM_DOCS[ws["body_kind"]], "        ")}"""',
        f"        return _kinds.{opener}_sync(self.model, self._client.settings, options)",
        "",
    ]


def _clients(models: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]]) -> list[str]:
    """The client attributes: a mixin for `Client`/`AsyncClient`, and the raw namespaces."""
    lines: list[str] = []
    for mode in ("sync", "async"):
        prefix = "Async" if mode == "async" else ""
        requester = "AsyncRequester" if mode == "async" else "SyncRequester"
        lines += [
            f"class {prefix}ModelNamespaces:",
            f'    """Every model\'s namespace on `{prefix}Client`, one attribute per model of'
            ' openapi.yaml."""',
            "",
        ]
        lines += [f"    {attribute_name(m)}: {prefix}{class_name(m)}" for m, _, _ in models]
        lines += [
            "",
            f"    def _attach_models(self, client: {requester}) -> None:",
        ]
        for model, rest, ws in models:
            opid = (rest or ws or {})["operation_id"]
            lines.append(
                f"        self.{attribute_name(model)} = {prefix}{class_name(model)}"
                f"(client, OPERATIONS[{opid!r}].model)"
            )
        lines += ["", ""]
        owner = "async_client" if mode == "async" else "client"
        lines += [
            f"class {prefix}ClientWithRawResponse:",
            f'    """`{owner}.with_raw_response.<model>.transcribe(...)` → `RawResponse`."""',
            "",
            f"    def __init__(self, client: {prefix}ModelNamespaces) -> None:",
        ]
        raw = [m for m, rest, _ in models if rest is not None]
        lines += [
            f"        self.{attribute_name(m)} = client.{attribute_name(m)}.with_raw_response"
            for m in raw
        ]
        lines += ["", ""]
    return lines


def sdk_module_source(spec: dict[str, Any], ops: list[dict[str, Any]]) -> str:
    """The text of ``cfasr_ext/models/_generated.py`` (before ``ruff format``)."""
    by_model: dict[str, dict[str, dict[str, Any]]] = {}
    for op in ops:
        raw = spec["paths"][op["path"]][op["method"]]
        op = {
            **op,
            "summary_text": raw.get("summary", ""),
            "description_text": raw.get("description", ""),
        }
        by_model.setdefault(op["model"], {})[op["transport"]] = op
    models = [(m, t.get("rest"), t.get("websocket")) for m, t in by_model.items()]
    rest_ops = [r for _, r, _ in models if r is not None]
    results = sorted({r["result"] for r in rest_ops})
    option_types = sorted(_options_type(r["operation_id"]) for r in rest_ops)
    stream_kinds = [w["body_kind"] for _, _, w in models if w is not None]
    stream_names = sorted({name for kind in stream_kinds for name in _STREAM_TYPES[kind][:3]})
    lines = [
        '"""Every model\'s namespace: typed `transcribe`/`run_config`/`stream` faces and the',
        "client attributes. Generated by scripts/regenerate from openapi.yaml: do not edit;",
        "edit the spec and run `make regen`. The work is done by the builder of each",
        "operation's body kind in `cfasr_ext.models._kinds`.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from collections.abc import Mapping",
        "from typing import TYPE_CHECKING, Any, Literal, NoReturn, Unpack",
        "",
        "from cfasr_client.contract import OPERATIONS",
        f"from cfasr_client.contract.options import {', '.join(option_types)}",
        f"from cfasr_client.models import {', '.join(results)}",
        "",
        "from cfasr_ext._audio_sources import AudioSource",
        "from cfasr_ext._http import Call",
        "from cfasr_ext._options import document_options",
        "from cfasr_ext._unchecked import ExtraBody, ExtraQuery",
        "from cfasr_ext.models import _kinds",
        "from cfasr_ext.models._method import (",
        "    AsyncNamespace,",
        "    AsyncRequester,",
        "    SyncNamespace,",
        "    SyncRequester,",
        "    async_method,",
        "    async_raw_method,",
        "    sync_method,",
        "    sync_raw_method,",
        ")",
        "from cfasr_ext.models.batch import AsyncBatch, SyncBatch",
        "",
        "if TYPE_CHECKING:  # streaming (websockets, asyncio) loads on the first stream()",
        f"    from cfasr_ext.streaming import {', '.join(stream_names)}",
        "",
        "__all__ = [",
        '    "TRANSCRIBE_BUILDERS",',
        '    "AsyncClientWithRawResponse",',
        '    "AsyncModelNamespaces",',
        '    "ClientWithRawResponse",',
        '    "ModelNamespaces",',
        "]",
        "",
        "",
    ]
    for rest in rest_ops:
        lines += _builder(rest)
    for model, rest, ws in models:
        lines += _namespace(model, rest, ws)
    lines += _clients(models)
    lines += [
        "TRANSCRIBE_BUILDERS: dict[str, Any] = {",
        *(
            f"    OPERATIONS[{r['operation_id']!r}].model: build_{_snake(r['operation_id'])},"
            for r in rest_ops
            if r["body_kind"] in _AUDIO_KINDS
        ),
        "}",
        '"""The builder behind `client.transcribe(model=...)`, by model id."""',
        "",
    ]
    return "\n".join(lines)
