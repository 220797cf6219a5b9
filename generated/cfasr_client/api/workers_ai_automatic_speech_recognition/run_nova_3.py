from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_poll_request import BatchPollRequest
from ...models.error_envelope import ErrorEnvelope
from ...models.nova_3_batch_request import Nova3BatchRequest
from ...models.nova_3_custom_mode import Nova3CustomMode
from ...models.nova_3_encoding import Nova3Encoding
from ...models.nova_3_language import Nova3Language
from ...models.nova_3_mode import Nova3Mode
from ...models.nova_3_redact import Nova3Redact
from ...models.nova_3_response import Nova3Response
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    body: File | BatchPollRequest | Nova3BatchRequest | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
    custom_topic_mode: Nova3CustomMode | Unset = UNSET,
    custom_topic: list[str] | Unset = UNSET,
    custom_intent_mode: Nova3CustomMode | Unset = UNSET,
    custom_intent: list[str] | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    detect_language: bool | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    encoding: Nova3Encoding | Unset = UNSET,
    extra: list[str] | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    keywords: str | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    mode: Nova3Mode | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    paragraphs: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    redact: list[Nova3Redact] | Unset = UNSET,
    replace: list[str] | Unset = UNSET,
    search: list[str] | Unset = UNSET,
    sentiment: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    topics: bool | Unset = UNSET,
    utterances: bool | Unset = UNSET,
    utt_split: float | Unset = UNSET,
    channels: int | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    cf_aig_authorization: str | Unset = UNSET,
    cf_aig_skip_cache: str | Unset = UNSET,
    cf_aig_cache_ttl: str | Unset = UNSET,
    cf_aig_cache_key: str | Unset = UNSET,
    cf_aig_collect_log: str | Unset = UNSET,
    cf_aig_request_timeout: str | Unset = UNSET,
    cf_aig_max_attempts: str | Unset = UNSET,
    cf_aig_retry_delay: str | Unset = UNSET,
    cf_aig_backoff: str | Unset = UNSET,
    cf_aig_metadata: str | Unset = UNSET,
    cf_aig_event_id: str | Unset = UNSET,
    cf_aig_custom_cost: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(cf_aig_authorization, Unset):
        headers["cf-aig-authorization"] = cf_aig_authorization

    if not isinstance(cf_aig_skip_cache, Unset):
        headers["cf-aig-skip-cache"] = cf_aig_skip_cache

    if not isinstance(cf_aig_cache_ttl, Unset):
        headers["cf-aig-cache-ttl"] = cf_aig_cache_ttl

    if not isinstance(cf_aig_cache_key, Unset):
        headers["cf-aig-cache-key"] = cf_aig_cache_key

    if not isinstance(cf_aig_collect_log, Unset):
        headers["cf-aig-collect-log"] = cf_aig_collect_log

    if not isinstance(cf_aig_request_timeout, Unset):
        headers["cf-aig-request-timeout"] = cf_aig_request_timeout

    if not isinstance(cf_aig_max_attempts, Unset):
        headers["cf-aig-max-attempts"] = cf_aig_max_attempts

    if not isinstance(cf_aig_retry_delay, Unset):
        headers["cf-aig-retry-delay"] = cf_aig_retry_delay

    if not isinstance(cf_aig_backoff, Unset):
        headers["cf-aig-backoff"] = cf_aig_backoff

    if not isinstance(cf_aig_metadata, Unset):
        headers["cf-aig-metadata"] = cf_aig_metadata

    if not isinstance(cf_aig_event_id, Unset):
        headers["cf-aig-event-id"] = cf_aig_event_id

    if not isinstance(cf_aig_custom_cost, Unset):
        headers["cf-aig-custom-cost"] = cf_aig_custom_cost

    params: dict[str, Any] = {}

    params["queueRequest"] = queue_request

    params["tags"] = tags

    json_custom_topic_mode: str | Unset = UNSET
    if not isinstance(custom_topic_mode, Unset):
        json_custom_topic_mode = custom_topic_mode.value

    params["custom_topic_mode"] = json_custom_topic_mode

    json_custom_topic: list[str] | Unset = UNSET
    if not isinstance(custom_topic, Unset):
        json_custom_topic = custom_topic

    params["custom_topic"] = json_custom_topic

    json_custom_intent_mode: str | Unset = UNSET
    if not isinstance(custom_intent_mode, Unset):
        json_custom_intent_mode = custom_intent_mode.value

    params["custom_intent_mode"] = json_custom_intent_mode

    json_custom_intent: list[str] | Unset = UNSET
    if not isinstance(custom_intent, Unset):
        json_custom_intent = custom_intent

    params["custom_intent"] = json_custom_intent

    params["detect_entities"] = detect_entities

    params["detect_language"] = detect_language

    params["diarize"] = diarize

    params["dictation"] = dictation

    json_encoding: str | Unset = UNSET
    if not isinstance(encoding, Unset):
        json_encoding = encoding.value

    params["encoding"] = json_encoding

    json_extra: list[str] | Unset = UNSET
    if not isinstance(extra, Unset):
        json_extra = extra

    params["extra"] = json_extra

    params["filler_words"] = filler_words

    json_keyterm: list[str] | Unset = UNSET
    if not isinstance(keyterm, Unset):
        json_keyterm = keyterm

    params["keyterm"] = json_keyterm

    params["keywords"] = keywords

    json_language: str | Unset = UNSET
    if not isinstance(language, Unset):
        json_language = language.value

    params["language"] = json_language

    params["measurements"] = measurements

    params["mip_opt_out"] = mip_opt_out

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

    params["multichannel"] = multichannel

    params["numerals"] = numerals

    params["paragraphs"] = paragraphs

    params["profanity_filter"] = profanity_filter

    params["punctuate"] = punctuate

    json_redact: list[str] | Unset = UNSET
    if not isinstance(redact, Unset):
        json_redact = []
        for redact_item_data in redact:
            redact_item = redact_item_data.value
            json_redact.append(redact_item)

    params["redact"] = json_redact

    json_replace: list[str] | Unset = UNSET
    if not isinstance(replace, Unset):
        json_replace = replace

    params["replace"] = json_replace

    json_search: list[str] | Unset = UNSET
    if not isinstance(search, Unset):
        json_search = search

    params["search"] = json_search

    params["sentiment"] = sentiment

    params["smart_format"] = smart_format

    params["topics"] = topics

    params["utterances"] = utterances

    params["utt_split"] = utt_split

    params["channels"] = channels

    params["sample_rate"] = sample_rate

    json_tag: list[str] | Unset = UNSET
    if not isinstance(tag, Unset):
        json_tag = tag

    params["tag"] = json_tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/accounts/{account_id}/ai/run/@cf/deepgram/nova-3".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"
    if isinstance(body, BatchPollRequest | Nova3BatchRequest):
        if isinstance(body, Nova3BatchRequest):
            _kwargs["json"] = body.to_dict()
        else:
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | Nova3Response | None:
    if response.status_code == 200:
        response_200 = Nova3Response.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 405:
        response_405 = ErrorEnvelope.from_dict(response.json())

        return response_405

    if response.status_code == 408:
        response_408 = ErrorEnvelope.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = ErrorEnvelope.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | Nova3Response]:
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
    body: File | BatchPollRequest | Nova3BatchRequest | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
    custom_topic_mode: Nova3CustomMode | Unset = UNSET,
    custom_topic: list[str] | Unset = UNSET,
    custom_intent_mode: Nova3CustomMode | Unset = UNSET,
    custom_intent: list[str] | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    detect_language: bool | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    encoding: Nova3Encoding | Unset = UNSET,
    extra: list[str] | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    keywords: str | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    mode: Nova3Mode | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    paragraphs: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    redact: list[Nova3Redact] | Unset = UNSET,
    replace: list[str] | Unset = UNSET,
    search: list[str] | Unset = UNSET,
    sentiment: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    topics: bool | Unset = UNSET,
    utterances: bool | Unset = UNSET,
    utt_split: float | Unset = UNSET,
    channels: int | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    cf_aig_authorization: str | Unset = UNSET,
    cf_aig_skip_cache: str | Unset = UNSET,
    cf_aig_cache_ttl: str | Unset = UNSET,
    cf_aig_cache_key: str | Unset = UNSET,
    cf_aig_collect_log: str | Unset = UNSET,
    cf_aig_request_timeout: str | Unset = UNSET,
    cf_aig_max_attempts: str | Unset = UNSET,
    cf_aig_retry_delay: str | Unset = UNSET,
    cf_aig_backoff: str | Unset = UNSET,
    cf_aig_metadata: str | Unset = UNSET,
    cf_aig_event_id: str | Unset = UNSET,
    cf_aig_custom_cost: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Nova3Response]:
    """Transcribe a recording with @cf/deepgram/nova-3.

     Deepgram Nova-3 pre-recorded transcription. The body is the raw audio file with its
    audio MIME type (`audio/wav`, `audio/mpeg`, ...) or `application/octet-stream`; every
    Deepgram option travels in the query string, booleans as `true`/`false`. The JSON
    `{"audio": {"body", "contentType"}}` form that Cloudflare's own schema advertises is
    refused over REST (5006), so it is not described as a single request. nova-3 is
    flagged for asynchronous batches: with `queueRequest=true` a raw body is queued as a
    one-item batch, and a JSON body is a batch (`{"requests": [...]}`, see
    `Nova3BatchRequest`) or a poll (`{"request_id": "..."}`). Workers AI does not say how a
    binary-input model's batch items carry their audio; the item shape here follows
    Cloudflare's own nova-3 input schema and is untested. Priced at $0.0052 per audio
    minute.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
        custom_topic_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_topic (list[str] | Unset):
        custom_intent_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_intent (list[str] | Unset):
        detect_entities (bool | Unset):
        detect_language (bool | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container, over
            REST.
        extra (list[str] | Unset):
        filler_words (bool | Unset):
        keyterm (list[str] | Unset):
        keywords (str | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        measurements (bool | Unset):
        mip_opt_out (bool | Unset):
        mode (Nova3Mode | Unset): Vocabulary domain.
        multichannel (bool | Unset):
        numerals (bool | Unset):
        paragraphs (bool | Unset):
        profanity_filter (bool | Unset):
        punctuate (bool | Unset):
        redact (list[Nova3Redact] | Unset):
        replace (list[str] | Unset):
        search (list[str] | Unset):
        sentiment (bool | Unset):
        smart_format (bool | Unset):
        topics (bool | Unset):
        utterances (bool | Unset):
        utt_split (float | Unset):
        channels (int | Unset):
        sample_rate (int | Unset):
        tag (list[str] | Unset):
        cf_aig_authorization (str | Unset):
        cf_aig_skip_cache (str | Unset):
        cf_aig_cache_ttl (str | Unset):
        cf_aig_cache_key (str | Unset):
        cf_aig_collect_log (str | Unset):
        cf_aig_request_timeout (str | Unset):
        cf_aig_max_attempts (str | Unset):
        cf_aig_retry_delay (str | Unset):
        cf_aig_backoff (str | Unset):
        cf_aig_metadata (str | Unset):
        cf_aig_event_id (str | Unset):
        cf_aig_custom_cost (str | Unset):
        body (File): An encoded audio file (wav, mp3, flac, ogg/opus, webm, m4a), or raw PCM when
            nova-3's `encoding` is set.
        body (BatchPollRequest | Nova3BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Nova3Response]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        queue_request=queue_request,
        tags=tags,
        custom_topic_mode=custom_topic_mode,
        custom_topic=custom_topic,
        custom_intent_mode=custom_intent_mode,
        custom_intent=custom_intent,
        detect_entities=detect_entities,
        detect_language=detect_language,
        diarize=diarize,
        dictation=dictation,
        encoding=encoding,
        extra=extra,
        filler_words=filler_words,
        keyterm=keyterm,
        keywords=keywords,
        language=language,
        measurements=measurements,
        mip_opt_out=mip_opt_out,
        mode=mode,
        multichannel=multichannel,
        numerals=numerals,
        paragraphs=paragraphs,
        profanity_filter=profanity_filter,
        punctuate=punctuate,
        redact=redact,
        replace=replace,
        search=search,
        sentiment=sentiment,
        smart_format=smart_format,
        topics=topics,
        utterances=utterances,
        utt_split=utt_split,
        channels=channels,
        sample_rate=sample_rate,
        tag=tag,
        cf_aig_authorization=cf_aig_authorization,
        cf_aig_skip_cache=cf_aig_skip_cache,
        cf_aig_cache_ttl=cf_aig_cache_ttl,
        cf_aig_cache_key=cf_aig_cache_key,
        cf_aig_collect_log=cf_aig_collect_log,
        cf_aig_request_timeout=cf_aig_request_timeout,
        cf_aig_max_attempts=cf_aig_max_attempts,
        cf_aig_retry_delay=cf_aig_retry_delay,
        cf_aig_backoff=cf_aig_backoff,
        cf_aig_metadata=cf_aig_metadata,
        cf_aig_event_id=cf_aig_event_id,
        cf_aig_custom_cost=cf_aig_custom_cost,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File | BatchPollRequest | Nova3BatchRequest | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
    custom_topic_mode: Nova3CustomMode | Unset = UNSET,
    custom_topic: list[str] | Unset = UNSET,
    custom_intent_mode: Nova3CustomMode | Unset = UNSET,
    custom_intent: list[str] | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    detect_language: bool | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    encoding: Nova3Encoding | Unset = UNSET,
    extra: list[str] | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    keywords: str | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    mode: Nova3Mode | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    paragraphs: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    redact: list[Nova3Redact] | Unset = UNSET,
    replace: list[str] | Unset = UNSET,
    search: list[str] | Unset = UNSET,
    sentiment: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    topics: bool | Unset = UNSET,
    utterances: bool | Unset = UNSET,
    utt_split: float | Unset = UNSET,
    channels: int | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    cf_aig_authorization: str | Unset = UNSET,
    cf_aig_skip_cache: str | Unset = UNSET,
    cf_aig_cache_ttl: str | Unset = UNSET,
    cf_aig_cache_key: str | Unset = UNSET,
    cf_aig_collect_log: str | Unset = UNSET,
    cf_aig_request_timeout: str | Unset = UNSET,
    cf_aig_max_attempts: str | Unset = UNSET,
    cf_aig_retry_delay: str | Unset = UNSET,
    cf_aig_backoff: str | Unset = UNSET,
    cf_aig_metadata: str | Unset = UNSET,
    cf_aig_event_id: str | Unset = UNSET,
    cf_aig_custom_cost: str | Unset = UNSET,
) -> ErrorEnvelope | Nova3Response | None:
    """Transcribe a recording with @cf/deepgram/nova-3.

     Deepgram Nova-3 pre-recorded transcription. The body is the raw audio file with its
    audio MIME type (`audio/wav`, `audio/mpeg`, ...) or `application/octet-stream`; every
    Deepgram option travels in the query string, booleans as `true`/`false`. The JSON
    `{"audio": {"body", "contentType"}}` form that Cloudflare's own schema advertises is
    refused over REST (5006), so it is not described as a single request. nova-3 is
    flagged for asynchronous batches: with `queueRequest=true` a raw body is queued as a
    one-item batch, and a JSON body is a batch (`{"requests": [...]}`, see
    `Nova3BatchRequest`) or a poll (`{"request_id": "..."}`). Workers AI does not say how a
    binary-input model's batch items carry their audio; the item shape here follows
    Cloudflare's own nova-3 input schema and is untested. Priced at $0.0052 per audio
    minute.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
        custom_topic_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_topic (list[str] | Unset):
        custom_intent_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_intent (list[str] | Unset):
        detect_entities (bool | Unset):
        detect_language (bool | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container, over
            REST.
        extra (list[str] | Unset):
        filler_words (bool | Unset):
        keyterm (list[str] | Unset):
        keywords (str | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        measurements (bool | Unset):
        mip_opt_out (bool | Unset):
        mode (Nova3Mode | Unset): Vocabulary domain.
        multichannel (bool | Unset):
        numerals (bool | Unset):
        paragraphs (bool | Unset):
        profanity_filter (bool | Unset):
        punctuate (bool | Unset):
        redact (list[Nova3Redact] | Unset):
        replace (list[str] | Unset):
        search (list[str] | Unset):
        sentiment (bool | Unset):
        smart_format (bool | Unset):
        topics (bool | Unset):
        utterances (bool | Unset):
        utt_split (float | Unset):
        channels (int | Unset):
        sample_rate (int | Unset):
        tag (list[str] | Unset):
        cf_aig_authorization (str | Unset):
        cf_aig_skip_cache (str | Unset):
        cf_aig_cache_ttl (str | Unset):
        cf_aig_cache_key (str | Unset):
        cf_aig_collect_log (str | Unset):
        cf_aig_request_timeout (str | Unset):
        cf_aig_max_attempts (str | Unset):
        cf_aig_retry_delay (str | Unset):
        cf_aig_backoff (str | Unset):
        cf_aig_metadata (str | Unset):
        cf_aig_event_id (str | Unset):
        cf_aig_custom_cost (str | Unset):
        body (File): An encoded audio file (wav, mp3, flac, ogg/opus, webm, m4a), or raw PCM when
            nova-3's `encoding` is set.
        body (BatchPollRequest | Nova3BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Nova3Response
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        body=body,
        queue_request=queue_request,
        tags=tags,
        custom_topic_mode=custom_topic_mode,
        custom_topic=custom_topic,
        custom_intent_mode=custom_intent_mode,
        custom_intent=custom_intent,
        detect_entities=detect_entities,
        detect_language=detect_language,
        diarize=diarize,
        dictation=dictation,
        encoding=encoding,
        extra=extra,
        filler_words=filler_words,
        keyterm=keyterm,
        keywords=keywords,
        language=language,
        measurements=measurements,
        mip_opt_out=mip_opt_out,
        mode=mode,
        multichannel=multichannel,
        numerals=numerals,
        paragraphs=paragraphs,
        profanity_filter=profanity_filter,
        punctuate=punctuate,
        redact=redact,
        replace=replace,
        search=search,
        sentiment=sentiment,
        smart_format=smart_format,
        topics=topics,
        utterances=utterances,
        utt_split=utt_split,
        channels=channels,
        sample_rate=sample_rate,
        tag=tag,
        cf_aig_authorization=cf_aig_authorization,
        cf_aig_skip_cache=cf_aig_skip_cache,
        cf_aig_cache_ttl=cf_aig_cache_ttl,
        cf_aig_cache_key=cf_aig_cache_key,
        cf_aig_collect_log=cf_aig_collect_log,
        cf_aig_request_timeout=cf_aig_request_timeout,
        cf_aig_max_attempts=cf_aig_max_attempts,
        cf_aig_retry_delay=cf_aig_retry_delay,
        cf_aig_backoff=cf_aig_backoff,
        cf_aig_metadata=cf_aig_metadata,
        cf_aig_event_id=cf_aig_event_id,
        cf_aig_custom_cost=cf_aig_custom_cost,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File | BatchPollRequest | Nova3BatchRequest | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
    custom_topic_mode: Nova3CustomMode | Unset = UNSET,
    custom_topic: list[str] | Unset = UNSET,
    custom_intent_mode: Nova3CustomMode | Unset = UNSET,
    custom_intent: list[str] | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    detect_language: bool | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    encoding: Nova3Encoding | Unset = UNSET,
    extra: list[str] | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    keywords: str | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    mode: Nova3Mode | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    paragraphs: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    redact: list[Nova3Redact] | Unset = UNSET,
    replace: list[str] | Unset = UNSET,
    search: list[str] | Unset = UNSET,
    sentiment: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    topics: bool | Unset = UNSET,
    utterances: bool | Unset = UNSET,
    utt_split: float | Unset = UNSET,
    channels: int | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    cf_aig_authorization: str | Unset = UNSET,
    cf_aig_skip_cache: str | Unset = UNSET,
    cf_aig_cache_ttl: str | Unset = UNSET,
    cf_aig_cache_key: str | Unset = UNSET,
    cf_aig_collect_log: str | Unset = UNSET,
    cf_aig_request_timeout: str | Unset = UNSET,
    cf_aig_max_attempts: str | Unset = UNSET,
    cf_aig_retry_delay: str | Unset = UNSET,
    cf_aig_backoff: str | Unset = UNSET,
    cf_aig_metadata: str | Unset = UNSET,
    cf_aig_event_id: str | Unset = UNSET,
    cf_aig_custom_cost: str | Unset = UNSET,
) -> Response[ErrorEnvelope | Nova3Response]:
    """Transcribe a recording with @cf/deepgram/nova-3.

     Deepgram Nova-3 pre-recorded transcription. The body is the raw audio file with its
    audio MIME type (`audio/wav`, `audio/mpeg`, ...) or `application/octet-stream`; every
    Deepgram option travels in the query string, booleans as `true`/`false`. The JSON
    `{"audio": {"body", "contentType"}}` form that Cloudflare's own schema advertises is
    refused over REST (5006), so it is not described as a single request. nova-3 is
    flagged for asynchronous batches: with `queueRequest=true` a raw body is queued as a
    one-item batch, and a JSON body is a batch (`{"requests": [...]}`, see
    `Nova3BatchRequest`) or a poll (`{"request_id": "..."}`). Workers AI does not say how a
    binary-input model's batch items carry their audio; the item shape here follows
    Cloudflare's own nova-3 input schema and is untested. Priced at $0.0052 per audio
    minute.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
        custom_topic_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_topic (list[str] | Unset):
        custom_intent_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_intent (list[str] | Unset):
        detect_entities (bool | Unset):
        detect_language (bool | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container, over
            REST.
        extra (list[str] | Unset):
        filler_words (bool | Unset):
        keyterm (list[str] | Unset):
        keywords (str | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        measurements (bool | Unset):
        mip_opt_out (bool | Unset):
        mode (Nova3Mode | Unset): Vocabulary domain.
        multichannel (bool | Unset):
        numerals (bool | Unset):
        paragraphs (bool | Unset):
        profanity_filter (bool | Unset):
        punctuate (bool | Unset):
        redact (list[Nova3Redact] | Unset):
        replace (list[str] | Unset):
        search (list[str] | Unset):
        sentiment (bool | Unset):
        smart_format (bool | Unset):
        topics (bool | Unset):
        utterances (bool | Unset):
        utt_split (float | Unset):
        channels (int | Unset):
        sample_rate (int | Unset):
        tag (list[str] | Unset):
        cf_aig_authorization (str | Unset):
        cf_aig_skip_cache (str | Unset):
        cf_aig_cache_ttl (str | Unset):
        cf_aig_cache_key (str | Unset):
        cf_aig_collect_log (str | Unset):
        cf_aig_request_timeout (str | Unset):
        cf_aig_max_attempts (str | Unset):
        cf_aig_retry_delay (str | Unset):
        cf_aig_backoff (str | Unset):
        cf_aig_metadata (str | Unset):
        cf_aig_event_id (str | Unset):
        cf_aig_custom_cost (str | Unset):
        body (File): An encoded audio file (wav, mp3, flac, ogg/opus, webm, m4a), or raw PCM when
            nova-3's `encoding` is set.
        body (BatchPollRequest | Nova3BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | Nova3Response]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        queue_request=queue_request,
        tags=tags,
        custom_topic_mode=custom_topic_mode,
        custom_topic=custom_topic,
        custom_intent_mode=custom_intent_mode,
        custom_intent=custom_intent,
        detect_entities=detect_entities,
        detect_language=detect_language,
        diarize=diarize,
        dictation=dictation,
        encoding=encoding,
        extra=extra,
        filler_words=filler_words,
        keyterm=keyterm,
        keywords=keywords,
        language=language,
        measurements=measurements,
        mip_opt_out=mip_opt_out,
        mode=mode,
        multichannel=multichannel,
        numerals=numerals,
        paragraphs=paragraphs,
        profanity_filter=profanity_filter,
        punctuate=punctuate,
        redact=redact,
        replace=replace,
        search=search,
        sentiment=sentiment,
        smart_format=smart_format,
        topics=topics,
        utterances=utterances,
        utt_split=utt_split,
        channels=channels,
        sample_rate=sample_rate,
        tag=tag,
        cf_aig_authorization=cf_aig_authorization,
        cf_aig_skip_cache=cf_aig_skip_cache,
        cf_aig_cache_ttl=cf_aig_cache_ttl,
        cf_aig_cache_key=cf_aig_cache_key,
        cf_aig_collect_log=cf_aig_collect_log,
        cf_aig_request_timeout=cf_aig_request_timeout,
        cf_aig_max_attempts=cf_aig_max_attempts,
        cf_aig_retry_delay=cf_aig_retry_delay,
        cf_aig_backoff=cf_aig_backoff,
        cf_aig_metadata=cf_aig_metadata,
        cf_aig_event_id=cf_aig_event_id,
        cf_aig_custom_cost=cf_aig_custom_cost,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: File | BatchPollRequest | Nova3BatchRequest | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
    custom_topic_mode: Nova3CustomMode | Unset = UNSET,
    custom_topic: list[str] | Unset = UNSET,
    custom_intent_mode: Nova3CustomMode | Unset = UNSET,
    custom_intent: list[str] | Unset = UNSET,
    detect_entities: bool | Unset = UNSET,
    detect_language: bool | Unset = UNSET,
    diarize: bool | Unset = UNSET,
    dictation: bool | Unset = UNSET,
    encoding: Nova3Encoding | Unset = UNSET,
    extra: list[str] | Unset = UNSET,
    filler_words: bool | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    keywords: str | Unset = UNSET,
    language: Nova3Language | Unset = UNSET,
    measurements: bool | Unset = UNSET,
    mip_opt_out: bool | Unset = UNSET,
    mode: Nova3Mode | Unset = UNSET,
    multichannel: bool | Unset = UNSET,
    numerals: bool | Unset = UNSET,
    paragraphs: bool | Unset = UNSET,
    profanity_filter: bool | Unset = UNSET,
    punctuate: bool | Unset = UNSET,
    redact: list[Nova3Redact] | Unset = UNSET,
    replace: list[str] | Unset = UNSET,
    search: list[str] | Unset = UNSET,
    sentiment: bool | Unset = UNSET,
    smart_format: bool | Unset = UNSET,
    topics: bool | Unset = UNSET,
    utterances: bool | Unset = UNSET,
    utt_split: float | Unset = UNSET,
    channels: int | Unset = UNSET,
    sample_rate: int | Unset = UNSET,
    tag: list[str] | Unset = UNSET,
    cf_aig_authorization: str | Unset = UNSET,
    cf_aig_skip_cache: str | Unset = UNSET,
    cf_aig_cache_ttl: str | Unset = UNSET,
    cf_aig_cache_key: str | Unset = UNSET,
    cf_aig_collect_log: str | Unset = UNSET,
    cf_aig_request_timeout: str | Unset = UNSET,
    cf_aig_max_attempts: str | Unset = UNSET,
    cf_aig_retry_delay: str | Unset = UNSET,
    cf_aig_backoff: str | Unset = UNSET,
    cf_aig_metadata: str | Unset = UNSET,
    cf_aig_event_id: str | Unset = UNSET,
    cf_aig_custom_cost: str | Unset = UNSET,
) -> ErrorEnvelope | Nova3Response | None:
    """Transcribe a recording with @cf/deepgram/nova-3.

     Deepgram Nova-3 pre-recorded transcription. The body is the raw audio file with its
    audio MIME type (`audio/wav`, `audio/mpeg`, ...) or `application/octet-stream`; every
    Deepgram option travels in the query string, booleans as `true`/`false`. The JSON
    `{"audio": {"body", "contentType"}}` form that Cloudflare's own schema advertises is
    refused over REST (5006), so it is not described as a single request. nova-3 is
    flagged for asynchronous batches: with `queueRequest=true` a raw body is queued as a
    one-item batch, and a JSON body is a batch (`{"requests": [...]}`, see
    `Nova3BatchRequest`) or a poll (`{"request_id": "..."}`). Workers AI does not say how a
    binary-input model's batch items carry their audio; the item shape here follows
    Cloudflare's own nova-3 input schema and is untested. Priced at $0.0052 per audio
    minute.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
        custom_topic_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_topic (list[str] | Unset):
        custom_intent_mode (Nova3CustomMode | Unset): Whether only custom items are reported
            (strict) or the model's own too (extended).
        custom_intent (list[str] | Unset):
        detect_entities (bool | Unset):
        detect_language (bool | Unset):
        diarize (bool | Unset):
        dictation (bool | Unset):
        encoding (Nova3Encoding | Unset): Encoding of raw audio sent without a container, over
            REST.
        extra (list[str] | Unset):
        filler_words (bool | Unset):
        keyterm (list[str] | Unset):
        keywords (str | Unset):
        language (Nova3Language | Unset): Languages Workers AI's Nova-3 accepts, plus `multi`.
        measurements (bool | Unset):
        mip_opt_out (bool | Unset):
        mode (Nova3Mode | Unset): Vocabulary domain.
        multichannel (bool | Unset):
        numerals (bool | Unset):
        paragraphs (bool | Unset):
        profanity_filter (bool | Unset):
        punctuate (bool | Unset):
        redact (list[Nova3Redact] | Unset):
        replace (list[str] | Unset):
        search (list[str] | Unset):
        sentiment (bool | Unset):
        smart_format (bool | Unset):
        topics (bool | Unset):
        utterances (bool | Unset):
        utt_split (float | Unset):
        channels (int | Unset):
        sample_rate (int | Unset):
        tag (list[str] | Unset):
        cf_aig_authorization (str | Unset):
        cf_aig_skip_cache (str | Unset):
        cf_aig_cache_ttl (str | Unset):
        cf_aig_cache_key (str | Unset):
        cf_aig_collect_log (str | Unset):
        cf_aig_request_timeout (str | Unset):
        cf_aig_max_attempts (str | Unset):
        cf_aig_retry_delay (str | Unset):
        cf_aig_backoff (str | Unset):
        cf_aig_metadata (str | Unset):
        cf_aig_event_id (str | Unset):
        cf_aig_custom_cost (str | Unset):
        body (File): An encoded audio file (wav, mp3, flac, ogg/opus, webm, m4a), or raw PCM when
            nova-3's `encoding` is set.
        body (BatchPollRequest | Nova3BatchRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | Nova3Response
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            body=body,
            queue_request=queue_request,
            tags=tags,
            custom_topic_mode=custom_topic_mode,
            custom_topic=custom_topic,
            custom_intent_mode=custom_intent_mode,
            custom_intent=custom_intent,
            detect_entities=detect_entities,
            detect_language=detect_language,
            diarize=diarize,
            dictation=dictation,
            encoding=encoding,
            extra=extra,
            filler_words=filler_words,
            keyterm=keyterm,
            keywords=keywords,
            language=language,
            measurements=measurements,
            mip_opt_out=mip_opt_out,
            mode=mode,
            multichannel=multichannel,
            numerals=numerals,
            paragraphs=paragraphs,
            profanity_filter=profanity_filter,
            punctuate=punctuate,
            redact=redact,
            replace=replace,
            search=search,
            sentiment=sentiment,
            smart_format=smart_format,
            topics=topics,
            utterances=utterances,
            utt_split=utt_split,
            channels=channels,
            sample_rate=sample_rate,
            tag=tag,
            cf_aig_authorization=cf_aig_authorization,
            cf_aig_skip_cache=cf_aig_skip_cache,
            cf_aig_cache_ttl=cf_aig_cache_ttl,
            cf_aig_cache_key=cf_aig_cache_key,
            cf_aig_collect_log=cf_aig_collect_log,
            cf_aig_request_timeout=cf_aig_request_timeout,
            cf_aig_max_attempts=cf_aig_max_attempts,
            cf_aig_retry_delay=cf_aig_retry_delay,
            cf_aig_backoff=cf_aig_backoff,
            cf_aig_metadata=cf_aig_metadata,
            cf_aig_event_id=cf_aig_event_id,
            cf_aig_custom_cost=cf_aig_custom_cost,
        )
    ).parsed
