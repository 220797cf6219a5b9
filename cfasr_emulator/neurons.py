"""Neurons billed per request, from Cloudflare's published per-audio-minute prices.

Neurons cost $0.011 per 1,000, so a price per minute converts as ``price / 0.011 * 1000``.
"""

from __future__ import annotations

from typing import Literal

from cfasr_client.contract import operation_for

Transport = Literal["http", "websocket"]

USD_PER_NEURON = 0.011 / 1000


def neurons_per_minute(model: str, transport: Transport = "http") -> float:
    """Neurons per audio minute of the model's operation over ``transport``, from the price
    the spec records for it (``x-cfasr-price``)."""
    operation = operation_for(model, "websocket" if transport == "websocket" else "rest")
    if operation is not None and operation.neurons_per_audio_minute is not None:
        return operation.neurons_per_audio_minute
    if operation is None or operation.usd_per_audio_minute is None:
        raise ValueError(f"no price for {model} over {transport}")
    return operation.usd_per_audio_minute / USD_PER_NEURON


def neurons_for(model: str, audio_seconds: float, transport: Transport = "http") -> float:
    """Neurons for ``audio_seconds`` of audio (0 for no audio)."""
    return neurons_per_minute(model, transport) * max(audio_seconds, 0.0) / 60.0


def format_neurons(value: float) -> str:
    """Header text: up to six decimals, no trailing zeros (``"2.674"``, ``"0"``)."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"
