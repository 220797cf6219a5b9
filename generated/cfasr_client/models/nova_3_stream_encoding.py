from enum import StrEnum


class Nova3StreamEncoding(StrEnum):
    ALAW = "alaw"
    AMR_NB = "amr-nb"
    AMR_WB = "amr-wb"
    FLAC = "flac"
    G729 = "g729"
    LINEAR16 = "linear16"
    LINEAR32 = "linear32"
    MULAW = "mulaw"
    OGG_OPUS = "ogg-opus"
    OPUS = "opus"
    SPEEX = "speex"

    def __str__(self) -> str:
        return str(self.value)
