"""Bad input, one case per row: the error type AND a message that says what to fix.

Each row runs against a strict emulator (skip recognition) through the spec-checking
transport, so the inputs that do reach the server also prove the refusal matches
openapi.yaml. The expected fragments are the instruction the user needs, not just a noun.
"""

from __future__ import annotations

import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from cfasr_emulator.testing import EmulatorHandle
from cfasr_ext import (
    AudioInputError,
    AuthenticationError,
    BadRequestError,
    CfasrError,
    Client,
    ConfigurationError,
    OptionError,
    RequestTooLargeError,
    UnsupportedOperationError,
)
from cfasr_ext._config import resolve_settings
from cfasr_ext.streaming import connect_flux, connect_nova3
from tests.support.emulators import SAMPLE, client_for, settings_for, suite_emulator
from tests.support.summary import FIGURES
from tests.support.transport import SpecLog

BODY_LIMIT = 200_000


@attrs.frozen
class Ctx:
    emu: EmulatorHandle
    client: Client
    tmp: Path


Action = Callable[[Ctx], Any]


@attrs.frozen
class Case:
    name: str
    action: Action
    error: type[CfasrError]
    says: tuple[str, ...]
    """Fragments (case-insensitive) the message must contain: what to do about it."""
    sent_off_spec: bool = False
    """The SDK passes this bad request on as given, so the request itself breaks the spec."""


def _file(ctx: Ctx, name: str, data: bytes) -> Path:
    path = ctx.tmp / name
    path.write_bytes(data)
    return path


def _truncated_wav(ctx: Ctx) -> Path:
    return _file(ctx, "cut.wav", SAMPLE.read_bytes()[:44])


def _big_wav(ctx: Ctx) -> Path:
    path = ctx.tmp / "big.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(BODY_LIMIT + 2))
    return path


def _new_client(ctx: Ctx, **kwargs: Any) -> Client:
    options: dict[str, Any] = {
        "api_token": ctx.emu.token,
        "account_id": ctx.emu.account_id,
        "base_url": ctx.emu.base_url,
    }
    options.update(kwargs)
    return Client(**options)


def _transcribe_with(ctx: Ctx, **kwargs: Any) -> Any:
    with _new_client(ctx, **kwargs) as client:
        return client.whisper.transcribe(SAMPLE)


async def _open_nova3(ctx: Ctx, **options: Any) -> None:
    stream = connect_nova3(settings_for(ctx.emu), **options)
    await stream.connect()
    await stream.abort()


async def _open_flux(ctx: Ctx, **options: Any) -> None:
    stream = connect_flux(settings_for(ctx.emu), **options)
    await stream.connect()
    await stream.abort()


