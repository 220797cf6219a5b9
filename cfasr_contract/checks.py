"""How a parameter of openapi.yaml checks, parses and encodes: the contract's runtime, under
the import path it has always had.

Hand-written, and the bottom of the stack: the generated contract (``cfasr_client.contract``)
imports it, nothing of ours is imported here. The facts themselves (names, types, ranges,
patterns, enums, defaults, repeatability, "required with" rules) live only in openapi.yaml
and reach this code as the generated ``catalog.OPERATIONS``.

The code lives in one module per job: :mod:`.terms` (kinds, body kinds and
:class:`OptionProblem`), :mod:`.param_checks` (one parameter's checks, :class:`Param`),
:mod:`.operation_checks` (the rules between parameters, :class:`Operation`) and
:mod:`.emulator_limit`. This module re-exports them so that ``from cfasr_contract.checks
import Param`` keeps working; new code imports from ``cfasr_contract``.
"""

from .emulator_limit import EmulatorLimit
from .operation_checks import Operation
from .param_checks import Param
from .terms import BODY_KINDS, BodyKind, Kind, Location, OptionProblem, Reason

__all__ = [
    "BODY_KINDS",
    "BodyKind",
    "EmulatorLimit",
    "Kind",
    "Location",
    "Operation",
    "OptionProblem",
    "Param",
    "Reason",
]
