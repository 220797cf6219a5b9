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
import http
import re
from collections.abc import Mapping
from typing import Any, ClassVar, Protocol, cast

import attrs
import h11
import websockets.http11
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.datastructures import Headers
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.http11 import Response
from websockets.server import ServerProtocol

__all__ = [
    "ErrorAnswer",
    "GuardAnswers",
    "GuardSettings",
    "guarded_protocols",
    "h11_max_head_bytes",
]

LINGER_S = 2.0
"""After a refusal (or an answer given before the body was read), unread request bytes are
drained for at most this long before the socket closes: closing with unread data sends a
reset, which can destroy the answer before the client has read it."""

_HEAD_END = re.compile(rb"\n\r?\n")
_CONTENT_LENGTH = re.compile(rb"\ncontent-length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)


@attrs.frozen
class GuardSettings:
    """The guard's limits; each server builds one from its own config (and defaults)."""

    max_connections: int
    header_timeout_s: float
    body_timeout_s: float
    keep_alive_timeout_s: float
    ws_handshake_timeout_s: float
    max_request_line_bytes: int
    max_header_bytes: int
    max_header_count: int
    max_body_bytes: int
    max_ws_text_bytes: int


@attrs.frozen
class ErrorAnswer:
    """One error response the guard writes itself (below the app): always closes."""

    status: int
    body: bytes
    headers: Mapping[str, str] = attrs.field(factory=dict)

    def to_bytes(self) -> bytes:
        try:
            phrase = http.HTTPStatus(self.status).phrase
        except ValueError:
            phrase = ""
        headers = {
            "content-type": "application/json",
            "content-length": str(len(self.body)),
            "connection": "close",
            **{name.lower(): value for name, value in self.headers.items()},
        }
        head = f"HTTP/1.1 {self.status} {phrase}\r\n" + "".join(
            f"{name}: {value}\r\n" for name, value in headers.items()
        )
        return (head + "\r\n").encode("latin-1") + self.body


class GuardAnswers(Protocol):
    """The error bodies of one server, in its own shape. A 503 carries Retry-After."""

    def too_many_connections(self, limit: int) -> ErrorAnswer: ...

    def request_line_too_long(self, limit: int) -> ErrorAnswer: ...

    def headers_too_large(self, limit: int, count: int) -> ErrorAnswer: ...

    def malformed_request(self, problem: str) -> ErrorAnswer: ...

    def request_timeout(self, what: str, seconds: float) -> ErrorAnswer: ...

    def body_too_large(self, limit: int) -> ErrorAnswer: ...

    def handshake_refused(self, status: int, problem: str) -> ErrorAnswer: ...

    def server_error(self, status: int) -> ErrorAnswer: ...


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


class _AnsweringServerProtocol(ServerProtocol):
    """websockets' handshake with its refusals (bad key, too long a line...) in our shape."""

    answers: ClassVar[GuardAnswers]

    def reject(self, status: Any, text: str) -> Response:
        response = super().reject(status, text)
        code = int(response.status_code)
        if code >= 500:
            error = self.answers.server_error(code)
        else:
            error = self.answers.handshake_refused(code, text.strip())
        headers = Headers(
            (name, value)
            for name, value in response.headers.raw_items()
            if name.lower() not in ("content-type", "content-length")
        )
        for name, value in error.headers.items():
            headers[name] = value
        headers["Content-Type"] = "application/json"
        headers["Content-Length"] = str(len(error.body))
        response.headers = headers
        response.body = error.body
        return response


class GuardedWebSocketProtocol(WebSocketsSansIOProtocol):
    """uvicorn's sans-I/O WebSocket protocol with a handshake deadline and our refusals."""

    settings: ClassVar[GuardSettings]
    answers: ClassVar[GuardAnswers]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        extensions = []
        if self.config.ws_per_message_deflate:  # As uvicorn builds it, with our refusals.
            extensions = [
                ServerPerMessageDeflateFactory(
                    server_max_window_bits=12,
                    client_max_window_bits=12,
                    compress_settings={"memLevel": 5},
                )
            ]
        protocol = type(
            "AnsweringServerProtocol", (_AnsweringServerProtocol,), {"answers": self.answers}
        )
        self.conn = protocol(
            extensions=extensions, max_size=self.config.ws_max_size, logger=self.conn.logger
        )
        self._handshake_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._handshake_timer = self.loop.call_later(
            self.settings.ws_handshake_timeout_s, self._handshake_timed_out
        )

    def connection_lost(self, exc: Exception | None) -> None:
        if self._handshake_timer is not None:
            self._handshake_timer.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.handshake_exc is not None and not self.handshake_initiated:
            # websockets queued its refusal of an unparseable handshake; uvicorn never sends it.
            self.transport.write(b"".join(self.conn.data_to_send()))
            self.close_sent = self.handshake_complete = True
            self.transport.close()

    def shutdown(self) -> None:
        """On server shutdown uvicorn closes every open session with 1012 at once. Ours end on
        their own instead (last messages, then 1001) when the app's shutdown event fires,
        within the grace period; an upgrade not yet answered gets 503."""
        if self.handshake_complete and not self.close_sent and not self.disconnected:
            return
        if not self.handshake_complete and self.initial_response is None:
            self.transport.write(self.answers.server_error(503).to_bytes())
            self.close_sent = self.handshake_complete = True
            self.transport.close()
            return
        super().shutdown()

    def send_receive_event_to_app(self) -> None:
        """A text message that is not UTF-8 closes with 1007 as before, but with one line in
        the log instead of uvicorn's traceback: it is the client's error, not the server's.
        One longer than ``max_ws_text_bytes`` closes with 1009 before it is queued."""
        if self.curr_msg_data_type == "text" and not self.close_sent:
            size = sum(len(frame) for frame in self.frames)
            if size > self.settings.max_ws_text_bytes:
                self.frames = []
                self.logger.info(
                    "WebSocket closed 1009: a %d-byte text message (at most %d)",
                    size,
                    self.settings.max_ws_text_bytes,
                )
                self.conn.send_close(1009)
                self.handle_parser_exception()
                return
            try:
                b"".join(self.frames).decode()
            except UnicodeDecodeError:
                self.frames = []
                self.logger.info(
                    "WebSocket closed 1007: the client sent a text frame that is not UTF-8"
                )
                self.conn.send_close(1007)
                self.handle_parser_exception()
                return
        super().send_receive_event_to_app()

    def _handshake_timed_out(self) -> None:
        self._handshake_timer = None
        if self.handshake_complete or self.initial_response or self.transport.is_closing():
            return
        error = self.answers.request_timeout(
            "the WebSocket upgrade was not answered in time", self.settings.ws_handshake_timeout_s
        )
        self.transport.write(error.to_bytes())
        self.close_sent = self.handshake_complete = self.disconnected = True
        self.queue.put_nowait({"type": "websocket.disconnect", "code": 1006})
        self.transport.close()


def _raise_websockets_limits(settings: GuardSettings) -> None:
    """Let websockets parse every handshake our own limits admit.

    websockets re-parses the upgrade request uvicorn hands over, with module-level limits
    (8192 bytes a line, 128 headers; its ``WEBSOCKETS_MAX_LINE_LENGTH`` environment variable
    is read only at import). They are raised, never lowered, to fit ours.
    """
    slack = 64  # uvicorn re-serialises the head: "name: value" may be longer than sent.
    line = max(settings.max_request_line_bytes, settings.max_header_bytes) + slack
    websockets.http11.MAX_LINE_LENGTH = max(websockets.http11.MAX_LINE_LENGTH, line)
    websockets.http11.MAX_NUM_HEADERS = max(
        websockets.http11.MAX_NUM_HEADERS, settings.max_header_count + 8
    )


def guarded_protocols(
    settings: GuardSettings, answers: GuardAnswers
) -> tuple[type[GuardedH11Protocol], type[GuardedWebSocketProtocol]]:
    """The protocol classes for uvicorn's ``http=`` and ``ws=``, bound to ``settings`` and
    to the server's ``answers``."""
    _raise_websockets_limits(settings)
    bound = {"settings": settings, "answers": answers}
    http_protocol = type("GuardedH11Protocol", (GuardedH11Protocol,), bound)
    ws_protocol = type("GuardedWebSocketProtocol", (GuardedWebSocketProtocol,), bound)
    return http_protocol, ws_protocol


def h11_max_head_bytes(settings: GuardSettings) -> int:
    """h11's own buffer limit, above ours so that our answer, not h11's, comes first."""
    return settings.max_request_line_bytes + settings.max_header_bytes + 1024
