"""openapi.yaml → ``cfasr_client/contract``: the option catalog, typed option signatures and
the options reference page.

openapi-python-client generates models and request builders, but not what every other layer
needs about an operation's options: their names, where they go, their types, ranges,
patterns, enums, defaults, repeatability and "required with" rules. This step emits them
once, from the spec, for the SDK, the emulator, the command line and the docs:

- ``catalog.py``: ``OPERATIONS``, one :class:`Operation` per operation id, with its Params
  (``generate_catalog.py``, which also writes ``gateway.py`` and ``emulator_limits.py``);
- ``params.py``: one typed parameter class per operation (``generate_params.py``);
- ``options.py``: one ``TypedDict`` per operation, so ``**options: Unpack[RunNova3Options]``
  gives mypy and editors every option with its type and description (``generate_options.py``);
- ``docs/reference/options.md``: every option of every operation (``generate_pages.py``).

This module writes the package; ``spec_options.py`` reads the spec into the plain data every
writer works from, and ``spec_provenance.py`` holds the rule that every fact has a source.

Spec extensions the readers take (all documented in openapi.yaml's info.description):
``x-cfasr-internal`` (a parameter the SDK sets itself, e.g. queueRequest),
``x-cfasr-required-when`` (``{other: [values]}``), ``x-cfasr-refused`` (why the service
refuses a described parameter), ``x-cfasr-source`` (where each fact comes from; a fact with
none fails generation), ``x-cfasr-departure`` (a deliberate difference from an upstream
schema, with its reason; read by ``drift.py``) and ``x-cfasr-emulator-limits`` (the
emulator's own limits, for ``emulator_limits.py`` and ``docs/reference/limits.md``).
"""

from __future__ import annotations

from pathlib import Path

from contract_runtime import checked_default
from generate_catalog import (
    INIT_SOURCE,
    catalog_source,
    emulator_limits_source,
    gateway_source,
    service_limits_source,
)
from generate_options import options_source
from generate_params import params_source
from spec_options import emulator_limits, gateway_headers, operations, service_limits
from spec_tree import load_spec

__all__ = ["load_spec", "operations", "write_package"]


def write_package(spec_path: Path, package_dir: Path) -> None:
    """Write ``package_dir/contract`` (the generated client package must exist)."""
    spec = load_spec(spec_path)
    ops = operations(spec)
    out = package_dir / "contract"
    out.mkdir(exist_ok=True)
    (out / "__init__.py").write_text(INIT_SOURCE, encoding="utf-8")
    (out / "catalog.py").write_text(catalog_source(ops), encoding="utf-8")
    (out / "options.py").write_text(options_source(ops), encoding="utf-8")
    (out / "params.py").write_text(params_source(ops, checked_default), encoding="utf-8")
    (out / "emulator_limits.py").write_text(
        emulator_limits_source(emulator_limits(spec)), encoding="utf-8"
    )
    (out / "service_limits.py").write_text(
        service_limits_source(service_limits(spec)), encoding="utf-8"
    )
    (out / "gateway.py").write_text(gateway_source(gateway_headers(spec)), encoding="utf-8")
