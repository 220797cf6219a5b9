"""Engine results → each model's response shape, built with the generated models of
``cfasr_client`` so that what the emulator sends is what openapi.yaml describes.

Only data the engine really produced appears: no speakers, sentiments or topics are
invented; options that would need them are reported in nova-3's ``metadata.warnings``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from cfasr_client.models import (
    Nova3Alternative,
    Nova3Channel,
    Nova3Metadata,
    Nova3MetadataExtra,
    Nova3MetadataModelInfo,
    Nova3ModelInfo,
    Nova3Paragraph,
    Nova3Paragraphs,
    Nova3Result,
    Nova3Results,
    Nova3Search,
    Nova3SearchHit,
    Nova3Sentence,
    Nova3Utterance,
    Nova3Warning,
    Nova3Word,
    TurboResult,
    TurboSegment,
    TurboTranscriptionInfo,
    TurboWord,
    WhisperResult,
    WhisperWord,
)

from ..engine import EngineResult, EngineWord, LanguageDetection
from ..heard_word import StreamWord, bare_word
from ..word_options import extra_fields, paragraphs, paragraphs_transcript, replaced, search
from .nova3_input import Nova3Options

SKIPPED_NOTE = (
    "cfasr emulator: recognition skipped (engine mode 'skip', for transport benchmarks); "
    "the transcript is empty on purpose"
)


def _timestamp(seconds: float) -> str:
    millis = round(max(seconds, 0.0) * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    base = f"{minutes:02d}:{secs:02d}.{ms:03d}"
    return f"{hours:02d}:{base}" if hours else base


def vtt(words: Sequence[EngineWord], *, leading_space: bool) -> str:
    """WebVTT with one cue per word, as Workers AI's Whisper models return it."""
    cues = ["WEBVTT\n"]
    for w in words:
        text = w.word if leading_space else w.word.strip()
        cues.append(f"{_timestamp(w.start)} --> {_timestamp(w.end)}\n{text}\n")
    return "\n".join(cues) + ("\n" if len(cues) > 1 else "")


def _seconds(value: float) -> float:
    return round(value, 3)


def whisper_result(result: EngineResult) -> dict[str, Any]:
    """@cf/openai/whisper and whisper-tiny-en: text, word_count, words, vtt."""
    words = [w for w in result.words if w.word.strip()]
    return WhisperResult(
        text=result.text.strip(),
        word_count=len(words),
        words=[
            WhisperWord(word=w.word.strip(), start=_seconds(w.start), end=_seconds(w.end))
            for w in words
        ],
        vtt=vtt(words, leading_space=False),
    ).to_dict()


def turbo_result(result: EngineResult) -> dict[str, Any]:
    """whisper-large-v3-turbo: segment and word texts keep Whisper's leading spaces."""
    words = [w for w in result.words if w.word.strip()]
    return TurboResult(
        text=result.text.strip(),
        transcription_info=TurboTranscriptionInfo(
            language=result.language,
            language_probability=round(result.language_probability, 4),
            duration=result.duration,
            duration_after_vad=result.duration_after_vad,
        ),
        word_count=len(words),
        segments=[
            TurboSegment(
                start=_seconds(s.start),
                end=_seconds(s.end),
                text=s.text,
                temperature=s.temperature,
                avg_logprob=s.avg_logprob,
                compression_ratio=s.compression_ratio,
                no_speech_prob=s.no_speech_prob,
                words=[
                    TurboWord(word=w.word, start=_seconds(w.start), end=_seconds(w.end))
                    for w in s.words
                ],
            )
            for s in result.segments
        ],
        vtt=vtt(words, leading_space=True),
    ).to_dict()


def _heard(result: EngineResult, replace: Sequence[str]) -> tuple[StreamWord, ...]:
    """The engine's words as Deepgram spells them, with their speakers when diarized and
    ``replace`` rules applied."""
    speakers = result.diarization
    heard = tuple(
        StreamWord(
            bare_word(w.word),
            w.word.strip(),
            _seconds(w.start),
            _seconds(w.end),
            round(w.probability, 4),
            speaker=speakers.speakers[index] if speakers else None,
            speaker_confidence=round(speakers.confidences[index], 4) if speakers else None,
        )
        for index, w in enumerate(result.words)
        if bare_word(w.word)
    )
    return replaced(heard, replace)


def _nova3_words(words: Sequence[StreamWord], punctuate: bool) -> list[Nova3Word]:
    return [
        Nova3Word(
            word=w.word,
            start=w.start,
            end=w.end,
            confidence=w.confidence,
            punctuated_word=w.punctuated if punctuate else None,
            speaker=w.speaker,
            speaker_confidence=w.speaker_confidence,
        )
        for w in words
    ]


def _paragraphs(
    words: Sequence[StreamWord], speech: Sequence[tuple[float, float]]
) -> Nova3Paragraphs:
    found = paragraphs(words, sorted(speech))
    return Nova3Paragraphs(
        transcript=paragraphs_transcript(found),
        paragraphs=[
            Nova3Paragraph(
                sentences=[
                    Nova3Sentence(text=s.text, start=s.start, end=s.end) for s in p.sentences
                ],
                start=p.start,
                end=p.end,
                num_words=p.num_words,
                speaker=p.speaker,
            )
            for p in found
        ],
    )


def _search(words: Sequence[StreamWord], queries: Sequence[str]) -> list[Nova3Search]:
    return [
        Nova3Search(
            query=query,
            hits=[
                Nova3SearchHit(confidence=h.confidence, start=h.start, end=h.end, snippet=h.snippet)
                for h in search(words, query)
            ],
        )
        for query in queries
    ]


