"""Limits and timeouts below the app, for any server cfasr runs on uvicorn: what uvicorn's
HTTP/1.1 and WebSocket protocols do not enforce, or enforce with a plain-text answer (or
none). Written once here and used by the gateway and the emulator (which sits above this
package); each server injects its own error bodies through :class:`GuardAnswers`, so the
emulator answers in Cloudflare's envelope and the gateway in OpenAI's error shape.

uvicorn builds one protocol object per connection, so the guard subclasses its h11 and
sans-I/O WebSocket protocols (:func:`guarded_protocols` binds them to a
:class:`GuardSettings` and the answers):

* **Request head size.** A request line over ``max_request_line_bytes`` gets 414, a header
  block over ``max_header_bytes`` or ``max_header_count`` lines gets 431. Counted as bytes
  arrive, before h11 or websockets parse them: websockets refused a request line over 8 KB
  with a response it never wrote, so the client hung.
* **Slow clients.** The whole head must arrive within ``header_timeout_s`` (slow-loris, or a
  connection that sends nothing), a body that stops arriving for ``body_timeout_s`` gets 408,
  an idle keep-alive connection closes after ``keep_alive_timeout_s``, an upgrade must be
  answered within ``ws_handshake_timeout_s``.
* **Body size.** A declared ``Content-Length`` over ``max_body_bytes`` gets 413 as soon as the
  head is complete, whether or not the body ever comes.
* **Open connections** over ``max_connections`` get 503 with Retry-After at once (and are
  closed after a short drain), so slow clients cannot use up the process's file descriptors.
* **Answers before the body is read** (a 400 or 401 the app gives from the head alone) are
  followed by a half-close and a short drain instead of a close with unread data, which
  would send a reset that destroys the answer before the client reads it.
* **uvicorn's and websockets' own refusals** (a URL with raw non-ASCII bytes, a negative
  Content-Length, a broken handshake) come out in the server's error shape, not plain text.
* **WebSocket text messages** are capped in bytes (``max_ws_text_bytes``, close 1009) and a
  text message that is not UTF-8 closes with 1007 and one log line, not a traceback.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, ClassVar, cast

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .guard_settings import ErrorAnswer, GuardAnswers, GuardSettings
from .ws_guard import GuardedWebSocketProtocol, raise_websockets_limits

__all__ = ["GuardedH11Protocol", "guarded_protocols", "h11_max_head_bytes"]

LINGER_S = 2.0
"""After a refusal (or an answer given before the body was read), unread request bytes are
drained for at most this long before the socket closes: closing with unread data sends a
reset, which can destroy the answer before the client has read it."""

_HEAD_END = re.compile(rb"\n\r?\n")
_CONTENT_LENGTH = re.compile(rb"\ncontent-length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)


class HeadMeter:
    """Measures one request head as it arrives, in any number of pieces.

    Keeps the counters, the last two bytes and the header block itself (at most
    ``max_header_bytes`` plus one piece, since the guard refuses a longer one): a client
    sending one byte at a time costs constant work per byte, and the declared
    ``Content-Length`` can be read once the head is complete.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.line_bytes = 0
        self.header_bytes = 0
        self.header_lines = 0
        self.in_headers = False
        self.complete = False
        self._tail = b"\n"
        self._headers = bytearray(b"\n")

    def feed(self, data: bytes) -> None:
        """Count ``data``; bytes after the end of the head (a body) are not counted."""
        if self.complete or not data:
            return
        if not self.in_headers:
            end = data.find(b"\n")
            if end < 0:
                self.line_bytes += len(data)
                return
            self.line_bytes += end
            self.in_headers = True
            data = data[end + 1 :]
        window = self._tail + data
        found = _HEAD_END.search(window)
        counted = data if found is None else window[len(self._tail) : found.end()]
        self.header_bytes += len(counted)
        self.header_lines += counted.count(b"\n")
        self._headers += counted
        if found is not None:
            self.complete = True
            self.header_lines -= 1  # the blank line that ends the head
        self._tail = window[-2:]

    def declared_length(self) -> int | None:
        """The head's ``Content-Length`` (once complete), None if absent or unreadable."""
        found = _CONTENT_LENGTH.search(self._headers) if self.complete else None
        return None if found is None else int(found.group(1))


