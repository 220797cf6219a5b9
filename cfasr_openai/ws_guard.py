"""The connection guard's WebSocket half: uvicorn's sans-I/O WebSocket protocol with the
handshake deadline, the text-message byte cap, UTF-8 refusals in one log line, and
websockets' own refusals in the server's error shape (see :mod:`.connection_guard`, which
binds both halves to a server's settings and answers).
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import websockets.http11
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.datastructures import Headers
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory
from websockets.http11 import Response
from websockets.server import ServerProtocol

from .guard_settings import GuardAnswers, GuardSettings

__all__ = ["GuardedWebSocketProtocol", "raise_websockets_limits"]


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


def raise_websockets_limits(settings: GuardSettings) -> None:
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
