from enum import StrEnum


class Nova3Encoding(StrEnum):
    AMR_NB = "amr-nb"
    AMR_WB = "amr-wb"
    FLAC = "flac"
    G729 = "g729"
    LINEAR16 = "linear16"
    MULAW = "mulaw"
    OPUS = "opus"
    SPEEX = "speex"

    def __str__(self) -> str:
        return str(self.value)
