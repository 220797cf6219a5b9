"""Run the engine for one request: admission, decoding and recognition off the event loop.

Failures become API errors: audio that cannot be decoded is 400 / 5006 (never a 500), a
full engine queue is 429 / 3040, recognition past the engine's deadline 408 / 3007 (the
request's slot is free again when the answer is sent).
"""

from __future__ import annotations

import asyncio
from typing import Any

import attrs

from . import error_envelope
from .context import EmulatorContext
from .engine import (
    AudioDecodeError,
    AudioTooLong,
    DecodeOptions,
    EngineBusy,
    EngineResult,
    InferenceTimeout,
    ModelName,
    RawEncoding,
    decode_audio,
    decode_raw,
    speech_regions,
)


@attrs.frozen
class RawFormat:
    """Headerless audio, described by nova-3's ``encoding``/``sample_rate``/``channels``."""

    encoding: RawEncoding
    sample_rate: int
    channels: int = 1


def _decode(data: bytes, raw: RawFormat | None, max_seconds: float) -> Any:
    if raw is None:
        return decode_audio(data, max_seconds=max_seconds)
    return decode_raw(
        data,
        encoding=raw.encoding,
        sample_rate=raw.sample_rate,
        channels=raw.channels,
        max_seconds=max_seconds,
    )


async def recognise(
    ctx: EmulatorContext,
    data: bytes,
    *,
    model: ModelName,
    request_id: str,
    options: DecodeOptions,
    raw: RawFormat | None = None,
    hotwords: str | None = None,
    regions: list[tuple[float, float]] | None = None,
) -> EngineResult:
    """Decode ``data`` and transcribe it with the local ``model`` and decoding ``options``
    (``hotwords``: nova-3's key terms).

    Pass a list as ``regions`` to have it filled with the clip's VAD speech regions
    (seconds), e.g. for utterance splitting.
    """
    admission = ctx.engine.try_admit()
    if admission is None:
        raise error_envelope.out_of_capacity()
    try:
        try:
            samples = await asyncio.to_thread(_decode, data, raw, ctx.config.max_audio_seconds)
            if regions is not None:
                regions.extend(await asyncio.to_thread(speech_regions, samples))
        except AudioTooLong as exc:
            raise error_envelope.audio_too_long(exc.limit_s, request_id) from None
        except AudioDecodeError as exc:
            raise error_envelope.bad_input(
                f"the body is not audio that can be decoded: {exc.message}", request_id
            ) from None
        try:
            return await asyncio.to_thread(
                lambda: ctx.engine.transcribe(
                    samples,
                    model=model,
                    options=options,
                    hotwords=hotwords,
                    admission=admission,
                )
            )
        except AudioDecodeError as exc:
            raise error_envelope.bad_input(exc.message, request_id) from None
        except EngineBusy:
            raise error_envelope.out_of_capacity() from None
        except InferenceTimeout as exc:
            raise error_envelope.inference_timeout(f"{exc} ({request_id})") from None
        except ValueError as exc:
            raise error_envelope.bad_input(str(exc), request_id) from None
    finally:
        admission.release()
