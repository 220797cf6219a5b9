"""One documented limit of Workers AI itself (:class:`ServiceLimit`), the record the generated
``SERVICE_LIMITS`` is made of.

Beside :class:`~cfasr_contract.EmulatorLimit` and apart from it: the service states these
(with a source), so the SDK paces or checks by them and the emulator defaults to them,
where an emulator limit is the emulator's own choice that the SDK never enforces.
"""

from __future__ import annotations

import attrs

__all__ = ["ServiceLimit"]


@attrs.frozen
class ServiceLimit:
    """A limit Cloudflare documents (openapi.yaml's ``x-cfasr-service-limits``): ``value`` in
    ``unit``, stated at ``source``."""

    name: str
    value: float
    unit: str
    source: str
    description: str
