from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.nova_3_encoding import Nova3Encoding
from ...models.nova_3_language import Nova3Language
from ...models.nova_3_redact import Nova3Redact
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    encoding: Nova3Encoding | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    channels: int | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    interim_results: bool | Unset = UNSET,
    endpointing: str | Unset = UNSET,
    utterance_end_ms: int | Unset = UNSET,
    vad_events: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    redact: Nova3Redact | Unset = UNSET,
    replace: str | Unset = UNSET,
    search: str | Unset = UNSET,
    extra: str | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_encoding: str | Unset = UNSET
    if not isinstance(encoding, Unset):
        json_encoding = encoding.value

    params["encoding"] = json_encoding

    params["sample_rate"] = sample_rate

    params["channels"] = channels

    json_language: str | Unset = UNSET
    if not isinstance(language, Unset):
        json_language = language.value

    params["language"] = json_language

    params["interim_results"] = interim_results

    params["endpointing"] = endpointing

    params["utterance_end_ms"] = utterance_end_ms

    params["vad_events"] = vad_events

    params["punctuate"] = punctuate

    params["smart_format"] = smart_format

    json_keyterm: list[str] | Unset = UNSET
    if not isinstance(keyterm, Unset):
        json_keyterm = keyterm

    params["keyterm"] = json_keyterm

    params["diarize"] = diarize

    params["dictation"] = dictation

    params["detect_entities"] = detect_entities

    params["filler_words"] = filler_words

    params["numerals"] = numerals

    params["profanity_filter"] = profanity_filter

    json_redact: str | Unset = UNSET
    if not isinstance(redact, Unset):
        json_redact = redact.value

    params["redact"] = json_redact

    params["replace"] = replace

    params["search"] = search

    params["extra"] = extra

    params["mip_opt_out"] = mip_opt_out

    params["multichannel"] = multichannel

    params["measurements"] = measurements

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/accounts/{account_id}/ai/run/@cf/deepgram/nova-3".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorEnvelope | None:
    if response.status_code == 101:
        response_101 = cast(Any, None)
        return response_101

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    encoding: Nova3Encoding | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    channels: int | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    interim_results: bool | Unset = UNSET,
    endpointing: str | Unset = UNSET,
    utterance_end_ms: int | Unset = UNSET,
    vad_events: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    redact: Nova3Redact | Unset = UNSET,
    replace: str | Unset = UNSET,
    search: str | Unset = UNSET,
    extra: str | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Any | ErrorEnvelope]:
    """Open a WebSocket connection with @cf/deepgram/nova-3.

     Live transcription over the Deepgram v1 `listen` protocol. Upgrade with
    `Authorization: Bearer <token>`; options are query parameters. Send audio as binary
    frames and `Nova3KeepAlive`, `Nova3Finalize`, `Nova3CloseStream` as text frames; the
    server answers with `Nova3Results`, `Nova3UtteranceEnd`, `Nova3SpeechStarted` and a
    closing `Nova3Metadata`. About 10 s without any client frame closes the socket with
    1011 `NET-0001`. Priced at $0.0092 per audio minute.

    Args:
        account_id (str):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container.
        sample_rate (int | Unset):
        channels (int | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        interim_results (bool | Unset):
        endpointing (str | Unset):
        utterance_end_ms (int | Unset):
        vad_events (bool | Unset):
        punctuate (bool | Unset):
        smart_format (bool | Unset):
        keyterm (list[str] | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        detect_entities (bool | Unset):
        filler_words (bool | Unset):
        numerals (bool | Unset):
        profanity_filter (bool | Unset):
        redact (Nova3Redact | Unset): Kind of sensitive data to remove.
        replace (str | Unset):
        search (str | Unset):
        extra (str | Unset):
        mip_opt_out (bool | Unset):
        multichannel (bool | Unset):
        measurements (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        encoding=encoding,
        sample_rate=sample_rate,
        channels=channels,
        language=language,
        interim_results=interim_results,
        endpointing=endpointing,
        utterance_end_ms=utterance_end_ms,
        vad_events=vad_events,
        punctuate=punctuate,
        smart_format=smart_format,
        keyterm=keyterm,
        diarize=diarize,
        dictation=dictation,
        detect_entities=detect_entities,
        filler_words=filler_words,
        numerals=numerals,
        profanity_filter=profanity_filter,
        redact=redact,
        replace=replace,
        search=search,
        extra=extra,
        mip_opt_out=mip_opt_out,
        multichannel=multichannel,
        measurements=measurements,
        tag=tag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    encoding: Nova3Encoding | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    channels: int | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    interim_results: bool | Unset = UNSET,
    endpointing: str | Unset = UNSET,
    utterance_end_ms: int | Unset = UNSET,
    vad_events: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    redact: Nova3Redact | Unset = UNSET,
    replace: str | Unset = UNSET,
    search: str | Unset = UNSET,
    extra: str | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Any | ErrorEnvelope | None:
    """Open a WebSocket connection with @cf/deepgram/nova-3.

     Live transcription over the Deepgram v1 `listen` protocol. Upgrade with
    `Authorization: Bearer <token>`; options are query parameters. Send audio as binary
    frames and `Nova3KeepAlive`, `Nova3Finalize`, `Nova3CloseStream` as text frames; the
    server answers with `Nova3Results`, `Nova3UtteranceEnd`, `Nova3SpeechStarted` and a
    closing `Nova3Metadata`. About 10 s without any client frame closes the socket with
    1011 `NET-0001`. Priced at $0.0092 per audio minute.

    Args:
        account_id (str):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container.
        sample_rate (int | Unset):
        channels (int | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        interim_results (bool | Unset):
        endpointing (str | Unset):
        utterance_end_ms (int | Unset):
        vad_events (bool | Unset):
        punctuate (bool | Unset):
        smart_format (bool | Unset):
        keyterm (list[str] | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        detect_entities (bool | Unset):
        filler_words (bool | Unset):
        numerals (bool | Unset):
        profanity_filter (bool | Unset):
        redact (Nova3Redact | Unset): Kind of sensitive data to remove.
        replace (str | Unset):
        search (str | Unset):
        extra (str | Unset):
        mip_opt_out (bool | Unset):
        multichannel (bool | Unset):
        measurements (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        encoding=encoding,
        sample_rate=sample_rate,
        channels=channels,
        language=language,
        interim_results=interim_results,
        endpointing=endpointing,
        utterance_end_ms=utterance_end_ms,
        vad_events=vad_events,
        punctuate=punctuate,
        smart_format=smart_format,
        keyterm=keyterm,
        diarize=diarize,
        dictation=dictation,
        detect_entities=detect_entities,
        filler_words=filler_words,
        numerals=numerals,
        profanity_filter=profanity_filter,
        redact=redact,
        replace=replace,
        search=search,
        extra=extra,
        mip_opt_out=mip_opt_out,
        multichannel=multichannel,
        measurements=measurements,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    encoding: Nova3Encoding | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    channels: int | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    interim_results: bool | Unset = UNSET,
    endpointing: str | Unset = UNSET,
    utterance_end_ms: int | Unset = UNSET,
    vad_events: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    redact: Nova3Redact | Unset = UNSET,
    replace: str | Unset = UNSET,
    search: str | Unset = UNSET,
    extra: str | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Any | ErrorEnvelope]:
    """Open a WebSocket connection with @cf/deepgram/nova-3.

     Live transcription over the Deepgram v1 `listen` protocol. Upgrade with
    `Authorization: Bearer <token>`; options are query parameters. Send audio as binary
    frames and `Nova3KeepAlive`, `Nova3Finalize`, `Nova3CloseStream` as text frames; the
    server answers with `Nova3Results`, `Nova3UtteranceEnd`, `Nova3SpeechStarted` and a
    closing `Nova3Metadata`. About 10 s without any client frame closes the socket with
    1011 `NET-0001`. Priced at $0.0092 per audio minute.

    Args:
        account_id (str):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container.
        sample_rate (int | Unset):
        channels (int | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        interim_results (bool | Unset):
        endpointing (str | Unset):
        utterance_end_ms (int | Unset):
        vad_events (bool | Unset):
        punctuate (bool | Unset):
        smart_format (bool | Unset):
        keyterm (list[str] | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        detect_entities (bool | Unset):
        filler_words (bool | Unset):
        numerals (bool | Unset):
        profanity_filter (bool | Unset):
        redact (Nova3Redact | Unset): Kind of sensitive data to remove.
        replace (str | Unset):
        search (str | Unset):
        extra (str | Unset):
        mip_opt_out (bool | Unset):
        multichannel (bool | Unset):
        measurements (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        encoding=encoding,
        sample_rate=sample_rate,
        channels=channels,
        language=language,
        interim_results=interim_results,
        endpointing=endpointing,
        utterance_end_ms=utterance_end_ms,
        vad_events=vad_events,
        punctuate=punctuate,
        smart_format=smart_format,
        keyterm=keyterm,
        diarize=diarize,
        dictation=dictation,
        detect_entities=detect_entities,
        filler_words=filler_words,
        numerals=numerals,
        profanity_filter=profanity_filter,
        redact=redact,
        replace=replace,
        search=search,
        extra=extra,
        mip_opt_out=mip_opt_out,
        multichannel=multichannel,
        measurements=measurements,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    encoding: Nova3Encoding | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    channels: int | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    interim_results: bool | Unset = UNSET,
    endpointing: str | Unset = UNSET,
    utterance_end_ms: int | Unset = UNSET,
    vad_events: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    redact: Nova3Redact | Unset = UNSET,
    replace: str | Unset = UNSET,
    search: str | Unset = UNSET,
    extra: str | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Any | ErrorEnvelope | None:
    """Open a WebSocket connection with @cf/deepgram/nova-3.

     Live transcription over the Deepgram v1 `listen` protocol. Upgrade with
    `Authorization: Bearer <token>`; options are query parameters. Send audio as binary
    frames and `Nova3KeepAlive`, `Nova3Finalize`, `Nova3CloseStream` as text frames; the
    server answers with `Nova3Results`, `Nova3UtteranceEnd`, `Nova3SpeechStarted` and a
    closing `Nova3Metadata`. About 10 s without any client frame closes the socket with
    1011 `NET-0001`. Priced at $0.0092 per audio minute.

    Args:
        account_id (str):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container.
        sample_rate (int | Unset):
        channels (int | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        interim_results (bool | Unset):
        endpointing (str | Unset):
        utterance_end_ms (int | Unset):
        vad_events (bool | Unset):
        punctuate (bool | Unset):
        smart_format (bool | Unset):
        keyterm (list[str] | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        detect_entities (bool | Unset):
        filler_words (bool | Unset):
        numerals (bool | Unset):
        profanity_filter (bool | Unset):
        redact (Nova3Redact | Unset): Kind of sensitive data to remove.
        replace (str | Unset):
        search (str | Unset):
        extra (str | Unset):
        mip_opt_out (bool | Unset):
        multichannel (bool | Unset):
        measurements (bool | Unset):
        tag (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            encoding=encoding,
            sample_rate=sample_rate,
            channels=channels,
            language=language,
            interim_results=interim_results,
            endpointing=endpointing,
            utterance_end_ms=utterance_end_ms,
            vad_events=vad_events,
            punctuate=punctuate,
            smart_format=smart_format,
            keyterm=keyterm,
            diarize=diarize,
            dictation=dictation,
            detect_entities=detect_entities,
            filler_words=filler_words,
            numerals=numerals,
            profanity_filter=profanity_filter,
            redact=redact,
            replace=replace,
            search=search,
            extra=extra,
            mip_opt_out=mip_opt_out,
            multichannel=multichannel,
            measurements=measurements,
            tag=tag,
        )
    ).parsed
