"""Neurons billed per request, from Cloudflare's published per-audio-minute prices.

Neurons cost $0.011 per 1,000, so a price per minute converts as ``price / 0.011 * 1000``.
"""

from __future__ import annotations

from typing import Literal

Transport = Literal["http", "websocket"]

USD_PER_NEURON = 0.011 / 1000

_WHISPER_NEURONS_PER_MINUTE = 41.14
_USD_PER_MINUTE: dict[tuple[str, Transport], float] = {
    ("@cf/openai/whisper-large-v3-turbo", "http"): 0.00051,
    ("@cf/deepgram/nova-3", "http"): 0.0052,
    ("@cf/deepgram/nova-3", "websocket"): 0.0092,
    ("@cf/deepgram/nova-3-internal", "websocket"): 0.0092,
    ("@cf/deepgram/flux", "websocket"): 0.0077,
}


def neurons_per_minute(model: str, transport: Transport = "http") -> float:
    """Neurons per audio minute. whisper-tiny-en has no published price; whisper's is used."""
    if model in ("@cf/openai/whisper", "@cf/openai/whisper-tiny-en"):
        return _WHISPER_NEURONS_PER_MINUTE
    price = _USD_PER_MINUTE.get((model, transport))
    if price is None:
        raise ValueError(f"no price for {model} over {transport}")
    return price / USD_PER_NEURON


def neurons_for(model: str, audio_seconds: float, transport: Transport = "http") -> float:
    """Neurons for ``audio_seconds`` of audio (0 for no audio)."""
    return neurons_per_minute(model, transport) * max(audio_seconds, 0.0) / 60.0


def format_neurons(value: float) -> str:
    """Header text: up to six decimals, no trailing zeros (``"2.674"``, ``"0"``)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"
