"""`stream=true`: the file is decoded and sent over nova-3's WebSocket, and each final result
becomes a server-sent `transcript.text.delta` event, then one `transcript.text.done`.

The session is opened before the 200 is sent, so a refused handshake (a 429, a bad token)
still reaches the caller as an OpenAI error with its status. Once events flow, a failure can
only be reported in the stream: as `data: {"error": {...}}`, which openai-python raises.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.responses import StreamingResponse

from cfasr_ext import AsyncClient, CfasrError
from cfasr_ext.streaming import AsyncNova3Stream, Results

from .errors import OpenAIError, from_cfasr_error
from .form import AudioForm

__all__ = ["SAMPLE_RATE", "stream_response"]

logger = logging.getLogger("cfasr_openai")

SAMPLE_RATE = 16000
"""The linear16 rate the upload is decoded to: what nova-3 is tuned for."""


def _event(body: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n".encode()


async def stream_response(
    client: AsyncClient,
    form: AudioForm,
    options: dict[str, Any],
    headers: dict[str, str],
) -> StreamingResponse:
    """Open a nova-3 session (errors here are ordinary OpenAI errors), then stream its
    words. nova-3 is the one model that both takes files and streams
    (`model_names.STREAMING_MODEL`)."""
    session = client.nova_3.stream(encoding="linear16", sample_rate=SAMPLE_RATE, **options)
    try:
        await session.connect()
    except CfasrError as error:
        raise from_cfasr_error(error) from None
    return StreamingResponse(
        _events(session, form), media_type="text/event-stream", headers=headers
    )


async def _send_all(session: AsyncNova3Stream, form: AudioForm) -> None:
    """Send the whole file, then CloseStream; on a failure (audio that will not decode),
    drop the session so the event loop ends and the failure is reported."""
    try:
        await session.send_file(form.file)
    except BaseException:
        await session.abort()
        raise
    await session.close()


async def _events(session: AsyncNova3Stream, form: AudioForm) -> AsyncIterator[bytes]:
    sender = asyncio.create_task(_send_all(session, form))
    pieces: list[str] = []
    try:
        async for event in session:
            if isinstance(event, Results) and event.is_final and event.transcript:
                delta = (" " if pieces else "") + event.transcript
                pieces.append(delta)
                yield _event({"type": "transcript.text.delta", "delta": delta})
        await sender
    except CfasrError as error:
        yield _event(from_cfasr_error(error).body())
        return
    except OpenAIError as error:
        yield _event(error.body())
        return
    except Exception as error:  # the 200 is sent: the stream is the only place left to say so
        logger.exception("stream=true transcription failed", exc_info=error)
        yield _event(OpenAIError(500, "The gateway failed while streaming.").body())
        return
    finally:
        if not sender.done():
            sender.cancel()
            await session.abort()
    yield _event({"type": "transcript.text.done", "text": "".join(pieces)})
