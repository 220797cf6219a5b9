"""Run the engine for one request: admission, decoding and recognition off the event loop.

One path for every REST recognition of a whole recording. A recording is a list of
channels: mixed down to one for Whisper and for nova-3 without ``multichannel``, kept
apart with nova-3's ``multichannel=true``. One engine slot is admitted for the whole
request and each channel is transcribed on its own, in order, in that slot, so a stereo
request costs one queue place, as one Deepgram request does. A queued batch's item is
admitted as background work, after interactive requests (``engine/admission.py``).

Failures become API errors, whatever the channel count: audio that cannot be decoded is
400 / 5006 (never a 500), a full engine queue 429 / 3040, recognition past the engine's
deadline 408 / 3007 (the request's slot is free again when the answer is sent). A client
that disconnects meanwhile (``abandon.py``) has its work dropped from the queue or stopped at
the next decoder step (one not yet begun stops before its first).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import attrs
from cfasr_client.contract.params import RunNova3Params

from .. import error_envelope
from ..batches import running_batch_item
from ..context import EmulatorContext
from ..engine import (
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
from ..engine.decode import FloatAudio
from ..engine.decode_channels import decode_audio_channels, decode_raw_channels
from .abandon import client_gone

_CHANNELS = RunNova3Params.OPERATION.get(attrs.fields(RunNova3Params).channels.name)
assert _CHANNELS is not None
_MAXIMUM = dict(_CHANNELS.emulator_limits)["maximum"]
assert isinstance(_MAXIMUM, int)
MAX_CHANNELS = _MAXIMUM
"""The most channels one ``multichannel`` request may have (the spec's ``channels``
maximum, an emulator limit): each costs a transcription, so a container declaring more is
refused rather than heard."""


@attrs.frozen
class RawFormat:
    """Headerless audio, described by nova-3's ``encoding``/``sample_rate``/``channels``."""

    encoding: RawEncoding
    sample_rate: int
    channels: int = 1


class ChannelRecognition(NamedTuple):
    """What the engine heard on one channel, and where VAD found speech (seconds): the
    (result, regions) pair ``results.nova3_channels_result`` takes."""

    result: EngineResult
    regions: tuple[tuple[float, float], ...] = ()


@contextlib.contextmanager
def _decoding_errors(request_id: str) -> Iterator[None]:
    """The body's failures while it is decoded: too long (413-style) or not audio (5006)."""
    try:
        yield
    except AudioTooLong as exc:
        raise error_envelope.audio_too_long(exc.limit_s, request_id) from None
    except AudioDecodeError as exc:
        raise error_envelope.bad_input(
            f"the body is not audio that can be decoded: {exc.message}", request_id
        ) from None
    except ValueError as exc:
        raise error_envelope.bad_input(str(exc), request_id) from None


@contextlib.contextmanager
def _engine_errors(request_id: str) -> Iterator[None]:
    """The engine's failures on decoded audio: its own refusals (5006), no slot (3040), the
    deadline (3007)."""
    try:
        yield
    except AudioDecodeError as exc:
        raise error_envelope.bad_input(exc.message, request_id) from None
    except EngineBusy:
        raise error_envelope.out_of_capacity() from None
    except InferenceTimeout as exc:
        raise error_envelope.inference_timeout(f"{exc} ({request_id})") from None
    except ValueError as exc:
        raise error_envelope.bad_input(str(exc), request_id) from None


def _decode(
    data: bytes, raw: RawFormat | None, multichannel: bool, max_seconds: float
) -> Sequence[FloatAudio]:
    """The recording's channels: one mixed down, or each apart with ``multichannel``."""
    if raw is None and multichannel:
        return decode_audio_channels(data, max_channels=MAX_CHANNELS, max_seconds=max_seconds)
    if raw is None:
        return [decode_audio(data, max_seconds=max_seconds)]
    if multichannel:
        return decode_raw_channels(
            data,
            encoding=raw.encoding,
            sample_rate=raw.sample_rate,
            channels=raw.channels,
            max_seconds=max_seconds,
        )
    return [
        decode_raw(
            data,
            encoding=raw.encoding,
            sample_rate=raw.sample_rate,
            channels=raw.channels,
            max_seconds=max_seconds,
        )
    ]


async def recognise(
    ctx: EmulatorContext,
    data: bytes,
    *,
    model: ModelName,
    request_id: str,
    options: DecodeOptions,
    raw: RawFormat | None = None,
    multichannel: bool = False,
    hotwords: str | None = None,
    with_regions: bool = False,
    diarize: bool = False,
) -> list[ChannelRecognition]:
    """Decode ``data`` and transcribe each channel with the local ``model`` and decoding
    ``options`` (``hotwords``: nova-3's key terms); one entry per channel, in order: a single
    one unless ``multichannel``.

    ``with_regions`` also finds each channel's VAD speech regions (for utterances);
    ``diarize`` attributes each word of each channel to a speaker (nova-3 ``diarize=true``).
    """
    background = running_batch_item()
    admission = ctx.engine.try_admit(background=background)
    if admission is None:
        raise error_envelope.out_of_capacity()
    if not background:  # a batch outlives the POST that queued it
        admission.cancelled = client_gone()
    try:
        with _decoding_errors(request_id):
            channels = await asyncio.to_thread(
                _decode, data, raw, multichannel, ctx.config.max_audio_seconds
            )
        heard: list[ChannelRecognition] = []
        for samples in channels:
            with _decoding_errors(request_id):
                regions = (
                    tuple(await asyncio.to_thread(speech_regions, samples)) if with_regions else ()
                )
            with _engine_errors(request_id):
                result = await asyncio.to_thread(
                    functools.partial(
                        ctx.engine.transcribe,
                        samples,
                        model=model,
                        options=options,
                        hotwords=hotwords,
                        diarize=diarize,
                        admission=admission,
                    )
                )
            heard.append(ChannelRecognition(result, regions))
        return heard
    finally:
        admission.release()
