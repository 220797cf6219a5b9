"""The runtime of the option contract: how the parameters that openapi.yaml describes are
checked, parsed from text and encoded for the wire.

Hand-written and at the bottom of the package stack: the generated contract
(``cfasr_client.contract``) holds the facts and imports these classes; the SDK, the emulator
and the command line use them through it.
"""

from .emulator_limit import EmulatorLimit
from .operation_checks import Operation
from .param_checks import Param
from .params import Params
from .service_limit import ServiceLimit
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
    "Params",
    "Reason",
    "ServiceLimit",
]
