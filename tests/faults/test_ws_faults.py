"""Streaming sessions under the emulator's WebSocket faults, with real recognition.

The undisturbed transcript of a two-sentence recording is the reference. Abnormal closes
(1011 and a dropped connection, 1006) at several points of the stream, and a refused
reconnect, must leave the reconnecting session with the same words in the same order: no
word lost, none repeated. Idle timeouts, stalls and refusals that cannot be retried end in
typed errors.
"""

from __future__ import annotations

import asyncio
import difflib
from collections.abc import AsyncIterable, Iterator

import pytest

from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext import APITimeoutError, InternalServerError, PermissionDeniedError, pcm16_chunks
from cfasr_ext._config import Settings
from cfasr_ext.streaming import (
    Connected,
    ErrorMessage,
    Metadata,
    Reconnected,
    ReconnectPolicy,
    StreamIdleTimeoutError,
    StreamServerError,
    connect_flux,
    connect_nova3,
)
from tests.support.emulators import TWO_SENTENCES, install_faults, settings_for, suite_emulator
from tests.support.summary import FIGURES

FAST_RECONNECT = ReconnectPolicy(backoff=0.05, max_backoff=0.2)


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(engine_mode="real", idle_timeout_s=1.0) as handle:
        yield handle


@pytest.fixture(scope="module")
def settings(emulator: EmulatorHandle) -> Settings:
    return settings_for(emulator, timeout=20.0)


async def stream_words(settings: Settings) -> tuple[list[str], int]:
    """The final transcript's words and the number of reconnects it took."""
    async with connect_nova3(
        settings, encoding="linear16", sample_rate=16000, reconnect=FAST_RECONNECT
    ) as stream:
        await stream.send_file(TWO_SENTENCES)
    events = [event async for event in stream]
    assert isinstance(events[-1], Metadata)
    reconnects = sum(isinstance(event, Reconnected) for event in events)
    return [word.text for word in stream.transcript().words], reconnects


@pytest.fixture(scope="module")
async def reference(emulator: EmulatorHandle, settings: Settings) -> list[str]:
    install_faults(emulator)
    # The first send_file of a worker loads the audio decoder; on a busy machine that took
    # longer than this module's 1 s idle timeout, and the server rightly closed the stream.
    b"".join(pcm16_chunks(TWO_SENTENCES, sample_rate=16000, chunk_seconds=1.0))
    words, reconnects = await stream_words(settings)
    assert reconnects == 0
    assert "finance" in words
    assert "park" in words
    return words


async def collect(stream: AsyncIterable[object], into: list[object]) -> None:
    async for event in stream:
        into.append(event)


def words_lost(reference: list[str], got: list[str]) -> int:
    matched = difflib.SequenceMatcher(a=reference, b=got, autojunk=False).get_matching_blocks()
    return len(reference) - sum(block.size for block in matched)


@pytest.mark.parametrize(
    "rules",
    [
        ["streamNova3@1:ws-close=1011;after-messages=0"],
        ["streamNova3@1:ws-close=1011;after-messages=1;reason=NET-0000"],
        ["streamNova3@1:ws-close=1006;after-messages=1"],
        ["streamNova3@1:ws-close=1006;after-messages=2"],
        ["streamNova3@1:ws-close=1011;after-messages=2", "streamNova3@2:ws-refuse;status=503"],
    ],
    ids=[
        "1011-at-start",
        "1011-after-first",
        "1006-after-first",
        "1006-before-metadata",
        "refused-reconnect",
    ],
)
async def test_reconnecting_stream_keeps_every_word(
    emulator: EmulatorHandle, settings: Settings, reference: list[str], rules: list[str]
) -> None:
    injector = install_faults(emulator, *rules)
    words, reconnects = await stream_words(settings)
    lost = words_lost(reference, words)
    FIGURES.lost(lost)
    assert words == reference
    assert lost == 0
    assert reconnects >= 1
    assert injector.calls("streamNova3") >= 2
    FIGURES.fault(len(rules), survived=True)


