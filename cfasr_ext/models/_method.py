"""Namespaces and method descriptors: one request builder, four typed faces.

Each operation is written once, as a builder `build(model, audio, *, options...) -> Call[T]`.
The descriptors below turn it into `transcribe(...) -> T` on a sync namespace,
`async transcribe(...) -> T` on an async one, and the `RawResponse[T]` variants, keeping the
builder's signature (ParamSpec) so editors and mypy see the real options.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

from cfasr_ext._config import Settings
from cfasr_ext._errors import OptionError
from cfasr_ext._http import Call
from cfasr_ext._raw import RawResponse

__all__ = [
    "AsyncNamespace",
    "AsyncRequester",
    "SyncNamespace",
    "SyncRequester",
    "async_method",
    "async_raw_method",
    "sync_method",
    "sync_raw_method",
]

P = ParamSpec("P")
T = TypeVar("T")
Builder = Callable[Concatenate[str, P], Call[T]]


class SyncRequester(Protocol):
    settings: Settings

    def request(self, call: Call[T]) -> RawResponse[T]: ...


class AsyncRequester(Protocol):
    settings: Settings

    async def request(self, call: Call[T]) -> RawResponse[T]: ...


class SyncNamespace:
    """Methods of one model on a `Client`."""

    def __init__(self, client: SyncRequester, model: str) -> None:
        self._client = client
        self.model = model

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.model}>"


class AsyncNamespace:
    """Methods of one model on an `AsyncClient`."""

    def __init__(self, client: AsyncRequester, model: str) -> None:
        self._client = client
        self.model = model

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.model}>"


@functools.cache
def _signature(build: Callable[..., Any]) -> inspect.Signature:
    """Builders never change, so their signatures are computed once (it is on every call)."""
    return inspect.signature(build)


def build_call(build: Builder[P, T], model: str, *args: Any, **kwargs: Any) -> Call[T]:
    """Run a builder, turning an unknown or missing option into `OptionError`."""
    signature = _signature(build)
    try:
        signature.bind(model, *args, **kwargs)
    except TypeError as exc:
        names = [
            p.name
            for p in signature.parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        ]
        raise OptionError(f"{model}: {exc}. Valid options: {', '.join(names)}.") from None
    return build(model, *args, **kwargs)


class _Descriptor(Generic[P, T]):
    def __init__(self, build: Builder[P, T]) -> None:
        self.build = build
        self.__doc__ = build.__doc__


class sync_method(_Descriptor[P, T]):
    @overload
    def __get__(self, obj: None, owner: type) -> sync_method[P, T]: ...
    @overload
    def __get__(self, obj: SyncNamespace, owner: type) -> Callable[P, T]: ...
    def __get__(self, obj: SyncNamespace | None, owner: type) -> Any:
        if obj is None:
            return self

        @functools.wraps(self.build)
        def method(*args: P.args, **kwargs: P.kwargs) -> T:
            return obj._client.request(build_call(self.build, obj.model, *args, **kwargs)).parse()

        return method


class sync_raw_method(_Descriptor[P, T]):
    @overload
    def __get__(self, obj: None, owner: type) -> sync_raw_method[P, T]: ...
    @overload
    def __get__(self, obj: SyncNamespace, owner: type) -> Callable[P, RawResponse[T]]: ...
    def __get__(self, obj: SyncNamespace | None, owner: type) -> Any:
        if obj is None:
            return self

        @functools.wraps(self.build)
        def method(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            return obj._client.request(build_call(self.build, obj.model, *args, **kwargs))

        return method


class async_method(_Descriptor[P, T]):
    @overload
    def __get__(self, obj: None, owner: type) -> async_method[P, T]: ...
    @overload
    def __get__(self, obj: AsyncNamespace, owner: type) -> Callable[P, Coroutine[Any, Any, T]]: ...
    def __get__(self, obj: AsyncNamespace | None, owner: type) -> Any:
        if obj is None:
            return self

        @functools.wraps(self.build)
        async def method(*args: P.args, **kwargs: P.kwargs) -> T:
            call = build_call(self.build, obj.model, *args, **kwargs)
            return (await obj._client.request(call)).parse()

        return method


class async_raw_method(_Descriptor[P, T]):
    @overload
    def __get__(self, obj: None, owner: type) -> async_raw_method[P, T]: ...
    @overload
    def __get__(
        self, obj: AsyncNamespace, owner: type
    ) -> Callable[P, Coroutine[Any, Any, RawResponse[T]]]: ...
    def __get__(self, obj: AsyncNamespace | None, owner: type) -> Any:
        if obj is None:
            return self

        @functools.wraps(self.build)
        async def method(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
            return await obj._client.request(build_call(self.build, obj.model, *args, **kwargs))

        return method
