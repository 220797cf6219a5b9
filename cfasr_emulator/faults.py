"""Deterministic fault injection, so clients' retry and recovery paths can be tested.

Off unless the server starts with faults enabled. A fault is chosen per request by the
``cf-emulator-fault`` header, or by a rule that fires on the nth call of an operation.

Fault spec grammar: ``name[=value][;key=value]...``

============================  ================================================================
``429[;retry-after=S]``       429 / 3040 with ``Retry-After: S`` (default 1)
``3040`` / ``3036``           429 capacity (no Retry-After) / 429 daily neuron limit
``500`` ``502`` ``503`` ``504``
                              server errors, with the codes of
                              ``error_envelope.SERVER_ERRORS``
``408``                       inference timeout (3007)
``401`` / ``403``             authentication error (10000) with that status
``413``                       request too large (3006)
``reset[;after-bytes=N]``     send the headers and N body bytes (default 16), then drop the
                              connection mid-body
``truncate``                  a 200 whose (correctly framed) JSON body is cut in half
``delay=S``                   wait S seconds, then answer normally (to trip client timeouts)
``ws-close=C[;after-messages=N][;after-seconds=S]``
                              close the WebSocket with code C (1011, 1000, ...; 1006 means
                              drop the connection without a close frame) once N server
                              messages were sent or S seconds of session time passed
``ws-stall[;after-messages=N]``
                              stop sending after N messages, keep the socket open
``ws-slow=S``                 every recognition step of the session starts S seconds late, as
                              on an overloaded server; the socket is still read (up to
                              ``ws_queued_audio_s`` of audio), so pings are answered
``ws-refuse[;status=S]``      refuse the upgrade with HTTP S (default 503) and an envelope
``ws-error[;after-messages=N][;code=C]``
                              a fatal server error once N server messages were sent (default
                              0): flux first sends its ``Error`` message (code C, default
                              ``INTERNAL_SERVER_ERROR``), then both protocols close with 1011
============================  ================================================================

Rule grammar (``--faults``): ``<operation>@<nth>[+]:<spec>``, e.g. ``runWhisper@2:503`` (the
second whisper call fails), ``*@1+:429;retry-after=2`` (every call of any operation). The
operation is an ``operationId`` from openapi.yaml or ``*``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping

import attrs

from .error_envelope import SERVER_ERRORS

FAULT_HEADER = "cf-emulator-fault"

OPERATIONS = (
    "runWhisper",
    "runWhisperTinyEn",
    "runWhisperLargeV3Turbo",
    "runNova3",
    "runFlux",
    "streamNova3",
    "streamNova3Internal",
    "streamFlux",
)


class FaultSpecError(ValueError):
    """A fault spec or rule that cannot be parsed; the message says what is allowed."""


@attrs.frozen
class StatusFault:
    """Answer with this status and Cloudflare error code instead of running the model."""

    status: int
    code: int
    retry_after: float | None = None


@attrs.frozen
class ResetFault:
    """Start a response, send ``after_bytes`` of its body, then drop the connection."""

    after_bytes: int = 16


@attrs.frozen
class TruncateFault:
    """Send a well-framed 200 whose JSON body is cut short (unparseable)."""


@attrs.frozen
class DelayFault:
    """Sleep before answering normally, to trip the client's read timeout."""

    seconds: float


@attrs.frozen
class WsCloseFault:
    """Close the session with ``code`` after a number of server messages or seconds.

    Code 1006 cannot be sent in a close frame: it means abort the transport without one.
    With neither trigger set the session closes right after the handshake.
    """

    code: int
    after_messages: int | None = None
    after_seconds: float | None = None
    reason: str = "emulator fault"


@attrs.frozen
class WsStallFault:
    """Stop sending anything after ``after_messages`` server messages; keep the socket open."""

    after_messages: int = 0


@attrs.frozen
class WsSlowFault:
    """Start every recognition step of the session ``seconds`` late (an overloaded server)."""

    seconds: float


