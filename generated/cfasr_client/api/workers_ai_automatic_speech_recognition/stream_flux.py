from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.flux_encoding import FluxEncoding
from ...models.stream_flux_mip_opt_out import StreamFluxMipOptOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    account_id: str,
    *,
    encoding: FluxEncoding,
    sample_rate: str,
    eager_eot_threshold: str | Unset = UNSET,
    eot_threshold: str | Unset = UNSET,
    eot_timeout_ms: str | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    mip_opt_out: StreamFluxMipOptOut | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_encoding = encoding.value
    params["encoding"] = json_encoding

    params["sample_rate"] = sample_rate

    params["eager_eot_threshold"] = eager_eot_threshold

    params["eot_threshold"] = eot_threshold

    params["eot_timeout_ms"] = eot_timeout_ms

    json_keyterm: list[str] | Unset = UNSET
    if not isinstance(keyterm, Unset):
        json_keyterm = keyterm

    params["keyterm"] = json_keyterm

    json_mip_opt_out: str | Unset = UNSET
    if not isinstance(mip_opt_out, Unset):
        json_mip_opt_out = mip_opt_out.value

    params["mip_opt_out"] = json_mip_opt_out

    params["tag"] = tag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/accounts/{account_id}/ai/run/@cf/deepgram/flux".format(
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
    encoding: FluxEncoding,
    sample_rate: str,
    eager_eot_threshold: str | Unset = UNSET,
    eot_threshold: str | Unset = UNSET,
    eot_timeout_ms: str | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    mip_opt_out: StreamFluxMipOptOut | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Any | ErrorEnvelope]:
    """Open a WebSocket connection with @cf/deepgram/flux.

     Conversational speech recognition with turn detection (Deepgram v2 `listen`). Every
    option is a string. Send linear16 audio as binary frames (about 80 ms each) and
    `FluxConfigure`, `FluxForceEndTurn`, `FluxCloseStream` as text frames; the server
    answers `FluxConnected`, then `FluxTurnInfo` events, `FluxConfigureSuccess` /
    `FluxConfigureFailure` and `FluxError`. There is no KeepAlive: an idle socket closes
    after about 10 s, so idle clients send short silence frames. Priced at $0.0077 per
    audio minute.

    Args:
        account_id (str):
        encoding (FluxEncoding): Flux audio encoding; Workers AI takes linear16 only.
        sample_rate (str):  Example: 16000.
        eager_eot_threshold (str | Unset): Eager end-of-turn confidence as a decimal string,
            0.3-0.9.
        eot_threshold (str | Unset): End-of-turn confidence as a decimal string, 0.5-0.9.
        eot_timeout_ms (str | Unset): End-of-turn timeout in milliseconds as digits, 500-60000.
        keyterm (list[str] | Unset):
        mip_opt_out (StreamFluxMipOptOut | Unset):
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
        eager_eot_threshold=eager_eot_threshold,
        eot_threshold=eot_threshold,
        eot_timeout_ms=eot_timeout_ms,
        keyterm=keyterm,
        mip_opt_out=mip_opt_out,
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
    encoding: FluxEncoding,
    sample_rate: str,
    eager_eot_threshold: str | Unset = UNSET,
    eot_threshold: str | Unset = UNSET,
    eot_timeout_ms: str | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    mip_opt_out: StreamFluxMipOptOut | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Any | ErrorEnvelope | None:
    """Open a WebSocket connection with @cf/deepgram/flux.

     Conversational speech recognition with turn detection (Deepgram v2 `listen`). Every
    option is a string. Send linear16 audio as binary frames (about 80 ms each) and
    `FluxConfigure`, `FluxForceEndTurn`, `FluxCloseStream` as text frames; the server
    answers `FluxConnected`, then `FluxTurnInfo` events, `FluxConfigureSuccess` /
    `FluxConfigureFailure` and `FluxError`. There is no KeepAlive: an idle socket closes
    after about 10 s, so idle clients send short silence frames. Priced at $0.0077 per
    audio minute.

    Args:
        account_id (str):
        encoding (FluxEncoding): Flux audio encoding; Workers AI takes linear16 only.
        sample_rate (str):  Example: 16000.
        eager_eot_threshold (str | Unset): Eager end-of-turn confidence as a decimal string,
            0.3-0.9.
        eot_threshold (str | Unset): End-of-turn confidence as a decimal string, 0.5-0.9.
        eot_timeout_ms (str | Unset): End-of-turn timeout in milliseconds as digits, 500-60000.
        keyterm (list[str] | Unset):
        mip_opt_out (StreamFluxMipOptOut | Unset):
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
        eager_eot_threshold=eager_eot_threshold,
        eot_threshold=eot_threshold,
        eot_timeout_ms=eot_timeout_ms,
        keyterm=keyterm,
        mip_opt_out=mip_opt_out,
        tag=tag,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    encoding: FluxEncoding,
    sample_rate: str,
    eager_eot_threshold: str | Unset = UNSET,
    eot_threshold: str | Unset = UNSET,
    eot_timeout_ms: str | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    mip_opt_out: StreamFluxMipOptOut | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Response[Any | ErrorEnvelope]:
    """Open a WebSocket connection with @cf/deepgram/flux.

     Conversational speech recognition with turn detection (Deepgram v2 `listen`). Every
    option is a string. Send linear16 audio as binary frames (about 80 ms each) and
    `FluxConfigure`, `FluxForceEndTurn`, `FluxCloseStream` as text frames; the server
    answers `FluxConnected`, then `FluxTurnInfo` events, `FluxConfigureSuccess` /
    `FluxConfigureFailure` and `FluxError`. There is no KeepAlive: an idle socket closes
    after about 10 s, so idle clients send short silence frames. Priced at $0.0077 per
    audio minute.

    Args:
        account_id (str):
        encoding (FluxEncoding): Flux audio encoding; Workers AI takes linear16 only.
        sample_rate (str):  Example: 16000.
        eager_eot_threshold (str | Unset): Eager end-of-turn confidence as a decimal string,
            0.3-0.9.
        eot_threshold (str | Unset): End-of-turn confidence as a decimal string, 0.5-0.9.
        eot_timeout_ms (str | Unset): End-of-turn timeout in milliseconds as digits, 500-60000.
        keyterm (list[str] | Unset):
        mip_opt_out (StreamFluxMipOptOut | Unset):
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
        eager_eot_threshold=eager_eot_threshold,
        eot_threshold=eot_threshold,
        eot_timeout_ms=eot_timeout_ms,
        keyterm=keyterm,
        mip_opt_out=mip_opt_out,
        tag=tag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    encoding: FluxEncoding,
    sample_rate: str,
    eager_eot_threshold: str | Unset = UNSET,
    eot_threshold: str | Unset = UNSET,
    eot_timeout_ms: str | Unset = UNSET,
    keyterm: list[str] | Unset = UNSET,
    mip_opt_out: StreamFluxMipOptOut | Unset = UNSET,
    tag: str | Unset = UNSET,
) -> Any | ErrorEnvelope | None:
    """Open a WebSocket connection with @cf/deepgram/flux.

     Conversational speech recognition with turn detection (Deepgram v2 `listen`). Every
    option is a string. Send linear16 audio as binary frames (about 80 ms each) and
    `FluxConfigure`, `FluxForceEndTurn`, `FluxCloseStream` as text frames; the server
    answers `FluxConnected`, then `FluxTurnInfo` events, `FluxConfigureSuccess` /
    `FluxConfigureFailure` and `FluxError`. There is no KeepAlive: an idle socket closes
    after about 10 s, so idle clients send short silence frames. Priced at $0.0077 per
    audio minute.

    Args:
        account_id (str):
        encoding (FluxEncoding): Flux audio encoding; Workers AI takes linear16 only.
        sample_rate (str):  Example: 16000.
        eager_eot_threshold (str | Unset): Eager end-of-turn confidence as a decimal string,
            0.3-0.9.
        eot_threshold (str | Unset): End-of-turn confidence as a decimal string, 0.5-0.9.
        eot_timeout_ms (str | Unset): End-of-turn timeout in milliseconds as digits, 500-60000.
        keyterm (list[str] | Unset):
        mip_opt_out (StreamFluxMipOptOut | Unset):
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
            eager_eot_threshold=eager_eot_threshold,
            eot_threshold=eot_threshold,
            eot_timeout_ms=eot_timeout_ms,
            keyterm=keyterm,
            mip_opt_out=mip_opt_out,
            tag=tag,
        )
    ).parsed
