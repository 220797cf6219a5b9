from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.batch_poll_request import BatchPollRequest
from ...models.error_envelope import ErrorEnvelope
from ...models.whisper_batch_request import WhisperBatchRequest
from ...models.whisper_input import WhisperInput
from ...models.whisper_response import WhisperResponse
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    body: File | BatchPollRequest | WhisperBatchRequest | WhisperInput | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/accounts/{account_id}/ai/run/@cf/openai/whisper-tiny-en".format(
            account_id=quote(str(account_id), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"
    if isinstance(body, BatchPollRequest | WhisperBatchRequest | WhisperInput):
        if isinstance(body, WhisperInput) or isinstance(body, WhisperBatchRequest):
            _kwargs["json"] = body.to_dict()
        else:
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WhisperResponse | None:
    if response.status_code == 200:
        response_200 = WhisperResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | WhisperResponse]:
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
    body: File | BatchPollRequest | WhisperBatchRequest | WhisperInput | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
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
) -> Response[ErrorEnvelope | WhisperResponse]:
    """Transcribe English speech with @cf/openai/whisper-tiny-en (beta).

     The English-only tiny Whisper. Same request and response contract as
    `@cf/openai/whisper`: a raw audio body or a JSON byte array.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
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
        body (BatchPollRequest | WhisperBatchRequest | WhisperInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WhisperResponse]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        queue_request=queue_request,
        tags=tags,
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
    body: File | BatchPollRequest | WhisperBatchRequest | WhisperInput | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
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
) -> ErrorEnvelope | WhisperResponse | None:
    """Transcribe English speech with @cf/openai/whisper-tiny-en (beta).

     The English-only tiny Whisper. Same request and response contract as
    `@cf/openai/whisper`: a raw audio body or a JSON byte array.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
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
        body (BatchPollRequest | WhisperBatchRequest | WhisperInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WhisperResponse
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        body=body,
        queue_request=queue_request,
        tags=tags,
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
    body: File | BatchPollRequest | WhisperBatchRequest | WhisperInput | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
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
) -> Response[ErrorEnvelope | WhisperResponse]:
    """Transcribe English speech with @cf/openai/whisper-tiny-en (beta).

     The English-only tiny Whisper. Same request and response contract as
    `@cf/openai/whisper`: a raw audio body or a JSON byte array.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
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
        body (BatchPollRequest | WhisperBatchRequest | WhisperInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WhisperResponse]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
        queue_request=queue_request,
        tags=tags,
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
    body: File | BatchPollRequest | WhisperBatchRequest | WhisperInput | Unset = UNSET,
    queue_request: bool | Unset = UNSET,
    tags: str | Unset = UNSET,
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
) -> ErrorEnvelope | WhisperResponse | None:
    """Transcribe English speech with @cf/openai/whisper-tiny-en (beta).

     The English-only tiny Whisper. Same request and response contract as
    `@cf/openai/whisper`: a raw audio body or a JSON byte array.

    Args:
        account_id (str):
        queue_request (bool | Unset):
        tags (str | Unset):
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
        body (BatchPollRequest | WhisperBatchRequest | WhisperInput):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WhisperResponse
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            body=body,
            queue_request=queue_request,
            tags=tags,
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
