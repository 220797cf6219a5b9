from __future__ import annotations

import functools
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cfasr_emulator.engine import TWO_SENTENCES, WEATHER, SpeechEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator

SPEC_PATH = Path(__file__).resolve().parents[3] / "openapi.yaml"

V1_SCHEMAS = {
    "Results": "Nova3ResultsMessage",
    "Metadata": "Nova3MetadataMessage",
    "UtteranceEnd": "Nova3UtteranceEndMessage",
    "SpeechStarted": "Nova3SpeechStartedMessage",
}
V2_SCHEMAS = {
    "Connected": "FluxConnected",
    "TurnInfo": "FluxTurnInfo",
    "ConfigureSuccess": "FluxConfigureSuccess",
    "ConfigureFailure": "FluxConfigureFailure",
    "Error": "FluxError",
}
IDLE_TIMEOUT_S = 0.6
MAX_SESSIONS = 3


@functools.cache
def _components() -> dict[str, Any]:
    return dict(yaml.safe_load(SPEC_PATH.read_text())["components"])


def assert_valid(message: dict[str, Any]) -> None:
    """Validate a server message against its openapi.yaml schema (picked by ``type``)."""
    name = {**V1_SCHEMAS, **V2_SCHEMAS}[message["type"]]
    schema = {"$ref": f"#/components/schemas/{name}", "components": _components()}
    jsonschema.Draft202012Validator(schema).validate(message)


def read_pcm(path: Path) -> bytes:
    with wave.open(str(path)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (16000, 1, 2)
        return bytes(w.readframes(w.getnframes()))


def chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.fixture(scope="session")
def engine() -> SpeechEngine:
    speech = SpeechEngine(max_queue=8)
    speech.preload("tiny.en")
    return speech


@pytest.fixture(scope="session")
def weather_pcm() -> bytes:
    return read_pcm(WEATHER.path)


@pytest.fixture(scope="session")
def two_sentences_pcm() -> bytes:
    return read_pcm(TWO_SENTENCES.path)


@pytest.fixture(scope="module")
def emulator(engine: SpeechEngine) -> Iterator[EmulatorHandle]:
    with run_emulator(
        engine=engine,
        idle_timeout_s=IDLE_TIMEOUT_S,
        faults_enabled=True,
        max_ws_sessions=MAX_SESSIONS,
        token="secret-token",
    ) as handle:
        yield handle
