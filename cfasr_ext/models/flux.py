"""@cf/deepgram/flux: live over a WebSocket; its REST POST carries configuration only.

Flux is a real-time turn-taking model that Cloudflare documents only over the WebSocket. The
POST exists in the schema with a configuration-only body, so `run_config` sends exactly that
(expect a 400 telling you to stream) and `transcribe` refuses up front. The faces are
generated from openapi.yaml (`_generated.py`, body kinds `config-json` and `listen-v2`); this
module keeps the names they had when they were written by hand.
"""

from __future__ import annotations

from cfasr_ext.models._generated import AsyncFlux, Flux, build_run_flux

__all__ = ["AsyncFlux", "Flux", "build_flux_run_config"]

build_flux_run_config = build_run_flux