def _transcript(words: Sequence[Nova3Word], punctuate: bool) -> str:
    texts = [
        str(w.punctuated_word) if punctuate and w.punctuated_word else str(w.word) for w in words
    ]
    return " ".join(texts)


def _confidence(words: Sequence[Nova3Word]) -> float:
    values = [float(w.confidence) for w in words if isinstance(w.confidence, float)]
    return round(sum(values) / len(values), 4) if values else 0.0


def _merge(regions: Sequence[tuple[float, float]], pause: float) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(regions):
        if merged and start - merged[-1][1] < pause:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _region_of(start: float, regions: Sequence[tuple[float, float]]) -> int:
    """Index of the last region that begins before the word (words stretch over pauses)."""
    index = 0
    for i, (region_start, _) in enumerate(regions):
        if region_start <= start + 0.1:
            index = i
    return index


def _utterances(
    words: Sequence[Nova3Word],
    regions: Sequence[tuple[float, float]],
    pause: float,
    punctuate: bool,
    channel: int = 0,
) -> list[Nova3Utterance]:
    """Group words by VAD speech regions separated by at least ``pause`` s (``utt_split``).

    VAD decides, not word times, because Whisper stretches a last word over the silence.
    Ids are given later, once the utterances of every channel are in time order.
    """
    merged = _merge(regions, pause) or [(0.0, float("inf"))]
    groups: dict[int, list[Nova3Word]] = {}
    for w in words:
        groups.setdefault(_region_of(float(w.start), merged), []).append(  # type: ignore[arg-type]
            w
        )
    return [
        Nova3Utterance(
            start=g[0].start,
            end=g[-1].end,
            confidence=_confidence(g),
            channel=channel,
            transcript=_transcript(g, punctuate),
            words=g,
            speaker=g[0].speaker,
        )
        for region in (groups[k] for k in sorted(groups))
        for g in _by_speaker(region)
    ]


def _by_speaker(words: list[Nova3Word]) -> list[list[Nova3Word]]:
    """Runs of words said by one speaker (one run when the words carry no speaker)."""
    runs: list[list[Nova3Word]] = []
    for word in words:
        if runs and runs[-1][-1].speaker == word.speaker:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _numbered(utterances: list[Nova3Utterance], request_id: str) -> list[Nova3Utterance]:
    """Utterances of all channels in time order (channel order on ties), with stable ids."""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, request_id)
    ordered = sorted(utterances, key=lambda u: (float(u.start), int(u.channel)))  # type: ignore[arg-type]
    for index, utterance in enumerate(ordered):
        utterance.id = str(uuid.uuid5(namespace, str(index)))
    return ordered


def model_uuid(model_name: str) -> str:
    """A stable id per local model, standing in for Deepgram's model uuid."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cfasr-emulator/{model_name}"))


def _nova3_channel(
    result: EngineResult,
    options: Nova3Options,
    detection: LanguageDetection | None,
    speech: Sequence[tuple[float, float]] = (),
) -> tuple[Nova3Channel, list[Nova3Word]]:
    heard = _heard(result, options.replace)
    words = _nova3_words(heard, options.punctuate)
    channel = Nova3Channel(
        alternatives=[
            Nova3Alternative(
                transcript=_transcript(words, options.punctuate),
                confidence=_confidence(words),
                words=words,
                paragraphs=_paragraphs(heard, speech) if options.paragraphs else None,
            )
        ],
        search=_search(heard, options.search) if options.search else None,
    )
    if options.detect_language:
        channel.detected_language = detection.language if detection else result.language
        channel.language_confidence = round(
            detection.probability if detection else result.language_probability, 4
        )
    return channel, words


def nova3_channels_result(
    heard: Sequence[tuple[EngineResult, Sequence[tuple[float, float]]]],
    *,
    options: Nova3Options,
    request_id: str,
    sha256: str,
    created: str,
    detection: LanguageDetection | None = None,
) -> dict[str, Any]:
    """nova-3 with one ``results.channels[]`` entry per (engine result, VAD regions) pair:
    one for mixed-down audio, one per audio channel with ``multichannel=true``, as Deepgram
    answers (``metadata.channels`` counts them; utterances carry their ``channel``)."""
    channels: list[Nova3Channel] = []
    utterances: list[Nova3Utterance] = []
    for index, (result, regions) in enumerate(heard):
        channel, words = _nova3_channel(result, options, detection, regions)
        channels.append(channel)
        if options.utterances:
            utterances += _utterances(
                words, regions, options.utt_split, options.punctuate, channel=index
            )
    first = heard[0][0]
    skipped = any(result.recognition_skipped for result, _ in heard)
    warnings = [
        Nova3Warning(parameter=name, type_="unsupported", message=f"{name}: {reason}")
        for name, reason in options.not_applied
    ]
    if skipped:
        warnings.append(
            Nova3Warning(parameter="engine", type_="recognition_skipped", message=SKIPPED_NOTE)
        )
    model_id = model_uuid(first.model_name)
    model_info = Nova3MetadataModelInfo()
    model_info[model_id] = Nova3ModelInfo(
        name=f"cfasr-emulator-{first.model_name}",
        version="faster-whisper-int8" if not skipped else "none",
        arch="whisper" if not skipped else "none",
    )
    return Nova3Result(
        metadata=Nova3Metadata(
            transaction_key="deprecated",
            request_id=request_id,
            sha256=sha256,
            created=created,
            duration=max(result.duration for result, _ in heard),
            channels=len(channels),
            models=[model_id],
            model_info=model_info,
            warnings=warnings if warnings else None,
            extra=Nova3MetadataExtra.from_dict(extra_fields(options.extra))
            if options.extra
            else None,
        ),
        results=Nova3Results(
            channels=channels,
            utterances=_numbered(utterances, request_id) if options.utterances else None,
        ),
    ).to_dict()
