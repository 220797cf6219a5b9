"""Each model's result, parsed by the generated `from_dict`, becomes the same Transcript shape.

Payloads follow /work/shared/api-facts.md §13 (Cloudflare docs and third-party captures).
"""

from __future__ import annotations

from typing import Any

import pytest
from cfasr_client.models import Nova3Result, TurboResult, WhisperResult

from cfasr_ext._convert import transcript_from_result
from cfasr_ext.transcript import Segment, Word

WHISPER_DOCS_EXAMPLE: dict[str, Any] = {
    "text": "It is a good day",
    "word_count": 5,
    "words": [
        {"word": "It", "start": 0.5600000023841858, "end": 1},
        {"word": "is", "start": 1, "end": 1.100000023841858},
        {"word": "a", "start": 1.100000023841858, "end": 1.2200000286102295},
        {"word": "good", "start": 1.2200000286102295, "end": 1.3200000524520874},
        {"word": "day", "start": 1.3200000524520874, "end": 1.4600000381469727},
    ],
    "vtt": "WEBVTT\n\n00:00.560 --> 00:01.460\nIt is a good day\n\n",
}

TURBO_CAPTURE: dict[str, Any] = {
    "transcription_info": {
        "language": "en",
        "language_probability": 1,
        "duration": 11.9684375,
        "duration_after_vad": 11.9684375,
    },
    "text": " The quick brown fox. It jumps.",
    "word_count": 6,
    "segments": [
        {
            "start": 0,
            "end": 2.1,
            "text": " The quick brown fox.",
            "temperature": 0,
            "avg_logprob": -0.0996,
            "compression_ratio": 1.32,
            "no_speech_prob": 0,
            "words": [
                {"word": " The", "start": 0, "end": 0.14},
                {"word": " quick", "start": 0.14, "end": 0.5},
                {"word": " brown", "start": 0.5, "end": 0.9},
                {"word": " fox.", "start": 0.9, "end": 2.1},
            ],
        },
        {
            "start": 3.0,
            "end": 4.0,
            "text": " It jumps.",
            "words": [
                {"word": " It", "start": 3.0, "end": 3.3},
                {"word": " jumps.", "start": 3.3, "end": 4.0},
            ],
        },
    ],
    "vtt": "WEBVTT\n\n00:00.000 --> 00:00.140\n The\n\n",
}

NOVA_3_FULL: dict[str, Any] = {
    "metadata": {"request_id": "r-1", "duration": 1.25, "channels": 1},
    "results": {
        "channels": [
            {
                "detected_language": "en",
                "alternatives": [
                    {
                        "transcript": "Hello world.",
                        "confidence": 0.998,
                        "words": [
                            {
                                "word": "hello",
                                "start": 0.08,
                                "end": 0.4,
                                "confidence": 0.99,
                                "punctuated_word": "Hello",
                                "speaker": 0,
                            },
                            {
                                "word": "world",
                                "start": 0.4,
                                "end": 0.8,
                                "confidence": 0.97,
                                "punctuated_word": "world.",
                                "speaker": 0,
                            },
                        ],
                    }
                ],
            }
        ]
    },
}


def test_whisper_words_keep_their_times_and_have_no_confidence() -> None:
    result = WhisperResult.from_dict(WHISPER_DOCS_EXAMPLE)
    transcript = transcript_from_result("@cf/openai/whisper", result)
    assert transcript.text == "It is a good day"
    assert transcript.words[0] == Word("It", 0.5600000023841858, 1.0)
    assert [w.text for w in transcript.words] == ["It", "is", "a", "good", "day"]
    assert transcript.segments == (
        Segment("It is a good day", 0.5600000023841858, 1.4600000381469727, transcript.words),
    )
    assert (transcript.language, transcript.duration) == (None, None)
    assert transcript.model == "@cf/openai/whisper"
    assert transcript.raw is result


def test_whisper_tiny_en_is_known_to_be_english() -> None:
    result = WhisperResult.from_dict(WHISPER_DOCS_EXAMPLE)
    assert transcript_from_result("@cf/openai/whisper-tiny-en", result).language == "en"


def test_whisper_without_words_falls_back_to_its_own_vtt_for_segments() -> None:
    result = WhisperResult.from_dict(
        {"text": "It is a good day", "vtt": WHISPER_DOCS_EXAMPLE["vtt"]}
    )
    transcript = transcript_from_result("@cf/openai/whisper", result)
    assert transcript.words == ()
    assert transcript.segments == (Segment("It is a good day", 0.56, 1.46),)


