from enum import StrEnum


class Nova3Language(StrEnum):
    DE = "de"
    DE_CH = "de-CH"
    EN = "en"
    EN_AU = "en-AU"
    EN_GB = "en-GB"
    EN_IN = "en-IN"
    EN_NZ = "en-NZ"
    EN_US = "en-US"
    ES = "es"
    ES_419 = "es-419"
    FR = "fr"
    FR_CA = "fr-CA"
    HI = "hi"
    IT = "it"
    JA = "ja"
    MULTI = "multi"
    NL = "nl"
    PT = "pt"
    PT_BR = "pt-BR"
    PT_PT = "pt-PT"
    RU = "ru"

    def __str__(self) -> str:
        return str(self.value)