async def test_idle_client_without_keepalive_gets_a_typed_idle_error(settings: Settings) -> None:
    stream = connect_nova3(
        settings, encoding="linear16", sample_rate=16000, keepalive_interval=None, reconnect=None
    )
    await stream.connect()
    with pytest.raises(StreamIdleTimeoutError) as caught:
        async for _ in stream:
            pass
    assert caught.value.close_code == 1011
    await stream.abort()
    FIGURES.fault(1, survived=True)


async def test_keepalive_outlives_the_idle_timeout(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    install_faults(emulator)
    async with connect_nova3(
        settings, encoding="linear16", sample_rate=16000, keepalive_interval=0.2
    ) as stream:
        await stream.send(bytes(3200))
        for _ in range(8):  # 1.6 s of silence from us, the server idles out after 1 s
            await stream.send(b"")
            await asyncio.sleep(0.2)
    events = [event async for event in stream]
    assert isinstance(events[-1], Metadata)


async def test_a_stalled_server_makes_close_time_out(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    install_faults(emulator, "streamNova3@1:ws-stall;after-messages=0")
    stream = connect_nova3(
        settings, encoding="linear16", sample_rate=16000, reconnect=None, close_timeout=0.5
    )
    await stream.connect()
    await stream.send(bytes(16000))
    with pytest.raises(APITimeoutError):
        await stream.close()
    FIGURES.fault(1, survived=True)


@pytest.mark.parametrize(
    ("status", "error"), [(503, InternalServerError), (403, PermissionDeniedError)]
)
async def test_a_refused_handshake_raises_the_rest_error_class(
    emulator: EmulatorHandle, settings: Settings, status: int, error: type[Exception]
) -> None:
    install_faults(emulator, f"streamNova3@1:ws-refuse;status={status}")
    with pytest.raises(error):
        await connect_nova3(settings, encoding="linear16", sample_rate=16000).connect()
    FIGURES.fault(1, survived=True)


async def test_a_refusal_that_retrying_cannot_fix_ends_the_reconnects(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    injector = install_faults(
        emulator,
        "streamNova3@1:ws-close=1011;after-messages=1",
        "streamNova3@2+:ws-refuse;status=403",
    )
    with pytest.raises(PermissionDeniedError):
        await stream_words(settings)
    assert injector.calls("streamNova3") == 2
    FIGURES.fault(2, survived=True)


async def test_a_flux_fatal_error_arrives_as_an_error_message_then_a_typed_error(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    install_faults(emulator, "streamFlux@1:ws-error;after-messages=1;code=INTERNAL_SERVER_ERROR")
    stream = connect_flux(settings, reconnect=None)
    await stream.connect()
    await stream.send(bytes(3200))
    events: list[object] = []
    with pytest.raises(StreamServerError) as caught:
        await collect(stream, events)
    assert isinstance(events[0], Connected)
    error = events[-1]
    assert isinstance(error, ErrorMessage)
    assert error.message.code == "INTERNAL_SERVER_ERROR"
    assert error.message.sequence_id == 1
    assert error.message.description
    assert "INTERNAL_SERVER_ERROR" in str(caught.value)
    assert caught.value.close_code == 1011
    await stream.abort()
    FIGURES.fault(1, survived=True)


async def test_a_nova3_fatal_error_is_a_1011_close(
    emulator: EmulatorHandle, settings: Settings
) -> None:
    install_faults(emulator, "streamNova3@1:ws-error")
    stream = connect_nova3(settings, encoding="linear16", sample_rate=16000, reconnect=None)
    await stream.connect()
    with pytest.raises(StreamServerError) as caught:
        async for _ in stream:
            pass
    assert caught.value.close_code == 1011
    assert caught.value.close_reason == "INTERNAL_SERVER_ERROR"
    await stream.abort()
    FIGURES.fault(1, survived=True)
