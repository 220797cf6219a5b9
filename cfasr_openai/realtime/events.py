"""The server events of OpenAI's realtime transcription session, as plain JSON objects.

Shapes follow openai-python's `openai.types.realtime` models (the dev extra pins the
version the tests drive): `input_audio_buffer.*`, `conversation.item.input_audio_
transcription.*`, `session.*` and `error`. Every event gets a fresh `event_id`; items get
`item_...` ids, as OpenAI's do, so a client can tie deltas, commits and completions together.
"""

from __future__ import annotations

import secrets
from typing import Any

__all__ = [
    "RealtimeProblem",
    "cleared",
    "committed",
    "completed",
    "delta",
    "error",
    "failed",
    "new_id",
    "speech_started",
    "speech_stopped",
]

Event = dict[str, Any]


def new_id(prefix: str) -> str:
    """An id like OpenAI's (`event_…`, `item_…`, `sess_…`): unguessable, so one session
    cannot name another's items."""
    return f"{prefix}_{secrets.token_hex(10)}"


def _event(kind: str, **fields: Any) -> Event:
    return {"type": kind, "event_id": new_id("event"), **fields}


class RealtimeProblem(Exception):
    """A client mistake (or a failure) reported as an `error` event; `fatal` ones close the
    socket after the event, the others leave the session usable, as OpenAI's do."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        param: str | None = None,
        type: str = "invalid_request_error",
        event_id: str | None = None,
        fatal: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.param = param
        self.type = type
        self.event_id = event_id
        self.fatal = fatal


def error(problem: RealtimeProblem) -> Event:
    """OpenAI's `error` event: `{"type": "error", "error": {message, type, code, param,
    event_id}}`, `event_id` inside naming the client event at fault."""
    return _event(
        "error",
        error={
            "message": problem.message,
            "type": problem.type,
            "code": problem.code,
            "param": problem.param,
            "event_id": problem.event_id,
        },
    )


def speech_started(item_id: str, audio_start_ms: int) -> Event:
    return _event(
        "input_audio_buffer.speech_started", item_id=item_id, audio_start_ms=audio_start_ms
    )


def speech_stopped(item_id: str, audio_end_ms: int) -> Event:
    return _event("input_audio_buffer.speech_stopped", item_id=item_id, audio_end_ms=audio_end_ms)


def committed(item_id: str, previous_item_id: str | None) -> Event:
    return _event(
        "input_audio_buffer.committed", item_id=item_id, previous_item_id=previous_item_id
    )


def cleared() -> Event:
    return _event("input_audio_buffer.cleared")


def delta(item_id: str, text: str) -> Event:
    return _event(
        "conversation.item.input_audio_transcription.delta",
        item_id=item_id,
        content_index=0,
        delta=text,
    )


def completed(item_id: str, transcript: str, seconds: float) -> Event:
    """`usage` is by duration (`{"type": "duration", "seconds"}`): Workers AI bills the
    streaming models per audio minute, not per token."""
    return _event(
        "conversation.item.input_audio_transcription.completed",
        item_id=item_id,
        content_index=0,
        transcript=transcript,
        usage={"type": "duration", "seconds": round(max(seconds, 0.0), 3)},
    )


def failed(item_id: str, problem: RealtimeProblem) -> Event:
    return _event(
        "conversation.item.input_audio_transcription.failed",
        item_id=item_id,
        content_index=0,
        error={
            "message": problem.message,
            "type": problem.type,
            "code": problem.code,
            "param": problem.param,
        },
    )
