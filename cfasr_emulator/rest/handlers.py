"""The handler of each REST body kind: whisper's byte array or raw audio, turbo's base64
JSON, nova-3's raw audio with query options, and flux's refusal; each also batches.

Whatever costs time in proportion to the body (JSON parsing, the byte-array and base64
audio inputs, hashing) runs in a worker thread, so one big body never stalls the event loop
and every other request and stream with it.
"""

from __future__ import annotations

import asyncio
import datetime
import functools
import hashlib
from typing import Any

import attrs

from cfasr_contract import BodyKind

from .. import error_envelope
from ..batches import BatchItemInput
from ..engine import (
    PROBED_ENCODINGS,
    DecodeOptions,
    ModelName,
    choose_model,
    is_raw_encoding,
    supported_languages,
    undecodable_encoding,
)
from . import inputs, nova3_input, turbo_input, whisper_input
from .call import (
    Handler,
    Outcome,
    RestCall,
    batch_item,
    batch_poll,
    batch_requests,
    batch_submit,
    item_reference,
)
from .recognise import RawFormat, recognise
from .results import nova3_channels_result, turbo_result, whisper_result

STREAM_FROM_BYTES = 64 * 1024
"""Turbo bodies from this size on are decoded piece by piece as they arrive, in a thread
(the event loop keeps serving); smaller ones are parsed whole, on the loop, as they always
were."""


# --- whisper and whisper-tiny-en ----------------------------------------------------------

_LOCAL_OPTIONS = DecodeOptions.for_local_models()


async def _whisper_audio(call: RestCall, audio: bytes) -> Outcome:
    model: ModelName = choose_model(call.model)
    ((result, _),) = await recognise(
        call.ctx, audio, model=model, request_id=call.request_id, options=_LOCAL_OPTIONS
    )
    return Outcome(whisper_result(result), result.duration, result.recognition_skipped)


def _whisper_batch_audio(call: RestCall, doc: dict[str, Any]) -> list[tuple[bytes, str | None]]:
    return [
        (
            whisper_input.whisper_audio(item, call.request_id, f"/requests/{index}"),
            item_reference(item),
        )
        for index, item in enumerate(batch_requests(call, doc))
    ]


async def run_whisper(call: RestCall) -> Outcome:
    """Raw audio body, or JSON ``{"audio": [bytes]}``; batches with ``queueRequest=true``."""
    if not inputs.is_json(call.content_type):
        if call.queued:
            return batch_submit(
                call, [batch_item(call, lambda: _whisper_audio(call, call.body), None)]
            )
        return await _whisper_audio(call, call.body)
    plain = await asyncio.to_thread(whisper_input.byte_array_audio, call.body, call.request_id)
    if plain is not None:  # {"audio": [...]} alone, parsed without holding the GIL long
        if call.queued:
            run = functools.partial(_whisper_audio, call, plain)
            return batch_submit(call, [batch_item(call, run, None)])
        return await _whisper_audio(call, plain)
    doc = inputs.require_object(await call.parse_json(), call.request_id)
    if call.queued and "request_id" in doc:
        return batch_poll(call, doc)
    if call.queued and "requests" in doc:
        audios = await asyncio.to_thread(_whisper_batch_audio, call, doc)
        items = [
            batch_item(call, functools.partial(_whisper_audio, call, audio), ref)
            for audio, ref in audios
        ]
        return batch_submit(call, items)
    audio = await asyncio.to_thread(whisper_input.whisper_audio, doc, call.request_id)
    if call.queued:
        return batch_submit(call, [batch_item(call, lambda: _whisper_audio(call, audio), None)])
    return await _whisper_audio(call, audio)


# --- whisper-large-v3-turbo ---------------------------------------------------------------


async def _turbo(call: RestCall, request: turbo_input.TurboRequest) -> Outcome:
    ((result, _),) = await recognise(
        call.ctx,
        request.audio,
        model=choose_model(call.model),
        request_id=call.request_id,
        options=request.options,
    )
    return Outcome(turbo_result(result), result.duration, result.recognition_skipped)


async def run_turbo(call: RestCall) -> Outcome:
    """JSON with base64 ``audio`` and faster-whisper options; batches with queueRequest."""
    if not (inputs.is_json(call.content_type) or call.body.lstrip()[:1] in (b"{", b"[")):
        raise error_envelope.bad_input(
            "Type mismatch of '/', 'binary' not in 'object': whisper-large-v3-turbo takes a "
            'JSON body {"audio": "<base64 of the audio file>"}',
            call.request_id,
        )
    audio: bytes | None = None
    streamed = None
    if len(call.body) >= STREAM_FROM_BYTES and call.turbo_feeder is not None:
        streamed = await call.turbo_feeder.finish()
    if streamed is None:  # Small, or not the common shape: the full parse answers it exactly.
        doc = inputs.require_object(await call.parse_json(), call.request_id)
    else:
        doc, audio = streamed.doc, streamed.audio
    languages = supported_languages()
    if call.queued and "request_id" in doc:
        return batch_poll(call, doc)
    if call.queued and "requests" in doc:
        requests = await asyncio.to_thread(
            lambda: [
                turbo_input.turbo_request(item, call.request_id, languages, f"/requests/{index}")
                for index, item in enumerate(batch_requests(call, doc))
            ]
        )
        items = [
            batch_item(call, functools.partial(_turbo, call, request), request.external_reference)
            for request in requests
        ]
        return batch_submit(call, items)
    request = await asyncio.to_thread(
        functools.partial(
            turbo_input.turbo_request, doc, call.request_id, languages, decoded_audio=audio
        )
    )
    if call.queued:
        return batch_submit(call, [batch_item(call, lambda: _turbo(call, request), None)])
    return await _turbo(call, request)


