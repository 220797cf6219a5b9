"""Multichannel transcripts: nova-3 results with one `channels[]` entry per audio channel
become one `Transcript` whose words and segments keep their channel, and whose SRT, VTT
and JSON keep the channels apart."""

from __future__ import annotations

import json
from typing import Any

from cfasr_client.models import Nova3Result

from cfasr_ext._convert import transcript_from_result
from cfasr_ext.subtitles import parse_srt, parse_vtt
from cfasr_ext.transcript import Segment, Transcript, Word


def _channel(*words: tuple[str, float, float]) -> dict[str, Any]:
    return {
        "alternatives": [
            {
                "transcript": " ".join(text for text, _, _ in words),
                "confidence": 0.9,
                "words": [
                    {
                        "word": text.lower().strip(".?"),
                        "punctuated_word": text,
                        "start": start,
                        "end": end,
                        "confidence": 0.9,
                    }
                    for text, start, end in words
                ],
            }
        ]
    }


def stereo_result() -> Nova3Result:
    """An agent on channel 0 and a caller on channel 1 who starts talking over the agent."""
    return Nova3Result.from_dict(
        {
            "metadata": {"channels": 2, "duration": 6.0},
            "results": {
                "channels": [
                    _channel(
                        ("Thanks", 0.5, 0.9),
                        ("for", 0.9, 1.0),
                        ("calling.", 1.0, 1.5),
                        ("Goodbye.", 5.0, 5.5),
                    ),
                    _channel(
                        ("Hello,", 1.2, 1.6),
                        ("I", 1.7, 1.8),
                        ("need", 1.8, 2.0),
                        ("help.", 2.0, 2.4),
                    ),
                ]
            },
        }
    )


def test_each_word_and_segment_keeps_its_channel() -> None:
    transcript = transcript_from_result("nova-3", stereo_result())
    assert transcript.channels == (0, 1)
    assert [(w.text, w.channel) for w in transcript.words] == [
        ("Thanks", 0),
        ("for", 0),
        ("calling.", 0),
        ("Hello,", 1),
        ("I", 1),
        ("need", 1),
        ("help.", 1),
        ("Goodbye.", 0),
    ]
    assert [(s.text, s.channel) for s in transcript.segments] == [
        ("Thanks for calling.", 0),
        ("Hello, I need help.", 1),
        ("Goodbye.", 0),
    ]
    assert transcript.text == "Thanks for calling. Hello, I need help. Goodbye."
    assert transcript.for_channel(1).text == "Hello, I need help."
    assert {w.channel for w in transcript.for_channel(0).words} == {0}


def test_a_single_channel_result_stays_mono() -> None:
    result = Nova3Result.from_dict({"results": {"channels": [_channel(("Hi.", 0.1, 0.4))]}})
    transcript = transcript_from_result("nova-3", result)
    assert transcript.channels == ()
    assert transcript.words == (Word("Hi.", 0.1, 0.4, confidence=0.9),)
    assert "channel" not in transcript.to_json()


def test_json_keeps_the_channels_and_reads_them_back() -> None:
    transcript = transcript_from_result("nova-3", stereo_result())
    data = json.loads(transcript.to_json())
    assert data["words"][3] == {
        "text": "Hello,",
        "start": 1.2,
        "end": 1.6,
        "confidence": 0.9,
        "speaker": None,
        "channel": 1,
    }
    assert [s["channel"] for s in data["segments"]] == [0, 1, 0]
    assert Transcript.from_json(transcript.to_json()) == transcript


def test_srt_and_vtt_cues_are_labelled_by_channel_and_may_overlap() -> None:
    transcript = transcript_from_result("nova-3", stereo_result())
    srt = transcript.to_srt()
    assert "[channel 0] Thanks for calling." in srt
    assert "[channel 1] Hello, I need help." in srt
    cues = parse_srt(srt)
    assert [(cue.channel, cue.text) for cue in cues] == [
        (0, "Thanks for calling."),
        (1, "Hello, I need help."),
        (0, "Goodbye."),
    ]
    assert cues[1].start < cues[0].end  # the caller talks over the agent: both on screen
    vtt = transcript.to_vtt()
    assert vtt.startswith("WEBVTT\n")
    assert [(cue.channel, cue.text) for cue in parse_vtt(vtt)] == [
        (cue.channel, cue.text) for cue in cues
    ]


def test_mono_subtitles_have_no_label() -> None:
    transcript = Transcript.from_words([Word("Hi.", 0.0, 0.5)], model="m")
    assert "[channel" not in transcript.to_srt()
    assert parse_srt(transcript.to_srt())[0].channel is None


def test_shifted_segments_keep_their_channel() -> None:
    segment = Segment("Hi.", 1.0, 2.0, (Word("Hi.", 1.0, 2.0, channel=1),), channel=1)
    moved = segment.shifted(10.0)
    assert (moved.channel, moved.words[0].channel, moved.start) == (1, 1, 11.0)
