"""`client.audio.transcriptions.create(...)` in every response format, against both servers."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cfasr_emulator.engine import WEATHER
from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext.subtitles import parse_srt, parse_vtt
from tests.cfasr_openai.conftest import OpenAIServer
from tests.support.emulators import TOKEN

HEARD = "weather is nice today"


def _words(text: str) -> str:
    return " ".join(text.lower().replace(",", "").replace(".", "").split())


def transcribe(server: OpenAIServer, **kwargs: Any) -> Any:
    with WEATHER.path.open("rb") as audio:
        return server.client().audio.transcriptions.create(file=audio, **kwargs)


def test_json_is_the_text_of_the_recording(openai_server: OpenAIServer) -> None:
    result = transcribe(openai_server, model="whisper-1")
    assert HEARD in _words(result.text)


def test_text_is_the_plain_text(openai_server: OpenAIServer) -> None:
    result = transcribe(openai_server, model="whisper-1", response_format="text")
    assert isinstance(result, str)
    assert HEARD in _words(result)


@pytest.mark.parametrize(("response_format", "parse"), [("srt", parse_srt), ("vtt", parse_vtt)])
def test_subtitles_are_timed_cues_of_the_words(
    openai_server: OpenAIServer, response_format: str, parse: Any
) -> None:
    result = transcribe(openai_server, model="whisper-1", response_format=response_format)
    cues = parse(result)
    assert cues, result
    assert HEARD in _words(" ".join(cue.text for cue in cues))
    assert all(0 <= cue.start < cue.end <= WEATHER.duration + 0.5 for cue in cues)


def test_verbose_json_has_language_duration_and_segments(openai_server: OpenAIServer) -> None:
    result = transcribe(openai_server, model="whisper-1", response_format="verbose_json")
    assert result.language == "english"  # OpenAI's name for it, not the code
    assert result.duration == pytest.approx(WEATHER.duration, abs=0.3)
    assert result.segments
    assert result.words is None  # only segments were asked for
    first = result.segments[0]
    assert first.id == 0
    assert 0 <= first.start < first.end
    assert HEARD in _words(" ".join(s.text for s in result.segments))


@pytest.mark.parametrize(
    "granularities", [["word"], ["segment"], ["word", "segment"]], ids=lambda g: "+".join(g)
)
def test_timestamp_granularities_choose_words_and_segments(
    openai_server: OpenAIServer, granularities: list[str]
) -> None:
    result = transcribe(
        openai_server,
        model="whisper-1",
        response_format="verbose_json",
        timestamp_granularities=granularities,
    )
    assert (result.words is not None) == ("word" in granularities)
    assert (result.segments is not None) == ("segment" in granularities)
    if result.words is not None:
        words = result.words
        assert HEARD in _words(" ".join(w.word for w in words))
        assert all(a.start <= b.start for a, b in itertools.pairwise(words))


@pytest.mark.parametrize("model", ["whisper-tiny-en", "@cf/openai/whisper", "nova-3"])
def test_workers_ai_ids_and_short_names_pass_through(
    openai_server: OpenAIServer, model: str
) -> None:
    result = transcribe(openai_server, model=model)
    assert "weather" in _words(result.text)


def test_prompt_reaches_turbo_and_temperature_is_reported_not_applied(
    openai_server: OpenAIServer,
) -> None:
    with WEATHER.path.open("rb") as audio:
        raw = openai_server.client().audio.transcriptions.with_raw_response.create(
            file=audio, model="whisper-1", prompt="Weather report.", temperature=0.2
        )
    assert raw.headers["cfasr-not-applied"] == "temperature"
    assert HEARD in _words(raw.parse().text)


def test_models_lists_whisper_1_and_the_workers_ai_ids(openai_server: OpenAIServer) -> None:
    ids = [model.id for model in openai_server.client().models.list()]
    assert ids[0] == "whisper-1"
    assert "@cf/deepgram/nova-3" in ids
    assert "@cf/deepgram/flux" not in ids  # flux transcribes no files


def test_the_emulator_ignores_an_ai_gateway_set_for_other_clients(
    speech_emulator: EmulatorHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's `CLOUDFLARE_AI_GATEWAY_ID` is for their own clients: the emulator's `/v1`
    answers from its own engine, not by calling Cloudflare's gateway."""
    monkeypatch.setenv("CLOUDFLARE_AI_GATEWAY_ID", "users-gateway")
    server = OpenAIServer(
        "emulator", f"http://127.0.0.1:{speech_emulator.port}/v1", TOKEN, speech_emulator
    )
    result = transcribe(server, model="whisper-1")
    assert HEARD in _words(result.text)
