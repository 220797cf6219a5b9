"""Run the engine once per channel of a request, for nova-3's ``multichannel=true``.

The counterpart of ``recognise.recognise`` (which mixes the channels down first): one engine
slot is admitted for the whole request, the audio is decoded keeping its channels, and each
channel is transcribed on its own, in order, in that slot, so a stereo request costs one
queue place, as one Deepgram request does. Failures become the same API errors as there.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from cfasr_client.contract import OPERATIONS

from . import error_envelope
from .context import EmulatorContext
from .engine import (
    AudioDecodeError,
    AudioTooLong,
    DecodeOptions,
    EngineBusy,
    EngineResult,
    ModelName,
    speech_regions,
)
from .engine.decode_channels import decode_audio_channels, decode_raw_channels
from .recognise import RawFormat

_CHANNELS = OPERATIONS["runNova3"].get("channels")
assert _CHANNELS is not None
MAX_CHANNELS = int(dict(_CHANNELS.emulator_limits)["maximum"])  # type: ignore[call-overload]
"""The most channels one request may have (the spec's ``channels`` maximum, an emulator
limit): each costs a transcription, so a container declaring more is refused rather than
heard."""


@attrs.frozen
class ChannelRecognition:
    """What the engine heard on one channel, and where VAD found speech (seconds)."""

    result: EngineResult
    regions: tuple[tuple[float, float], ...] = ()


@contextlib.contextmanager
def _as_api_errors(request_id: str) -> Iterator[None]:
    try:
        yield
    except AudioTooLong as exc:
        raise error_envelope.audio_too_long(exc.limit_s, request_id) from None
    except AudioDecodeError as exc:
        raise error_envelope.bad_input(
            f"the body is not audio that can be decoded: {exc.message}", request_id
        ) from None
    except EngineBusy:
        raise error_envelope.out_of_capacity() from None
    except ValueError as exc:
        raise error_envelope.bad_input(str(exc), request_id) from None


def _decode(data: bytes, raw: RawFormat | None, max_seconds: float) -> Sequence[Any]:
    if raw is None:
        return decode_audio_channels(data, max_channels=MAX_CHANNELS, max_seconds=max_seconds)
    return decode_raw_channels(
        data,
        encoding=raw.encoding,
        sample_rate=raw.sample_rate,
        channels=raw.channels,
        max_seconds=max_seconds,
    )


async def recognise_channels(
    ctx: EmulatorContext,
    data: bytes,
    *,
    model: ModelName,
    request_id: str,
    options: DecodeOptions,
    raw: RawFormat | None = None,
    hotwords: str | None = None,
    with_regions: bool = False,
) -> list[ChannelRecognition]:
    """Decode ``data`` keeping its channels and transcribe each with the local ``model``.

    ``with_regions`` also finds each channel's VAD speech regions (for utterances).
    """
    admission = ctx.engine.try_admit()
    if admission is None:
        raise error_envelope.out_of_capacity()
    try:
        with _as_api_errors(request_id):
            channels = await asyncio.to_thread(_decode, data, raw, ctx.config.max_audio_seconds)
        heard: list[ChannelRecognition] = []
        for samples in channels:
            with _as_api_errors(request_id):
                regions = (
                    tuple(await asyncio.to_thread(speech_regions, samples)) if with_regions else ()
                )
                result = await asyncio.to_thread(
                    functools.partial(
                        ctx.engine.transcribe,
                        samples,
                        model=model,
                        options=options,
                        hotwords=hotwords,
                        admission=admission,
                    )
                )
            heard.append(ChannelRecognition(result, regions))
        return heard
    finally:
        admission.release()
