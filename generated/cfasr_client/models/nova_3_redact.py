from enum import StrEnum


class Nova3Redact(StrEnum):
    NUMBERS = "numbers"
    PCI = "pci"
    PII = "pii"

    def __str__(self) -> str:
        return str(self.value)
