"""openapi.yaml is valid and describes the eight operations the project was asked for."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from tests.conftest import ROOT

PREFIX = "/accounts/{account_id}/ai/run/"
REST_ERROR_STATUSES = {"400", "401", "403", "404", "408", "413", "422", "429", "500"}

# (method, model, request content types, success status) — this list is the test's own.
EXPECTED_OPERATIONS = [
    ("post", "@cf/openai/whisper", {"application/octet-stream", "application/json"}, "200"),
    ("post", "@cf/openai/whisper-tiny-en", {"application/octet-stream", "application/json"}, "200"),
    ("post", "@cf/openai/whisper-large-v3-turbo", {"application/json"}, "200"),
    (
        "post",
        "@cf/deepgram/nova-3",
        {"application/octet-stream", "audio/*", "application/json"},
        "200",
    ),
    ("post", "@cf/deepgram/flux", {"application/json"}, "200"),
    ("get", "@cf/deepgram/nova-3", set(), "101"),
    ("get", "@cf/deepgram/nova-3-internal", set(), "101"),
    ("get", "@cf/deepgram/flux", set(), "101"),
]


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    return loaded


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_spec_validates_against_the_openapi_schema(spec: dict[str, Any]) -> None:
    validate(spec)


def test_spec_has_exactly_the_eight_operations(spec: dict[str, Any]) -> None:
    found = {
        (method, path.removeprefix(PREFIX))
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "post", "put", "delete", "patch"}
    }
    assert found == {(m, model) for m, model, _, _ in EXPECTED_OPERATIONS}


@pytest.mark.parametrize(("method", "model", "content_types", "success"), EXPECTED_OPERATIONS)
def test_operation_has_its_content_types_and_responses(
    spec: dict[str, Any], method: str, model: str, content_types: set[str], success: str
) -> None:
    operation = spec["paths"][PREFIX + model][method]
    assert operation["tags"] == ["Workers AI Automatic Speech Recognition"]
    assert operation["operationId"]
    body = _resolve(spec, operation.get("requestBody", {}))
    assert set(body.get("content", {})) == content_types
    responses = set(operation["responses"])
    assert success in responses
    if method == "post":
        assert responses >= REST_ERROR_STATUSES or model == "@cf/deepgram/flux"
        assert {"400", "429"} <= responses
    else:
        assert "400" in responses


def test_operation_ids_are_unique(spec: dict[str, Any]) -> None:
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids)) == 8


def test_every_schema_and_property_has_a_description(spec: dict[str, Any]) -> None:
    missing = []
    for name, schema in spec["components"]["schemas"].items():
        if not schema.get("description"):
            missing.append(name)
        for prop, sub in schema.get("properties", {}).items():
            if "$ref" not in sub and not sub.get("description"):
                missing.append(f"{name}.{prop}")
    assert missing == []


def test_every_parameter_has_a_description(spec: dict[str, Any]) -> None:
    missing = [
        f"{path} {p.get('name', p.get('$ref'))}"
        for path, item in spec["paths"].items()
        for op in item.values()
        for p in op.get("parameters", [])
        if not _resolve(spec, p).get("description")
    ]
    assert missing == []


def test_error_code_accepts_integer_and_string(spec: dict[str, Any]) -> None:
    code = spec["components"]["schemas"]["ErrorCode"]
    assert {alt["type"] for alt in code["oneOf"]} == {"integer", "string"}


def test_rate_limit_responses_carry_retry_after(spec: dict[str, Any]) -> None:
    assert "Retry-After" in spec["components"]["responses"]["TooManyRequests"]["headers"]


@pytest.mark.parametrize(
    "name",
    [
        "Nova3KeepAlive", "Nova3Finalize", "Nova3CloseStream", "FluxConfigure",
        "FluxForceEndTurn", "FluxCloseStream", "Nova3ResultsMessage", "Nova3MetadataMessage",
        "Nova3UtteranceEndMessage",
        "Nova3SpeechStartedMessage", "FluxConnected", "FluxTurnInfo", "FluxConfigureSuccess",
        "FluxConfigureFailure", "FluxError",
    ],
)  # fmt: skip
def test_websocket_message_schemas_are_components(spec: dict[str, Any], name: str) -> None:
    assert name in spec["components"]["schemas"]


def test_turbo_input_lists_every_option(spec: dict[str, Any]) -> None:
    props = spec["components"]["schemas"]["TurboInput"]["properties"]
    assert set(props) == {
        "audio", "task", "language", "vad_filter", "initial_prompt", "prefix", "beam_size",
        "condition_on_previous_text", "no_speech_threshold", "compression_ratio_threshold",
        "log_prob_threshold", "hallucination_silence_threshold", "options",
    }  # fmt: skip
    assert props["options"] == {"$ref": "#/components/schemas/RequestOptions"}


def test_reject_if_busy_travels_in_the_options_of_every_json_input(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    reject = schemas["RequestOptions"]["properties"]["rejectIfBusy"]
    assert reject["type"] == "boolean"
    for name in ("WhisperInput", "TurboInput", "FluxInput"):
        assert schemas[name]["properties"]["options"]["$ref"].endswith("/RequestOptions")


def test_nova3_keyterm_is_a_repeatable_query_parameter(spec: dict[str, Any]) -> None:
    keyterm = spec["components"]["parameters"]["Nova3Keyterm"]
    assert keyterm["in"] == "query"
    assert keyterm["explode"] is True
    assert keyterm["schema"]["type"] == "array"


REPEATABLE_NOVA3 = ["Nova3Redact", "Nova3Extra", "Nova3Replace", "Nova3Search"]
REPEATABLE_NOVA3 += ["Nova3CustomTopic", "Nova3CustomIntent", "Nova3Keyterm"]


@pytest.mark.parametrize("name", REPEATABLE_NOVA3)
def test_repeatable_nova3_options_are_exploded_arrays(spec: dict[str, Any], name: str) -> None:
    param = spec["components"]["parameters"][name]
    assert (param["in"], param["style"], param["explode"]) == ("query", "form", True)
    assert param["schema"]["type"] == "array"


def test_nova3_post_takes_tag_and_a_json_batch(spec: dict[str, Any]) -> None:
    post = spec["paths"][PREFIX + "@cf/deepgram/nova-3"]["post"]
    assert {"$ref": "#/components/parameters/Nova3Tag"} in post["parameters"]
    batch = post["requestBody"]["content"]["application/json"]["schema"]["oneOf"]
    assert {"$ref": "#/components/schemas/Nova3BatchRequest"} in batch
    item = spec["components"]["schemas"]["Nova3BatchItem"]
    assert {"audio", "external_reference"} <= set(item["properties"])


def test_results_describe_what_the_options_ask_for(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert "extra" in schemas["Nova3Metadata"]["properties"]
    for info in ("summary_info", "sentiment_info", "topics_info", "intents_info"):
        assert info in schemas["Nova3Metadata"]["properties"]
    assert "search" in schemas["Nova3Channel"]["properties"]
    assert {"entities", "summaries", "topics"} <= set(schemas["Nova3Alternative"]["properties"])
    assert {"topics", "intents", "sentiments", "summary"} <= set(
        schemas["Nova3Results"]["properties"]
    )
    assert "entities" in schemas["Nova3ResultsMessage"]["properties"]


def test_flux_configure_success_has_deepgrams_fields(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert set(schemas["FluxConfigureSuccess"]["required"]) == {
        "type", "request_id", "thresholds", "keyterms", "sequence_id",
    }  # fmt: skip
    kinds = [m["type"] for m in schemas["FluxConfigure"]["properties"]["keyterms"]["oneOf"]]
    assert kinds == ["string", "array"]


def test_ai_gateway_is_a_server_and_its_headers_stay_out_of_the_contract(
    spec: dict[str, Any],
) -> None:
    from cfasr_client.contract import OPERATIONS

    gateway = [s for s in spec["servers"] if "gateway.ai.cloudflare.com" in s["url"]]
    assert len(gateway) == 1
    assert set(gateway[0]["variables"]) == {"account_id", "gateway_id"}
    for path in spec["paths"].values():
        if "post" in path:
            names = {p["$ref"].rsplit("/", 1)[1] for p in path["post"]["parameters"]}
            assert {"AigAuthorization", "AigSkipCache", "AigMaxAttempts"} <= names
    catalog_names = {p.name for op in OPERATIONS.values() for p in op.params}
    assert not {n for n in catalog_names if n.lower().startswith("cf-aig")}
