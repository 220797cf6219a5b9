from enum import StrEnum


class FluxTurnEvent(StrEnum):
    EAGERENDOFTURN = "EagerEndOfTurn"
    ENDOFTURN = "EndOfTurn"
    STARTOFTURN = "StartOfTurn"
    TURNRESUMED = "TurnResumed"
    UPDATE = "Update"

    def __str__(self) -> str:
        return str(self.value)
