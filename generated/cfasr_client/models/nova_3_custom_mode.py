from enum import StrEnum


class Nova3CustomMode(StrEnum):
    EXTENDED = "extended"
    STRICT = "strict"

    def __str__(self) -> str:
        return str(self.value)
