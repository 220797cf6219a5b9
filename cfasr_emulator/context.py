"""Everything a request handler needs, shared by the REST routes and the WebSocket routes.

One :class:`EmulatorContext` is built per app. The WebSocket handlers use
:meth:`EmulatorContext.admit_websocket` before accepting an upgrade, and the engine, the
config (``idle_timeout_s``), request ids and neuron pricing from here.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Mapping
from types import TracebackType

import attrs

from . import error_envelope
from .auth import check_account_id, check_credentials
from .batches import BatchStore
from .config import ServerConfig
from .engine import Engine, NullEngine, SpeechEngine
from .faults import (
    DelayFault,
    FaultInjector,
    FaultSpecError,
    HttpFault,
    ResetFault,
    SessionFault,
    StatusFault,
    TruncateFault,
    WsRefuseFault,
)
from .gateway_state import GatewayState
from .grace import answer_after
from .limits import AccountRateLimiter, SessionLimiter, SessionTicket
from .neurons import Transport, neurons_for
from .origins import origin_allowed


def fault_error(fault: StatusFault) -> error_envelope.ApiError:
    """The envelope an injected status fault answers with."""
    if fault.status >= 500:
        error = error_envelope.server_error(fault.status)
    elif fault.code == 3036:
        error = error_envelope.account_limited()
    elif fault.code == 3040:
        error = error_envelope.out_of_capacity(None)
    elif fault.code == 3007:
        error = error_envelope.inference_timeout()
    elif fault.code == 10000:
        error = error_envelope.authentication_error(fault.status)
    elif fault.code == 3006:
        error = error_envelope.request_too_large(None)
    else:
        error = error_envelope.server_error(fault.status)
    if fault.retry_after is not None:
        error.headers["Retry-After"] = f"{fault.retry_after:g}"
    return error


def bad_fault_header(exc: FaultSpecError) -> error_envelope.ApiError:
    return error_envelope.invalid_header(6100, f"Invalid cf-emulator-fault header: {exc}")


@attrs.define
class WebSocketAdmission:
    """An admitted WebSocket session: its request id, its injected fault and its slot.

    Release it (or leave its ``with`` block) when the session ends.
    """

    request_id: str
    fault: SessionFault | None
    ticket: SessionTicket

    def release(self) -> None:
        self.ticket.release()

    def __enter__(self) -> WebSocketAdmission:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _make_engine(config: ServerConfig) -> Engine:
    if config.engine_mode == "skip":
        return NullEngine(max_queue=config.engine_queue)
    return SpeechEngine(
        max_queue=config.engine_queue,
        cpu_threads=config.engine_threads,
        deadline_s=config.engine_deadline_s,
    )


@attrs.define
class EmulatorContext:
    """Shared state of one emulator: config, engine, auth, limits, faults and accounting."""

    config: ServerConfig
    engine: Engine
    faults: FaultInjector
    rate_limiter: AccountRateLimiter
    sessions: SessionLimiter
    batches: BatchStore = attrs.field(factory=BatchStore)
    gateway: GatewayState = attrs.field(factory=GatewayState)
    """The AI Gateway routes' cache and log (``ai_gateway``)."""
    neurons_used: dict[str, float] = attrs.field(factory=dict)
    """Neurons billed so far, per account id (lower case)."""
    shutdown: asyncio.Event | None = None
    """Set when the server starts shutting down; streaming sessions should then finish."""
    grace_over: asyncio.Event | None = None
    """Set shortly before the shutdown grace ends (:func:`.grace.answer_after`): what still
    runs answers now (REST 503, a stream's Metadata and 1001) instead of being cancelled."""
    loop: asyncio.AbstractEventLoop | None = None
    """The server's event loop, for :meth:`begin_shutdown` from a signal handler or thread."""
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    @classmethod
    def create(cls, config: ServerConfig, *, engine: Engine | None = None) -> EmulatorContext:
        """Build the context; pass ``engine`` to share already-loaded models between apps."""
        return cls(
            config=config,
            engine=engine if engine is not None else _make_engine(config),
            faults=FaultInjector(enabled=config.faults_enabled, rules=config.fault_rules),
            rate_limiter=AccountRateLimiter(config.requests_per_minute),
            sessions=SessionLimiter(config.max_ws_sessions),
        )

    def begin_shutdown(self) -> None:
        """Tell streaming sessions to finish now, from any thread (a no-op before start).

        Called the moment an exit is asked for, while connections are still open: set only
        when the app's lifespan ends, the event came after uvicorn had closed every stream.
        """
        loop = self.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._shutdown_begins, loop)

    def _shutdown_begins(self, loop: asyncio.AbstractEventLoop) -> None:
        """On the loop: tell streams to finish, and start the clock to ``grace_over``."""
        if self.shutdown is None or self.shutdown.is_set():
            return  # Not started yet, or asked twice (a second signal): one clock only.
        self.shutdown.set()
        if self.grace_over is not None:
            loop.call_later(answer_after(self.config.graceful_shutdown_s), self.grace_over.set)

    @property
    def recognition_skipped(self) -> bool:
        """True in the labelled skip mode: results carry no recognition."""
        return self.config.engine_mode == "skip"

    @staticmethod
    def new_request_id() -> str:
        return str(uuid.uuid4())

    def check_account(self, account_id: str, path: str) -> None:
        """Raise ApiError 400 / 7003 unless ``account_id`` is 32 hex digits."""
        check_account_id(account_id, path)

    def check_auth(self, headers: Mapping[str, str]) -> None:
        """Raise ApiError (401 / 10000, 400 / 6003) unless the credentials pass."""
        check_credentials(self.config, headers)

    def admit(self, *, headers: Mapping[str, str], account_id: str, path: str) -> None:
        """The checks every operation shares, in Cloudflare's order: route, auth, rate."""
        self.check_account(account_id, path)
        self.check_auth(headers)
        self.rate_limiter.check(account_id)

    def http_fault(self, operation: str, headers: Mapping[str, str]) -> HttpFault | None:
        try:
            return self.faults.http_fault(operation, headers)
        except FaultSpecError as exc:
            raise bad_fault_header(exc) from None

    async def admit_websocket(
        self, *, headers: Mapping[str, str], account_id: str, path: str, operation: str
    ) -> WebSocketAdmission:
        """Run the pre-upgrade checks for a WebSocket operation; raise ApiError to refuse.

        Applies injected faults that act before the upgrade (refusal, status, delay) and
        takes a concurrent-session slot. Send a refusal with
        ``websocket.send_denial_response(err.to_response(request_id))``.
        """
        origin = headers.get("origin")
        if not origin_allowed(
            origin, self.config.allowed_origins, allow_any=self.config.allow_any_origin
        ):
            raise error_envelope.foreign_origin(origin or "")
        self.admit(headers=headers, account_id=account_id, path=path)
        try:
            fault = self.faults.ws_fault(operation, headers)
        except FaultSpecError as exc:
            raise bad_fault_header(exc) from None
        if isinstance(fault, WsRefuseFault):
            raise error_envelope.upgrade_refused(fault.status)
        if isinstance(fault, StatusFault):
            raise fault_error(fault)
        if isinstance(fault, DelayFault):
            await asyncio.sleep(fault.seconds)
            fault = None
        if isinstance(fault, ResetFault | TruncateFault):
            fault = None  # REST-only faults have no WebSocket meaning.
        ticket = self.sessions.acquire()
        return WebSocketAdmission(self.new_request_id(), fault, ticket)

    def bill(
        self, account_id: str, model: str, audio_seconds: float, transport: Transport = "http"
    ) -> float:
        """Record and return the neurons for this much audio (0 in skip mode's results too)."""
        amount = neurons_for(model, audio_seconds, transport)
        with self._lock:
            key = account_id.lower()
            self.neurons_used[key] = self.neurons_used.get(key, 0.0) + amount
        return amount
