from enum import StrEnum


class Nova3Mode(StrEnum):
    FINANCE = "finance"
    GENERAL = "general"
    MEDICAL = "medical"

    def __str__(self) -> str:
        return str(self.value)
