from enum import StrEnum


class Nova3Redact(StrEnum):
    FALSE = "false"
    NUMBERS = "numbers"
    PCI = "pci"
    PII = "pii"
    TRUE = "true"

    def __str__(self) -> str:
        return str(self.value)