class _LingeringTransport:
    """The connection's transport as uvicorn's request cycle sees it: ``close()`` while the
    request body is still arriving half-closes and drains (see ``LINGER_S``) instead. uvicorn
    hands this object to the WebSocket protocol on an upgrade; its closes pass through."""

    def __init__(self, transport: asyncio.Transport, protocol: GuardedH11Protocol) -> None:
        self._transport = transport
        self._protocol = protocol

    def close(self) -> None:
        if (
            self._protocol.conn.their_state is h11.SEND_BODY
            and not self._transport.is_closing()
            # After a WebSocket upgrade the socket (and this object) is the new protocol's.
            and self._transport.get_protocol() is self._protocol
        ):
            self._protocol.linger()
        else:
            self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with head and body limits, timeouts and a connection cap."""

    settings: ClassVar[GuardSettings]
    answers: ClassVar[GuardAnswers]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # uvicorn types it as int; call_later takes any number of seconds.
        self.timeout_keep_alive = cast(int, self.settings.keep_alive_timeout_s)
        self._meter = HeadMeter()
        self._refused = False
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._raw_transport = self.transport
        self.transport = cast(Any, _LingeringTransport(self.transport, self))
        if len(self.connections) > self.settings.max_connections:
            # Answered at once and drained briefly: an excess client holds no slot for long.
            self._refuse(self.answers.too_many_connections(self.settings.max_connections))
        else:
            self._start_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        self._cancel_body_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # Drained: the answer is already sent.
        if self.conn.their_state is h11.IDLE and not self._meter.complete:
            self._unset_keepalive_if_required()
            self._start_head_timer()
            self._meter.feed(data)
            if self._check_head():
                return
        if self.conn.their_state is h11.SEND_BODY or self._meter.complete:
            self._start_body_timer()  # Progress: the body's clock starts again.
        super().data_received(data)
        if self._upgraded():
            # The socket now speaks WebSocket (h11 stays in SEND_BODY): nothing of ours may
            # write HTTP into it.
            self._cancel_head_timer()
            self._cancel_body_timer()
            return
        if self.conn.their_state is not h11.SEND_BODY:
            self._cancel_body_timer()
        if (
            self.conn.their_state is h11.IDLE
            and self.conn.our_state is h11.IDLE
            and self.timeout_keep_alive_task is None
            and self._meter.line_bytes == 0  # not a next head that is still arriving
            and not self.transport.is_closing()
        ):
            # The answer went out before the body ended (an early 400): uvicorn starts the
            # next cycle when the body ends but no keep-alive clock, so the connection
            # would stay open for as long as the client likes.
            self.timeout_keep_alive_task = self.loop.call_later(
                self.timeout_keep_alive, self.timeout_keep_alive_handler
            )

    def _upgraded(self) -> bool:
        return self._raw_transport.get_protocol() is not self

    def _check_head(self) -> bool:
        """Refuse the request if its head breaks a limit; True if refused."""
        meter, settings = self._meter, self.settings
        declared = meter.declared_length()
        if meter.line_bytes > settings.max_request_line_bytes:
            self._refuse(self.answers.request_line_too_long(settings.max_request_line_bytes))
        elif (
            meter.header_bytes > settings.max_header_bytes
            or meter.header_lines > settings.max_header_count
        ):
            self._refuse(
                self.answers.headers_too_large(settings.max_header_bytes, settings.max_header_count)
            )
        elif declared is not None and declared > settings.max_body_bytes:
            self._refuse(self.answers.body_too_large(settings.max_body_bytes))
        elif meter.complete:
            self._cancel_head_timer()
        return self._refused

    def on_response_complete(self) -> None:
        self._meter.reset()  # The next request's head is measured afresh.
        super().on_response_complete()

    def send_400_response(self, msg: str) -> None:
        del msg  # uvicorn's "Invalid HTTP request received." says no more than the status.
        self._refuse(
            self.answers.malformed_request(
                "it cannot be parsed as HTTP/1.1 (e.g. raw non-ASCII bytes in the URL, or a "
                "Content-Length that is not a non-negative integer)"
            )
        )

    def _start_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(
                self.settings.header_timeout_s, self._head_timed_out
            )

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _start_body_timer(self) -> None:
        self._cancel_body_timer()
        self._body_timer = self.loop.call_later(self.settings.body_timeout_s, self._body_timed_out)

    def _cancel_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self._meter.complete or self._upgraded():
            return
        self._refuse(
            self.answers.request_timeout(
                "the request headers did not arrive in time", self.settings.header_timeout_s
            )
        )

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if (
            self.transport.is_closing()
            or self.conn.their_state is not h11.SEND_BODY
            or self._upgraded()
        ):
            return
        if self.flow.read_paused:
            # The app is behind, not the client: its clock starts when reading resumes.
            self._start_body_timer()
            return
        if self.cycle is not None and self.cycle.response_started:
            self.transport.close()  # Too late for an answer: the app has begun its own.
            return
        if self.cycle is not None:
            self.cycle.disconnected = True  # The app's next read sees the client gone.
            self.cycle.message_event.set()
        self._refuse(
            self.answers.request_timeout(
                "the request body stopped arriving", self.settings.body_timeout_s
            )
        )

    def linger(self) -> None:
        """Stop answering, half-close, drain what the client still sends, then close."""
        self._refused = True
        self._cancel_head_timer()
        self._cancel_body_timer()
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.transport.resume_reading()
        self.loop.call_later(LINGER_S, self._raw_transport.close)

    def _refuse(self, error: ErrorAnswer) -> None:
        """Answer ``error`` outside h11, stop reading the request, close after a short drain."""
        self._unset_keepalive_if_required()
        self.logger.info("refused a request: %s %s", error.status, error.body[:200])
        self.transport.write(error.to_bytes())
        self.linger()


def guarded_protocols(
    settings: GuardSettings, answers: GuardAnswers
) -> tuple[type[GuardedH11Protocol], type[GuardedWebSocketProtocol]]:
    """The protocol classes for uvicorn's ``http=`` and ``ws=``, bound to ``settings`` and
    to the server's ``answers``."""
    raise_websockets_limits(settings)
    bound = {"settings": settings, "answers": answers}
    http_protocol = type("GuardedH11Protocol", (GuardedH11Protocol,), bound)
    ws_protocol = type("GuardedWebSocketProtocol", (GuardedWebSocketProtocol,), bound)
    return http_protocol, ws_protocol


def h11_max_head_bytes(settings: GuardSettings) -> int:
    """h11's own buffer limit, above ours so that our answer, not h11's, comes first."""
    return settings.max_request_line_bytes + settings.max_header_bytes + 1024
