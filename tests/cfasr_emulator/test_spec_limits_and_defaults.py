"""The emulator follows openapi.yaml on what only it decides (issue 24): its own limits come
from the spec's x-cfasr-emulator-limits and emulator-limit bounds, a request that omits an
option runs with the spec's default, and a default that is only cfasr's SDK's (flux's
sample_rate) is not assumed by the emulator."""

from __future__ import annotations

import base64
import inspect
import io
import wave

import attrs
import pytest
import websockets
from cfasr_client.contract import EMULATOR_LIMITS, OPERATIONS

from cfasr_emulator.config import ServerConfig
from cfasr_emulator.engine import TWO_SENTENCES, DecodeOptions, Engine, NullEngine, SpeechEngine
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_emulator.ws.recognizer_v1 import ENDPOINTING_FLOOR_MS
from tests.cfasr_emulator.conftest import post
from tests.cfasr_emulator.ws.test_sockets import FLUX, connect

TURBO = "@cf/openai/whisper-large-v3-turbo"


def _padded_with_silence(seconds: float) -> bytes:
    """The two sentences with ``seconds`` of digital silence before and after: a voice
    activity filter drops the padding, an unfiltered decode keeps all of it."""
    with wave.open(str(TWO_SENTENCES.path), "rb") as source:
        params, frames = source.getparams(), source.readframes(source.getnframes())
    pad = bytes(int(seconds * params.framerate) * params.sampwidth * params.nchannels)
    out = io.BytesIO()
    with wave.open(out, "wb") as target:
        target.setparams(params)
        target.writeframes(pad + frames + pad)
    return out.getvalue()


def _info(emulator: EmulatorHandle, **options: object) -> dict[str, float]:
    audio = base64.b64encode(_padded_with_silence(5.0)).decode()
    response = post(emulator, TURBO, json={"audio": audio, "beam_size": 1, **options})
    assert response.status_code == 200, response.text
    info: dict[str, float] = response.json()["result"]["transcription_info"]
    return info


def test_turbo_without_vad_filter_runs_with_the_specs_false(emulator: EmulatorHandle) -> None:
    assert OPERATIONS["runWhisperLargeV3Turbo"].get("vad_filter").default is False  # type: ignore[union-attr]
    omitted = _info(emulator)
    # No voice-activity filter: the whole recording is decoded, its silent padding included.
    assert omitted["duration_after_vad"] == pytest.approx(omitted["duration"])
    filtered = _info(emulator, vad_filter=True)
    assert filtered["duration_after_vad"] < filtered["duration"] - 5


def _turbo_body() -> dict[str, object]:
    """Turbo's body options and the spec's default of each (None where it gives none)."""
    params = OPERATIONS["runWhisperLargeV3Turbo"].params
    return {p.name: p.default if p.has_default else None for p in params if p.location == "body"}


@pytest.mark.parametrize("engine", [Engine, SpeechEngine, NullEngine])
def test_the_engine_has_no_defaults_for_turbos_options(engine: type[Engine]) -> None:
    """A caller that omits an option cannot get an engine default the spec does not give."""
    parameters = inspect.signature(engine.transcribe).parameters.values()
    defaulted = {p.name for p in parameters if p.default is not inspect.Parameter.empty}
    assert not defaulted & set(_turbo_body()), defaulted
    assert "options" in {p.name for p in parameters}
    assert "options" not in defaulted


def test_decode_options_from_the_spec_are_turbos_defaults() -> None:
    # Every option of turbo's body, no more: a new one in the spec must be decided here.
    assert attrs.asdict(DecodeOptions.from_spec()) == _turbo_body()
    assert DecodeOptions.from_spec().vad_filter is False


def test_server_config_defaults_are_the_declared_limits() -> None:
    config = ServerConfig()
    fields = {field.name for field in attrs.fields(ServerConfig)}
    declared = {
        name: limit
        for name, limit in EMULATOR_LIMITS.items()
        if name in fields and isinstance(limit.value, int | float)
    }
    assert len(declared) >= 10
    for name, limit in declared.items():
        assert getattr(config, name) == limit.value, name


def test_the_endpointing_floor_is_the_declared_one() -> None:
    assert EMULATOR_LIMITS["endpointing_floor_ms"].value == ENDPOINTING_FLOOR_MS


def test_a_value_beyond_an_emulator_limit_is_refused_saying_whose_limit() -> None:
    with run_emulator(engine_mode="skip") as emu:
        response = post(emu, "@cf/deepgram/nova-3", params={"channels": "17"}, content=b"x")
    assert response.status_code == 400, response.text
    message = response.json()["errors"][0]["message"]
    assert "'/channels'" in message
    assert "cfasr emulator" in message


async def test_flux_without_sample_rate_is_refused_as_cloudflare_requires_it() -> None:
    with run_emulator(engine_mode="skip") as emu, pytest.raises(websockets.InvalidStatus) as caught:
        async with connect(emu, FLUX, "encoding=linear16"):
            pass
    assert caught.value.response.status_code == 400
    assert b"sample_rate" in caught.value.response.body
