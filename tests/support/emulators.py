"""Emulators, clients and settings shared by the contract, fault, bad-input and security suites.

Every emulator here authenticates strictly (one known token), never rate-limits the suite,
and has fault injection switched on; :func:`install_faults` gives it fresh rules (and fresh
per-operation call counters) between tests without a restart.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from cfasr_emulator.faults import FaultInjector, parse_rules
from cfasr_emulator.testing import EmulatorHandle, run_emulator
from cfasr_ext import AsyncClient, Client
from cfasr_ext._config import Settings, resolve_settings
from cfasr_ext._ratelimit import RateLimiter
from cfasr_ext._retry import RetryPolicy
from tests.support.transport import AsyncSpecCheckingTransport, SpecCheckingTransport, SpecLog

__all__ = [
    "FAST_RETRIES",
    "SAMPLE",
    "TOKEN",
    "TWO_SENTENCES",
    "async_client_for",
    "client_for",
    "install_faults",
    "settings_for",
    "suite_emulator",
]

DATA = Path(__file__).resolve().parents[2] / "cfasr_emulator/data"
SAMPLE = DATA / "weather_park.wav"
TWO_SENTENCES = DATA / "two_sentences_pause.wav"
TOKEN = "cfasr-suite-token-5f0c2a9e8d7b"  # the emulator's test credential
FAST_RETRIES = RetryPolicy(initial_delay=0.01, max_delay=0.05, jitter=0.0)
"""Backoff short enough for tests; Retry-After is still honoured exactly."""


@contextlib.contextmanager
def suite_emulator(**options: Any) -> Iterator[EmulatorHandle]:
    """A strict-auth emulator with faults enabled (skip recognition unless told otherwise)."""
    settings: dict[str, Any] = {
        "engine_mode": "skip",
        "token": TOKEN,
        "requests_per_minute": 1_000_000,
        "faults_enabled": True,
        "graceful_shutdown_s": 2.0,
    }
    settings.update(options)
    with run_emulator(**settings) as handle:
        yield handle


def install_faults(emu: EmulatorHandle, *rules: str) -> FaultInjector:
    """Replace the emulator's fault rules (``runWhisper@1:503``...); counters restart at 0.

    The returned injector's ``calls(operation)`` is the number of attempts the server saw.
    """
    injector = FaultInjector(enabled=True, rules=parse_rules(rules))
    emu.context.faults = injector
    return injector


def _client_kwargs(emu: EmulatorHandle, kwargs: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {
        "api_token": emu.token,
        "account_id": emu.account_id,
        "base_url": emu.base_url,
        "rate_limiter": RateLimiter(1_000_000),
        "retry_policy": FAST_RETRIES,
    }
    merged.update(kwargs)
    return merged


def client_for(emu: EmulatorHandle, log: SpecLog, **kwargs: Any) -> Client:
    """A `Client` whose every exchange is checked against openapi.yaml into ``log``."""
    return Client(transport=SpecCheckingTransport(log), **_client_kwargs(emu, kwargs))


def async_client_for(emu: EmulatorHandle, log: SpecLog, **kwargs: Any) -> AsyncClient:
    return AsyncClient(transport=AsyncSpecCheckingTransport(log), **_client_kwargs(emu, kwargs))


def settings_for(emu: EmulatorHandle, base_url: str | None = None, **kwargs: Any) -> Settings:
    """Streaming settings for ``emu`` (or for a relay in front of it at ``base_url``)."""
    return resolve_settings(
        api_token=emu.token,
        account_id=emu.account_id,
        base_url=base_url or emu.base_url,
        environ={},
        **kwargs,
    )


@contextlib.contextmanager
def emulator_process(
    *args: str, token: str = "t", log: bool = False
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``python -m cfasr_emulator`` (engine skipped) as a process of its own, on a free
    loopback port, ready when yielded: for tests where the server may crash or must be
    measured apart from the test. Stopped on exit; with ``log``, its output (stdout and
    stderr) is left readable on ``process.stdout`` afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "cfasr_emulator", "--port", str(port), "--engine", "skip", *args],
        cwd=root,
        env={**os.environ, "CFASR_EMULATOR_TOKEN": token},
        stdout=subprocess.PIPE if log else subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except httpx.ConnectError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server did not start")
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=30)