# --- nova-3 -------------------------------------------------------------------------------


def _nova3_raw(options: nova3_input.Nova3Options, request_id: str) -> RawFormat | None:
    encoding = options.encoding
    if encoding is None or encoding in PROBED_ENCODINGS:
        return None
    if not is_raw_encoding(encoding):
        raise error_envelope.bad_input(undecodable_encoding(encoding), request_id)
    if options.sample_rate is None:
        raise error_envelope.bad_input(
            f"sample_rate is required with encoding={encoding}", request_id
        )
    return RawFormat(encoding, options.sample_rate, options.channels)


async def _nova3_audio(
    call: RestCall, options: nova3_input.Nova3Options, raw: RawFormat | None
) -> Outcome:
    created = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
    language = options.whisper_language
    model = choose_model(call.model, language=language, detect_language=options.detects)
    decode = attrs.evolve(_LOCAL_OPTIONS, language=language)
    # One result per channel with multichannel=true; otherwise one, of the mixed-down audio.
    heard = await recognise(
        call.ctx,
        call.body,
        model=model,
        request_id=call.request_id,
        raw=raw,
        multichannel=options.multichannel,
        options=decode,
        hotwords=options.hotwords,
        with_regions=options.utterances or options.paragraphs,
        diarize=options.diarize,
    )
    # Off the event loop: search, replace and paragraphs work over every word heard.
    body = await asyncio.to_thread(
        functools.partial(
            nova3_channels_result,
            heard,
            options=options,
            request_id=call.request_id,
            sha256=hashlib.sha256(call.body).hexdigest(),
            created=created.replace("+00:00", "Z"),
        )
    )
    duration = max(channel.result.duration for channel in heard)
    skipped = any(channel.result.recognition_skipped for channel in heard)
    return Outcome(body, duration, skipped)


def _nova3_batch_items(call: RestCall, doc: dict[str, Any]) -> list[BatchItemInput]:
    """A JSON batch of nova-3 items, each checked now (audio and options) and run later."""
    items = []
    for index, raw_item in enumerate(batch_requests(call, doc)):
        item = nova3_input.nova3_batch_item(raw_item, call.request_id, f"/requests/{index}")
        options = nova3_input.nova3_options(item.query, call.request_id)
        raw = _nova3_raw(options, call.request_id)
        item_call = attrs.evolve(
            call, body=item.audio, content_type=item.content_type, query=item.query
        )
        run = functools.partial(_nova3_audio, item_call, options, raw)
        items.append(batch_item(call, run, item.external_reference))
    return items


async def run_nova3(call: RestCall) -> Outcome:
    """Raw audio body with its MIME type; Deepgram options in the query string."""
    if inputs.is_json(call.content_type):
        doc = await call.parse_json()
        if call.queued and isinstance(doc, dict) and "request_id" in doc:
            return batch_poll(call, doc)
        if call.queued and isinstance(doc, dict) and "requests" in doc:
            return batch_submit(call, await asyncio.to_thread(_nova3_batch_items, call, doc))
        raise error_envelope.bad_input(
            "required properties at '/audio' are 'body,contentType'", call.request_id
        )
    options = nova3_input.nova3_options(call.query, call.request_id)
    raw = _nova3_raw(options, call.request_id)
    if call.queued:
        return batch_submit(
            call, [batch_item(call, lambda: _nova3_audio(call, options, raw), None)]
        )
    return await _nova3_audio(call, options, raw)


# --- flux ---------------------------------------------------------------------------------


async def run_flux(call: RestCall) -> Outcome:
    """Flux has no audio input over REST (facts sheet §9): always 400 / 5006, explained."""
    raise error_envelope.bad_input(
        "@cf/deepgram/flux takes no audio over REST: it is a real-time model. Open a "
        "WebSocket instead (GET with 'Upgrade: websocket' to this URL, e.g. "
        "?encoding=linear16&sample_rate=16000) and stream the audio as binary frames",
        call.request_id,
    )


HANDLERS: dict[BodyKind, Handler] = {
    "byte-array-json": run_whisper,
    "base64-json": run_turbo,
    "raw-audio": run_nova3,
    "config-json": run_flux,
}
"""The handler of each REST body kind (openapi.yaml's ``x-cfasr-body-kind``): a model whose
kind is known is served as soon as the spec lists it."""
