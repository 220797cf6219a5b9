"""A `Transcript` → the body OpenAI sends for each `response_format`.

Text, SRT and WebVTT come from the SDK's own writers (`Transcript.to_srt`/`to_vtt`), so the
gateway's subtitles are the ones `cfasr transcribe --format srt` writes. A transcription's
`json` and `verbose_json` carry `usage` as openai-python's `UsageDuration` (seconds of audio:
how Workers AI bills these models too). `verbose_json` follows openai-python's
`TranscriptionVerbose`: `language` is the language's English name (`english`), as OpenAI
answers; segments unless only words were asked for,
words when asked for (with nova-3's speaker when diarized). Fields Workers AI does not
report for a model (a nova-3 segment's `avg_logprob`, say) are 0.0, and `tokens` is always
empty: no Workers AI model returns them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cfasr_client.models import TurboResult
from starlette.responses import JSONResponse, PlainTextResponse, Response

from cfasr_ext.transcript import Segment, Transcript, Word

from .form import AudioForm
from .languages import TRANSLATION_LANGUAGE, language_name

__all__ = ["response_for", "verbose_json"]


def response_for(
    transcript: Transcript, form: AudioForm, *, task: str, headers: dict[str, str]
) -> Response:
    """The response in `form.response_format`, with `headers` (e.g. what was not applied)."""
    kind = form.response_format
    if kind == "json":
        body: dict[str, Any] = {"text": transcript.text}
        if task == "transcribe":
            body["usage"] = _usage(transcript)
        return JSONResponse(body, headers=headers)
    if kind == "verbose_json":
        return JSONResponse(verbose_json(transcript, form, task=task), headers=headers)
    if kind == "srt":
        return PlainTextResponse(transcript.to_srt(), headers=headers)
    if kind == "vtt":
        return PlainTextResponse(transcript.to_vtt(), media_type="text/vtt", headers=headers)
    return PlainTextResponse(transcript.text + "\n", headers=headers)


def verbose_json(transcript: Transcript, form: AudioForm, *, task: str) -> dict[str, Any]:
    """openai-python's `TranscriptionVerbose` (and `TranslationVerbose`) layout."""
    code = transcript.language or form.language or ""
    body: dict[str, Any] = {
        "task": task,
        "language": TRANSLATION_LANGUAGE if task == "translate" else language_name(code),
        "duration": _duration(transcript),
        "text": transcript.text,
    }
    if task == "transcribe":  # openai-python's `TranslationVerbose` has no usage
        body["usage"] = _usage(transcript)
    if "segment" in form.granularities:
        extras = _turbo_segment_extras(transcript.raw, len(transcript.segments))
        body["segments"] = [
            _segment(number, segment, extras[number], form.temperature)
            for number, segment in enumerate(transcript.segments)
        ]
    if "word" in form.granularities:
        body["words"] = [_word(word) for word in transcript.words]
    return body


def _word(word: Word) -> dict[str, Any]:
    """OpenAI's word, plus the `speaker` index a diarized nova-3 result gives it (a member
    OpenAI's clients keep as an extra; its own diarizing model reports speakers elsewhere)."""
    body: dict[str, Any] = {"word": word.text, "start": word.start, "end": word.end}
    if word.speaker is not None:
        body["speaker"] = word.speaker
    return body


def _usage(transcript: Transcript) -> dict[str, Any]:
    """openai-python's `UsageDuration`: the seconds of audio transcribed."""
    return {"type": "duration", "seconds": _duration(transcript)}


def _duration(transcript: Transcript) -> float:
    if transcript.duration is not None:
        return transcript.duration
    ends = [word.end for word in transcript.words] + [s.end for s in transcript.segments]
    return max(ends, default=0.0)


def _segment(
    number: int, segment: Segment, extras: dict[str, float], temperature: float | None
) -> dict[str, Any]:
    return {
        "id": number,
        "seek": 0,
        "start": segment.start,
        "end": segment.end,
        "text": segment.text,
        "tokens": [],
        "temperature": extras.get("temperature", temperature or 0.0),
        "avg_logprob": extras.get("avg_logprob", 0.0),
        "compression_ratio": extras.get("compression_ratio", 0.0),
        "no_speech_prob": extras.get("no_speech_prob", 0.0),
    }


_TURBO_SEGMENT_FIELDS = ("temperature", "avg_logprob", "compression_ratio", "no_speech_prob")


def _turbo_segment_extras(raw: object, count: int) -> Sequence[dict[str, float]]:
    """Turbo's own per-segment decoding figures, when the transcript's segments are turbo's."""
    empty: list[dict[str, float]] = [{} for _ in range(count)]
    if not isinstance(raw, TurboResult) or raw.segments is None:
        return empty
    kept = [s for s in raw.segments if isinstance(s.text, str) and s.text.strip()]
    if len(kept) != count:
        return empty
    return [
        {
            name: float(value)
            for name in _TURBO_SEGMENT_FIELDS
            if isinstance(value := getattr(segment, name), int | float)
        }
        for segment in kept
    ]