@attrs.frozen
class WsRefuseFault:
    """Refuse the WebSocket upgrade with this HTTP status and an error envelope."""

    status: int = 503


@attrs.frozen
class WsErrorFault:
    """Fail the session as the server does on a fatal error, after ``after_messages``.

    Flux (Deepgram v2) sends an ``Error`` message with ``code`` first; nova-3 (v1) has no
    such message. Both then close with 1011.
    """

    after_messages: int = 0
    code: str = "INTERNAL_SERVER_ERROR"


HttpFault = StatusFault | ResetFault | TruncateFault | DelayFault
SessionFault = WsCloseFault | WsStallFault | WsErrorFault | WsSlowFault
"""The faults that act inside an accepted session (the others act before the upgrade)."""
WsFault = SessionFault | WsRefuseFault
Fault = HttpFault | WsFault

_STATUS_FAULTS = {
    "429": StatusFault(429, 3040, 1.0),
    "3040": StatusFault(429, 3040),
    "3036": StatusFault(429, 3036),
    "408": StatusFault(408, 3007),
    "401": StatusFault(401, 10000),
    "403": StatusFault(403, 10000),
    "413": StatusFault(413, 3006),
    **{str(status): StatusFault(status, code) for status, (code, _) in SERVER_ERRORS.items()},
}


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FaultSpecError(f"{what} must be a number, got {text!r}") from None
    if value < 0:
        raise FaultSpecError(f"{what} must not be negative, got {text!r}")
    return value


def _count(text: str, what: str) -> int:
    if not text.isdigit():
        raise FaultSpecError(f"{what} must be a whole number, got {text!r}")
    return int(text)


def parse_fault(spec: str) -> Fault:
    """Parse one fault spec (see the module docstring); raises :class:`FaultSpecError`."""
    head, *params = [p.strip() for p in spec.strip().split(";")]
    name, _, value = head.partition("=")
    options: dict[str, str] = {}
    for param in params:
        key, sep, val = param.partition("=")
        if not sep:
            raise FaultSpecError(f"fault option {param!r} must look like key=value")
        options[key.strip().lower()] = val.strip()
    name = name.strip().lower()
    allowed: set[str]
    fault: Fault
    if name in _STATUS_FAULTS:
        allowed = {"retry-after"}
        base = _STATUS_FAULTS[name]
        retry = options.get("retry-after")
        fault = attrs.evolve(
            base, retry_after=_number(retry, "retry-after") if retry else base.retry_after
        )
    elif name == "reset":
        allowed = {"after-bytes"}
        fault = ResetFault(_count(options.get("after-bytes", "16"), "after-bytes"))
    elif name == "truncate":
        allowed = set()
        fault = TruncateFault()
    elif name == "delay":
        allowed = set()
        fault = DelayFault(_number(value, "delay"))
    elif name == "ws-close":
        allowed = {"after-messages", "after-seconds", "reason"}
        code = _count(value, "ws-close code")
        if not 1000 <= code <= 4999:
            raise FaultSpecError(f"ws-close code must be 1000-4999, got {code}")
        msgs = options.get("after-messages")
        secs = options.get("after-seconds")
        fault = WsCloseFault(
            code,
            _count(msgs, "after-messages") if msgs else None,
            _number(secs, "after-seconds") if secs else None,
            options.get("reason", "emulator fault"),
        )
    elif name == "ws-stall":
        allowed = {"after-messages"}
        fault = WsStallFault(_count(options.get("after-messages", "0"), "after-messages"))
    elif name == "ws-slow":
        allowed = set()
        fault = WsSlowFault(_number(value, "ws-slow"))
    elif name == "ws-refuse":
        allowed = {"status"}
        status = _count(options.get("status", "503"), "status")
        if not 400 <= status <= 599:
            raise FaultSpecError(f"ws-refuse status must be 400-599, got {status}")
        fault = WsRefuseFault(status)
    elif name == "ws-error":
        allowed = {"after-messages", "code"}
        code_text = options.get("code", "INTERNAL_SERVER_ERROR")
        if not code_text:
            raise FaultSpecError("ws-error code must not be empty")
        fault = WsErrorFault(
            _count(options.get("after-messages", "0"), "after-messages"), code_text
        )
    else:
        known = ", ".join([*_STATUS_FAULTS, "reset", "truncate", "delay=S", "ws-close=C"])
        raise FaultSpecError(
            f"unknown fault {name!r}; use one of {known}, ws-stall, ws-slow=S, ws-refuse, ws-error"
        )
    unknown = set(options) - allowed
    if unknown:
        raise FaultSpecError(f"fault {name!r} takes no option(s) {', '.join(sorted(unknown))}")
    return fault


