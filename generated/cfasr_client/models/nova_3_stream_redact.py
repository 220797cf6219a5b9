from enum import StrEnum


class Nova3StreamRedact(StrEnum):
    AGGRESSIVE_NUMBERS = "aggressive_numbers"
    FALSE = "false"
    NUMBERS = "numbers"
    PCI = "pci"
    SSN = "ssn"
    TRUE = "true"

    def __str__(self) -> str:
        return str(self.value)