CASES = [
    # --- audio ---------------------------------------------------------------------------
    Case("empty bytes", lambda c: c.client.whisper.transcribe(b""), AudioInputError, ("empty",)),
    Case(
        "zero-length file",
        lambda c: c.client.nova_3.transcribe(_file(c, "empty.wav", b"")),
        AudioInputError,
        ("empty",),
    ),
    Case(
        "missing path",
        lambda c: c.client.whisper.transcribe(c.tmp / "nope.wav"),
        AudioInputError,
        ("nope.wav",),
    ),
    Case(
        "a directory", lambda c: c.client.whisper.transcribe(c.tmp), AudioInputError, ("directory",)
    ),
    Case(
        "non-audio bytes",
        lambda c: c.client.whisper.transcribe(b"%PDF-1.7 this is a document" * 8),
        BadRequestError,
        ("audio",),
    ),
    Case(
        "truncated wav",
        lambda c: c.client.nova_3.transcribe(_truncated_wav(c)),
        BadRequestError,
        ("audio",),
    ),
    Case(
        "wrong declared content type",
        lambda c: c.client.nova_3.transcribe(SAMPLE, content_type="application/json"),
        OptionError,
        ("does not describe audio", "audio/wav"),
    ),
    Case(
        "wrong declared content type, whisper",
        lambda c: c.client.whisper.transcribe(SAMPLE, content_type="text/plain"),
        OptionError,
        ("does not describe audio",),
    ),
    Case(
        "file over the emulator's body limit",
        lambda c: c.client.whisper.transcribe(_big_wav(c)),
        RequestTooLargeError,
        ("3006",),
    ),
    # --- credentials and account ----------------------------------------------------------
    Case(
        "account id too short",
        lambda c: _transcribe_with(c, account_id="1234"),
        ConfigurationError,
        ("32 hexadecimal", "CLOUDFLARE_ACCOUNT_ID"),
    ),
    Case(
        "account id not hex",
        lambda c: _transcribe_with(c, account_id="z" * 32),
        ConfigurationError,
        ("32 hexadecimal",),
    ),
    Case(
        "missing token",
        lambda c: resolve_settings(account_id=c.emu.account_id, environ={}),
        ConfigurationError,
        ("api_token", "CLOUDFLARE_API_TOKEN"),
    ),
    Case(
        "token with a space",
        lambda c: _transcribe_with(c, api_token="abc def"),
        ConfigurationError,
        ("api_token", "exactly as cloudflare shows it"),
    ),
    Case(
        "token with a newline",
        lambda c: _transcribe_with(c, api_token="abcdef\n"),
        ConfigurationError,
        ("control characters",),
    ),
    Case(
        "invalid token",
        lambda c: _transcribe_with(c, api_token="invalid-token-000"),
        AuthenticationError,
        ("10000", "authentication"),
    ),
    Case(
        "expired token",
        lambda c: _transcribe_with(c, api_token="expired-token-2019-01-01"),
        AuthenticationError,
        ("10000", "authentication"),
    ),
    Case(
        "key without e-mail",
        lambda c: _transcribe_with(c, api_token=None, api_key="k" * 37),
        ConfigurationError,
        ("email", "CLOUDFLARE_EMAIL"),
    ),
    Case(
        "plain http to a remote host",
        lambda c: _transcribe_with(c, base_url="http://api.example.com/client/v4"),
        ConfigurationError,
        ("https",),
    ),
    Case(
        "base url that is not http",
        lambda c: _transcribe_with(c, base_url="ftp://127.0.0.1/client/v4"),
        ConfigurationError,
        ("http(s) url",),
    ),
    Case(
        "negative max_retries",
        lambda c: _transcribe_with(c, max_retries=-1),
        ConfigurationError,
        ("non-negative integer",),
    ),
    Case(
        "zero timeout", lambda c: _transcribe_with(c, timeout=0), ConfigurationError, ("positive",)
    ),
    # --- options ---------------------------------------------------------------------------
    Case(
        "unknown whisper option",
        lambda c: c.client.whisper.transcribe(SAMPLE, language="en"),  # type: ignore[call-arg]
        OptionError,
        ("valid options",),
    ),
    Case(
        "unknown nova-3 option",
        lambda c: c.client.nova_3.transcribe(SAMPLE, colour="blue"),  # type: ignore[call-arg]
        OptionError,
        ("valid options",),
    ),
    Case(
        "whisper body format",
        lambda c: c.client.whisper.transcribe(SAMPLE, body_format="xml"),  # type: ignore[arg-type]
        OptionError,
        ("'binary' or 'json'",),
    ),
    Case(
        "nova-3 boolean as a string",
        lambda c: c.client.nova_3.transcribe(SAMPLE, punctuate="yes"),  # type: ignore[arg-type]
        OptionError,
        ("punctuate",),
    ),
    # utt_split's, channels' and beam_size's bounds are the emulator's own (openapi.yaml):
    # the SDK sends them, and the emulator refuses them saying so.
    Case(
        "nova-3 utt_split beyond the emulator's limit",
        lambda c: c.client.nova_3.transcribe(SAMPLE, utt_split=-1),
        BadRequestError,
        ("utt_split", "emulator"),
        sent_off_spec=True,
    ),
    Case(
        "nova-3 channels beyond the emulator's limit",
        lambda c: c.client.nova_3.transcribe(SAMPLE, channels=0),
        BadRequestError,
        ("channels", "emulator"),
        sent_off_spec=True,
    ),
    Case(
        "nova-3 unknown language",
        lambda c: c.client.nova_3.transcribe(SAMPLE, language="klingon"),  # type: ignore[arg-type]
        OptionError,
        ("language",),
    ),
    Case(
        "nova-3 raw encoding without rate",
        lambda c: c.client.nova_3.transcribe(SAMPLE, encoding="linear16"),
        OptionError,
        ("sample_rate",),
    ),
    Case(
        "nova-3 replace without a colon",
        lambda c: c.client.nova_3.transcribe(SAMPLE, replace="nocolon"),
        OptionError,
        ("replace", "find:replace"),
    ),
    Case(
        "turbo beam size beyond the emulator's limit",
        lambda c: c.client.whisper_large_v3_turbo.transcribe(SAMPLE, beam_size=0),
        BadRequestError,
        ("beam_size", "emulator"),
        sent_off_spec=True,
    ),
    Case(
        "turbo task",
        lambda c: c.client.whisper_large_v3_turbo.transcribe(SAMPLE, task="summarise"),  # type: ignore[arg-type]
        OptionError,
        ("task",),
    ),
    Case(
        "tags with spaces",
        lambda c: c.client.whisper.transcribe(SAMPLE, tags="my tag"),
        OptionError,
        ("tags", "e.g."),
    ),
    Case(
        "credential in extra headers",
        lambda c: c.client.whisper.transcribe(SAMPLE, extra_headers={"Authorization": "x"}),
        OptionError,
        ("authorization",),
    ),
    Case(
        "invalid utf-8 in a keyterm",
        lambda c: c.client.nova_3.transcribe(SAMPLE, keyterm="caf\udce9"),
        OptionError,
        ("keyterm",),
    ),
    Case(
        "invalid utf-8 in a turbo prompt",
        lambda c: c.client.whisper_large_v3_turbo.transcribe(SAMPLE, initial_prompt="\udcff"),
        OptionError,
        ("initial_prompt",),
    ),
    Case(
        "flux eot_threshold out of range",
        lambda c: c.client.flux.run_config(eot_threshold=2),
        OptionError,
        ("eot_threshold",),
    ),
    Case(
        "flux over REST",
        lambda c: c.client.flux.transcribe(SAMPLE),
        UnsupportedOperationError,
        ("stream",),
    ),
    Case(
        "unknown model",
        lambda c: c.client.transcribe(SAMPLE, model="whisper-huge"),
        OptionError,
        ("use one of",),
    ),
    # --- streaming options -------------------------------------------------------------------
    Case(
        "stream encoding unknown",
        lambda c: _open_nova3(c, encoding="wav-ish", sample_rate=16000),
        OptionError,
        ("encoding",),
    ),
    Case(
        "stream sample rate beyond the emulator's limit",
        lambda c: _open_nova3(c, encoding="linear16", sample_rate=-8000),
        BadRequestError,
        ("sample_rate", "emulator"),
        sent_off_spec=True,
    ),
    Case(
        "stream unknown option",
        lambda c: _open_nova3(c, encoding="linear16", sample_rate=16000, volume=11),
        OptionError,
        ("volume",),
    ),
    Case(
        "flux stream threshold out of range",
        lambda c: _open_flux(c, eot_threshold=1.5),
        OptionError,
        ("eot_threshold",),
    ),
    Case(
        "flux stream invalid utf-8 keyterm",
        lambda c: _open_flux(c, keyterm=["\udcff"]),
        OptionError,
        ("keyterm",),
    ),
]


async def attempt(case: Case, ctx: Ctx) -> None:
    """Run the case's action, awaiting it when it is a coroutine (the streaming rows)."""
    result = case.action(ctx)
    if hasattr(result, "__await__"):
        await result


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorHandle]:
    with suite_emulator(faults_enabled=False, max_body_bytes=BODY_LIMIT) as handle:
        yield handle


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
async def test_bad_input_gets_a_typed_error_that_says_what_to_fix(
    emulator: EmulatorHandle, tmp_path: Path, case: Case
) -> None:
    log = SpecLog()
    with client_for(emulator, log) as client:
        ctx = Ctx(emulator, client, tmp_path)
        with pytest.raises(case.error) as caught:
            await attempt(case, ctx)
    message = str(caught.value).lower()
    missing = [fragment for fragment in case.says if fragment.lower() not in message]
    assert not missing, f"{type(caught.value).__name__}: {caught.value} lacks {missing}"
    assert emulator.token not in str(caught.value)
    if case.sent_off_spec:
        assert all(e.response_problem is None for e in log.exchanges)
    else:
        log.assert_conforms()
    FIGURES.bad_input()
