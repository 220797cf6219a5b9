"""``cfasr_contract.checks`` keeps every name it had before the runtime was split into one
module per job (issue 26): code outside this repository imports ``from
cfasr_contract.checks import Param``, and must get the very class the package exports."""

from __future__ import annotations

import cfasr_contract
from cfasr_contract import checks


def test_checks_still_exports_every_runtime_name_but_params() -> None:
    assert set(checks.__all__) == set(cfasr_contract.__all__) - {"Params"}


def test_checks_names_are_the_package_objects_not_copies() -> None:
    for name in checks.__all__:
        assert getattr(checks, name) is getattr(cfasr_contract, name), name
