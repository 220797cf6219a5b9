from enum import StrEnum


class FluxEncoding(StrEnum):
    LINEAR16 = "linear16"

    def __str__(self) -> str:
        return str(self.value)
