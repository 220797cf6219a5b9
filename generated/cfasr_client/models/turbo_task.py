from enum import StrEnum


class TurboTask(StrEnum):
    TRANSCRIBE = "transcribe"
    TRANSLATE = "translate"

    def __str__(self) -> str:
        return str(self.value)
