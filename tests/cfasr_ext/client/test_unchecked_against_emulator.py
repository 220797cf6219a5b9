"""The escape hatch against the emulator as a real server: what `extra_query`, `extra_body`
and `extra_headers` carry arrives and takes effect, and fields the spec lacks reach the user.

The emulator ignores parameter names it does not know, as Workers AI does, so an unknown name
shows only that the call still succeeds; what proves arrival is a name the emulator acts on,
sent through the hatch instead of the typed options (the scripted server in
`test_unchecked_options.py` records the exact bytes).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from cfasr_client.models import Nova3Metadata, Nova3Result

import cfasr_ext as cf
from cfasr_emulator.testing import EmulatorHandle
from tests.support.emulators import SAMPLE, settings_for, suite_emulator

pytest.importorskip("cfasr_emulator.ws")

UNKNOWN = {"brand_new_option": "1"}


@pytest.fixture(scope="module")
def emu() -> Iterator[EmulatorHandle]:
    with suite_emulator() as handle:
        yield handle


def _client(emu: EmulatorHandle) -> cf.Client:
    return cf.Client(
        api_token=emu.token,
        account_id=emu.account_id,
        base_url=emu.base_url,
        environ={},
        max_retries=0,
    )


def _async_client(emu: EmulatorHandle) -> cf.AsyncClient:
    return cf.AsyncClient(
        api_token=emu.token,
        account_id=emu.account_id,
        base_url=emu.base_url,
        environ={},
        max_retries=0,
    )


def _warned(result: Nova3Result) -> set[str]:
    metadata = result.metadata
    assert isinstance(metadata, Nova3Metadata)
    assert isinstance(metadata.warnings, list)
    return {str(warning.parameter) for warning in metadata.warnings}


def test_extra_query_reaches_the_emulator_on_both_twins_and_the_raw_twin(
    emu: EmulatorHandle,
) -> None:
    # topics is never passed as a typed option here: the emulator's warning naming it is
    # the server saying it received the parameter.
    extra = {**UNKNOWN, "topics": "true"}
    with _client(emu) as client:
        sync_result = client.nova_3.transcribe(SAMPLE, extra_query=extra)
        plain = client.nova_3.transcribe(SAMPLE, extra_query=UNKNOWN)
        raw = client.with_raw_response.nova_3.transcribe(SAMPLE, extra_query=extra)

    async def go() -> Nova3Result:
        async with _async_client(emu) as client:
            return await client.nova_3.transcribe(SAMPLE, extra_query=extra)

    assert "topics" in _warned(sync_result)
    assert "topics" not in _warned(plain)
    assert "topics" in _warned(raw.parse())
    assert "topics" in _warned(asyncio.run(go()))


def test_extra_body_reaches_the_emulator_unchecked(emu: EmulatorHandle) -> None:
    with _client(emu) as client:
        # `task` is an enum of Cloudflare's schema: the typed option is checked before sending...
        with pytest.raises(cf.OptionError):
            client.whisper_large_v3_turbo.transcribe(SAMPLE, task="sing")  # type: ignore[arg-type]
        # ...the same value through the hatch is not: the server is the one to refuse it.
        with pytest.raises(cf.BadRequestError, match="task"):
            client.whisper_large_v3_turbo.transcribe(SAMPLE, extra_body={"task": "sing"})
        accepted = client.whisper_large_v3_turbo.transcribe(SAMPLE, extra_body={"brand_new": 1})
    assert accepted.transcription_info is not None


def test_extra_headers_reach_the_emulator(emu: EmulatorHandle) -> None:
    # The emulator acts on its fault header: the 403 is the server having read it.
    with _client(emu) as client, pytest.raises(cf.APIStatusError) as sync_caught:
        client.whisper.transcribe(SAMPLE, extra_headers={"cf-emulator-fault": "403"})

    async def go() -> None:
        async with _async_client(emu) as client:
            await client.with_raw_response.whisper.transcribe(
                SAMPLE, extra_headers={"cf-emulator-fault": "403"}
            )

    with pytest.raises(cf.APIStatusError) as async_caught:
        asyncio.run(go())
    assert sync_caught.value.status_code == async_caught.value.status_code == 403


def _metadata_extras(events: list[Any]) -> dict[str, Any]:
    (metadata,) = [e for e in events if isinstance(e, cf.Metadata)]
    extras: dict[str, Any] = metadata.message.additional_properties
    return extras


def test_stream_extra_query_reaches_the_emulator_and_its_unknown_fields_reach_the_user(
    emu: EmulatorHandle,
) -> None:
    # The emulator's Metadata carries fields openapi.yaml does not list (`options_not_applied`,
    # `recognition_skipped`): they stay reachable on the typed event.
    with _client(emu) as client:
        stream = client.nova_3.stream(
            encoding="linear16",
            sample_rate=16000,
            reconnect=None,
            extra_query={**UNKNOWN, "filler_words": "true"},
        )
        with stream:
            stream.send_file(SAMPLE)
        extras = _metadata_extras(list(stream))
    assert "filler_words" in extras["options_not_applied"]
    assert extras["recognition_skipped"] is True


async def test_async_stream_extra_query_reaches_the_emulator(emu: EmulatorHandle) -> None:
    async with _async_client(emu) as client:
        stream = client.nova_3.stream(
            encoding="linear16", sample_rate=16000, extra_query={"filler_words": True}
        )
        async with stream:
            await stream.send_file(SAMPLE)
        events = [event async for event in stream]
    assert "filler_words" in _metadata_extras(events)["options_not_applied"]


async def test_flux_extra_query_reaches_the_emulator_unchecked(emu: EmulatorHandle) -> None:
    settings = settings_for(emu)
    with pytest.raises(cf.OptionError):
        cf.connect_flux(settings, eot_threshold=3)  # the typed option is checked here...
    refused = cf.connect_flux(settings, reconnect=None, extra_query={"eot_threshold": "3"})
    with pytest.raises(cf.BadRequestError, match="eot_threshold"):  # ...the server does here
        async with refused:
            pass
    async with cf.connect_flux(settings, extra_query=UNKNOWN) as accepted:
        await accepted.send_file(SAMPLE)
    assert any(isinstance(e, cf.EndOfTurn) for e in [e async for e in accepted])
