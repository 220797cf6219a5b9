"""The AI Gateway routes' cache: bounded by openapi.yaml's limit, entries expire at their TTL."""

from __future__ import annotations

from cfasr_client.contract import EMULATOR_LIMITS

from cfasr_emulator.gateway_state import CachedAnswer, GatewayState, cache_key

ANSWER = CachedAnswer(status=200, headers=(), body=b"{}", expires=None)


def test_the_oldest_answer_goes_when_the_cache_is_full() -> None:
    state = GatewayState()
    size = EMULATOR_LIMITS["gateway_cache_entries"].value
    assert isinstance(size, int)
    keys = [cache_key([str(n).encode()]) for n in range(size + 1)]
    for key in keys:
        state.store(key, ANSWER)
    assert state.cached(keys[0]) is None
    assert state.cached(keys[1]) == ANSWER
    assert state.cached(keys[-1]) == ANSWER


def test_an_answer_expires_at_its_ttl() -> None:
    now = [1000.0]
    state = GatewayState(clock=lambda: now[0])
    state.store("k", CachedAnswer(200, (), b"{}", expires=state.expiry(60)))
    now[0] += 59.9
    assert state.cached("k") is not None
    now[0] += 0.1
    assert state.cached("k") is None


def test_cache_keys_tell_the_parts_apart() -> None:
    assert cache_key([b"ab", b"c"]) != cache_key([b"a", b"bc"])