def test_turbo_strips_leading_spaces_and_reads_language_and_duration() -> None:
    transcript = transcript_from_result(
        "@cf/openai/whisper-large-v3-turbo", TurboResult.from_dict(TURBO_CAPTURE)
    )
    assert transcript.text == "The quick brown fox. It jumps."
    assert [w.text for w in transcript.words] == ["The", "quick", "brown", "fox.", "It", "jumps."]
    assert [(s.text, s.start, s.end) for s in transcript.segments] == [
        ("The quick brown fox.", 0.0, 2.1),
        ("It jumps.", 3.0, 4.0),
    ]
    assert transcript.segments[1].words == transcript.words[4:]
    assert (transcript.language, transcript.duration) == ("en", 11.9684375)


def test_turbo_capture_without_words_keeps_its_segments() -> None:
    capture = {
        "transcription_info": {"language": "en", "duration": 8.31275},
        "text": "Oh",
        "segments": [{"start": 0.0, "end": 0.6, "text": " Oh"}],
    }
    transcript = transcript_from_result("turbo", TurboResult.from_dict(capture))
    assert transcript.segments == (Segment("Oh", 0.0, 0.6),)
    assert transcript.words == ()
    assert transcript.to_srt() == "1\n00:00:00,000 --> 00:00:00,600\nOh\n"


def test_nova_3_prefers_punctuated_words_and_keeps_confidence_and_speaker() -> None:
    transcript = transcript_from_result("@cf/deepgram/nova-3", Nova3Result.from_dict(NOVA_3_FULL))
    assert transcript.text == "Hello world."
    assert transcript.words == (
        Word("Hello", 0.08, 0.4, confidence=0.99, speaker=0),
        Word("world.", 0.4, 0.8, confidence=0.97, speaker=0),
    )
    assert (transcript.language, transcript.duration) == ("en", 1.25)
    assert [s.text for s in transcript.segments] == ["Hello world."]


def test_nova_3_minimal_envelope_result_gives_text_only() -> None:
    minimal = {"results": {"channels": [{"alternatives": [{"transcript": "nova works"}]}]}}
    transcript = transcript_from_result("@cf/deepgram/nova-3", Nova3Result.from_dict(minimal))
    assert transcript.text == "nova works"
    assert transcript.words == ()
    assert transcript.segments == ()
    assert (transcript.language, transcript.duration) == (None, None)


@pytest.mark.parametrize(
    "payload", [{"results": {"channels": []}}, {"results": {"channels": [{}]}}]
)
def test_nova_3_with_everything_missing_gives_an_empty_transcript(payload: dict[str, Any]) -> None:
    transcript = transcript_from_result("@cf/deepgram/nova-3", Nova3Result.from_dict(payload))
    assert (transcript.text, transcript.words, transcript.segments) == ("", (), ())


def test_nova_3_falls_back_to_plain_words_and_joins_them_when_no_transcript() -> None:
    payload = {
        "results": {
            "channels": [
                {
                    "alternatives": [
                        {
                            "languages": ["es"],
                            "words": [
                                {"word": "hola", "start": 0.1, "end": 0.3},
                                {"word": "amigo", "start": 0.3, "end": 0.6},
                            ],
                        }
                    ]
                }
            ]
        }
    }
    transcript = transcript_from_result("@cf/deepgram/nova-3", Nova3Result.from_dict(payload))
    assert transcript.text == "hola amigo"
    assert transcript.language == "es"


def test_words_with_missing_or_inverted_times_are_repaired_not_rejected() -> None:
    payload = {
        "text": "a b c d",
        "words": [
            {"word": " a", "start": 0.5, "end": 0.7},
            {"word": "b"},
            {"word": "c", "start": 1.2, "end": 1.0},
            {"start": 2.0, "end": 2.2},
            {"word": "d", "end": 3.0},
        ],
    }
    transcript = transcript_from_result("@cf/openai/whisper", WhisperResult.from_dict(payload))
    assert transcript.words == (
        Word("a", 0.5, 0.7),
        Word("b", 0.7, 0.7),
        Word("c", 1.2, 1.2),
        Word("d", 1.2, 3.0),
    )


def test_other_objects_are_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected WhisperResult, TurboResult or Nova3Result"):
        transcript_from_result("m", {"text": "dict"})  # type: ignore[arg-type]
