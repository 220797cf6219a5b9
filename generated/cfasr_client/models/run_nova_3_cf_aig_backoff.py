from enum import StrEnum


class RunNova3CfAigBackoff(StrEnum):
    CONSTANT = "constant"
    EXPONENTIAL = "exponential"
    LINEAR = "linear"

    def __str__(self) -> str:
        return str(self.value)