@attrs.frozen
class FaultRule:
    """Inject ``fault`` on call ``nth`` (from 1) of ``operation``, and later ones if ``onwards``."""

    operation: str
    nth: int
    fault: Fault
    onwards: bool = False

    def matches(self, operation: str, call_number: int) -> bool:
        if self.operation not in ("*", operation):
            return False
        return call_number >= self.nth if self.onwards else call_number == self.nth


def parse_rule(text: str) -> FaultRule:
    """Parse ``<operation>@<nth>[+]:<spec>``; raises :class:`FaultSpecError`."""
    target, sep, spec = text.partition(":")
    operation, at, nth_text = target.strip().partition("@")
    if not sep or not at:
        raise FaultSpecError(
            f"fault rule {text!r} must look like <operation>@<nth>:<spec>, e.g. runWhisper@2:503"
        )
    if operation not in ("*", *OPERATIONS):
        raise FaultSpecError(
            f"unknown operation {operation!r}; use * or one of {', '.join(OPERATIONS)}"
        )
    onwards = nth_text.endswith("+")
    nth = _count(nth_text.rstrip("+"), "nth")
    if nth < 1:
        raise FaultSpecError("nth counts calls from 1")
    return FaultRule(operation, nth, parse_fault(spec), onwards)


def parse_rules(texts: Iterable[str]) -> tuple[FaultRule, ...]:
    """Parse rules given one per item or comma-separated within an item."""
    return tuple(parse_rule(part) for text in texts for part in text.split(",") if part.strip())


class FaultInjector:
    """Picks the fault for each call; counts calls per operation so rules are deterministic."""

    def __init__(self, *, enabled: bool, rules: Iterable[FaultRule] = ()) -> None:
        self.enabled = enabled
        self._rules = tuple(rules)
        self._calls: dict[str, int] = {}
        self._lock = threading.Lock()

    def calls(self, operation: str) -> int:
        """How many calls of ``operation`` were seen (only counted while enabled)."""
        return self._calls.get(operation, 0)

    def pick(self, operation: str, headers: Mapping[str, str]) -> Fault | None:
        """The fault for this call: the header wins over rules. Raises FaultSpecError."""
        if not self.enabled:
            return None
        with self._lock:
            number = self._calls.get(operation, 0) + 1
            self._calls[operation] = number
        header = headers.get(FAULT_HEADER)
        if header:
            return parse_fault(header)
        for rule in self._rules:
            if rule.matches(operation, number):
                return rule.fault
        return None

    def http_fault(self, operation: str, headers: Mapping[str, str]) -> HttpFault | None:
        fault = self.pick(operation, headers)
        if fault is not None and not isinstance(
            fault, StatusFault | ResetFault | TruncateFault | DelayFault
        ):
            raise FaultSpecError(f"{operation} is a REST operation; WebSocket faults do not apply")
        return fault

    def ws_fault(self, operation: str, headers: Mapping[str, str]) -> Fault | None:
        """WebSocket operations may also get StatusFault/DelayFault (applied before the upgrade)."""
        return self.pick(operation, headers)
