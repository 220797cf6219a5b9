"""Contains all the data models used in inputs/outputs.

A model module is imported on first use (PEP 562 ``__getattr__``), so ``import cfasr_ext``
pays only for the models it touches. Generated from scripts/templates/models_init.py.jinja.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .batch_item import BatchItem
    from .batch_item_result import BatchItemResult
    from .batch_poll_request import BatchPollRequest
    from .batch_queued import BatchQueued
    from .batch_reference import BatchReference
    from .batch_results import BatchResults
    from .batch_results_usage import BatchResultsUsage
    from .error_chain_item import ErrorChainItem
    from .error_envelope import ErrorEnvelope
    from .error_item import ErrorItem
    from .flux_close_stream import FluxCloseStream
    from .flux_configure import FluxConfigure
    from .flux_configure_failure import FluxConfigureFailure
    from .flux_configure_success import FluxConfigureSuccess
    from .flux_configure_thresholds import FluxConfigureThresholds
    from .flux_connected import FluxConnected
    from .flux_encoding import FluxEncoding
    from .flux_error import FluxError
    from .flux_force_end_turn import FluxForceEndTurn
    from .flux_input import FluxInput
    from .flux_input_mip_opt_out import FluxInputMipOptOut
    from .flux_response import FluxResponse
    from .flux_result import FluxResult
    from .flux_thresholds_in_force import FluxThresholdsInForce
    from .flux_turn_event import FluxTurnEvent
    from .flux_turn_info import FluxTurnInfo
    from .flux_word import FluxWord
    from .nova_3_alternative import Nova3Alternative
    from .nova_3_analysis_info import Nova3AnalysisInfo
    from .nova_3_batch_audio import Nova3BatchAudio
    from .nova_3_batch_item import Nova3BatchItem
    from .nova_3_batch_request import Nova3BatchRequest
    from .nova_3_channel import Nova3Channel
    from .nova_3_close_stream import Nova3CloseStream
    from .nova_3_custom_mode import Nova3CustomMode
    from .nova_3_encoding import Nova3Encoding
    from .nova_3_entity import Nova3Entity
    from .nova_3_finalize import Nova3Finalize
    from .nova_3_intent import Nova3Intent
    from .nova_3_intent_segment import Nova3IntentSegment
    from .nova_3_intents import Nova3Intents
    from .nova_3_keep_alive import Nova3KeepAlive
    from .nova_3_language import Nova3Language
    from .nova_3_metadata import Nova3Metadata
    from .nova_3_metadata_extra import Nova3MetadataExtra
    from .nova_3_metadata_message import Nova3MetadataMessage
    from .nova_3_metadata_model_info import Nova3MetadataModelInfo
    from .nova_3_mode import Nova3Mode
    from .nova_3_model_info import Nova3ModelInfo
    from .nova_3_paragraph import Nova3Paragraph
    from .nova_3_paragraphs import Nova3Paragraphs
    from .nova_3_redact import Nova3Redact
    from .nova_3_response import Nova3Response
    from .nova_3_result import Nova3Result
    from .nova_3_results import Nova3Results
    from .nova_3_results_message import Nova3ResultsMessage
    from .nova_3_search import Nova3Search
    from .nova_3_search_hit import Nova3SearchHit
    from .nova_3_sentence import Nova3Sentence
    from .nova_3_sentiment_average import Nova3SentimentAverage
    from .nova_3_sentiment_segment import Nova3SentimentSegment
    from .nova_3_sentiments import Nova3Sentiments
    from .nova_3_span_summary import Nova3SpanSummary
    from .nova_3_speech_started_message import Nova3SpeechStartedMessage
    from .nova_3_stream_alternative import Nova3StreamAlternative
    from .nova_3_stream_channel import Nova3StreamChannel
    from .nova_3_stream_encoding import Nova3StreamEncoding
    from .nova_3_stream_metadata import Nova3StreamMetadata
    from .nova_3_stream_redact import Nova3StreamRedact
    from .nova_3_stream_word import Nova3StreamWord
    from .nova_3_summary import Nova3Summary
    from .nova_3_topic import Nova3Topic
    from .nova_3_topic_segment import Nova3TopicSegment
    from .nova_3_topics import Nova3Topics
    from .nova_3_utterance import Nova3Utterance
    from .nova_3_utterance_end_message import Nova3UtteranceEndMessage
    from .nova_3_warning import Nova3Warning
    from .nova_3_word import Nova3Word
    from .request_options import RequestOptions
    from .response_message import ResponseMessage
    from .turbo_batch_item import TurboBatchItem
    from .turbo_batch_request import TurboBatchRequest
    from .turbo_input import TurboInput
    from .turbo_response import TurboResponse
    from .turbo_result import TurboResult
    from .turbo_segment import TurboSegment
    from .turbo_task import TurboTask
    from .turbo_transcription_info import TurboTranscriptionInfo
    from .turbo_word import TurboWord
    from .whisper_batch_item import WhisperBatchItem
    from .whisper_batch_request import WhisperBatchRequest
    from .whisper_input import WhisperInput
    from .whisper_response import WhisperResponse
    from .whisper_result import WhisperResult
    from .whisper_word import WhisperWord

_HOMES = {
    "BatchItem": ".batch_item",
    "BatchItemResult": ".batch_item_result",
    "BatchPollRequest": ".batch_poll_request",
    "BatchQueued": ".batch_queued",
    "BatchReference": ".batch_reference",
    "BatchResults": ".batch_results",
    "BatchResultsUsage": ".batch_results_usage",
    "ErrorChainItem": ".error_chain_item",
    "ErrorEnvelope": ".error_envelope",
    "ErrorItem": ".error_item",
    "FluxCloseStream": ".flux_close_stream",
    "FluxConfigure": ".flux_configure",
    "FluxConfigureFailure": ".flux_configure_failure",
    "FluxConfigureSuccess": ".flux_configure_success",
    "FluxConfigureThresholds": ".flux_configure_thresholds",
    "FluxConnected": ".flux_connected",
    "FluxEncoding": ".flux_encoding",
    "FluxError": ".flux_error",
    "FluxForceEndTurn": ".flux_force_end_turn",
    "FluxInput": ".flux_input",
    "FluxInputMipOptOut": ".flux_input_mip_opt_out",
    "FluxResponse": ".flux_response",
    "FluxResult": ".flux_result",
    "FluxThresholdsInForce": ".flux_thresholds_in_force",
    "FluxTurnEvent": ".flux_turn_event",
    "FluxTurnInfo": ".flux_turn_info",
    "FluxWord": ".flux_word",
    "Nova3Alternative": ".nova_3_alternative",
    "Nova3AnalysisInfo": ".nova_3_analysis_info",
    "Nova3BatchAudio": ".nova_3_batch_audio",
    "Nova3BatchItem": ".nova_3_batch_item",
    "Nova3BatchRequest": ".nova_3_batch_request",
    "Nova3Channel": ".nova_3_channel",
    "Nova3CloseStream": ".nova_3_close_stream",
    "Nova3CustomMode": ".nova_3_custom_mode",
    "Nova3Encoding": ".nova_3_encoding",
    "Nova3Entity": ".nova_3_entity",
    "Nova3Finalize": ".nova_3_finalize",
    "Nova3Intent": ".nova_3_intent",
    "Nova3IntentSegment": ".nova_3_intent_segment",
    "Nova3Intents": ".nova_3_intents",
    "Nova3KeepAlive": ".nova_3_keep_alive",
    "Nova3Language": ".nova_3_language",
    "Nova3Metadata": ".nova_3_metadata",
    "Nova3MetadataExtra": ".nova_3_metadata_extra",
    "Nova3MetadataMessage": ".nova_3_metadata_message",
    "Nova3MetadataModelInfo": ".nova_3_metadata_model_info",
    "Nova3Mode": ".nova_3_mode",
    "Nova3ModelInfo": ".nova_3_model_info",
    "Nova3Paragraph": ".nova_3_paragraph",
    "Nova3Paragraphs": ".nova_3_paragraphs",
    "Nova3Redact": ".nova_3_redact",
    "Nova3Response": ".nova_3_response",
    "Nova3Result": ".nova_3_result",
    "Nova3Results": ".nova_3_results",
    "Nova3ResultsMessage": ".nova_3_results_message",
    "Nova3Search": ".nova_3_search",
    "Nova3SearchHit": ".nova_3_search_hit",
    "Nova3Sentence": ".nova_3_sentence",
    "Nova3SentimentAverage": ".nova_3_sentiment_average",
    "Nova3SentimentSegment": ".nova_3_sentiment_segment",
    "Nova3Sentiments": ".nova_3_sentiments",
    "Nova3SpanSummary": ".nova_3_span_summary",
    "Nova3SpeechStartedMessage": ".nova_3_speech_started_message",
    "Nova3StreamAlternative": ".nova_3_stream_alternative",
    "Nova3StreamChannel": ".nova_3_stream_channel",
    "Nova3StreamEncoding": ".nova_3_stream_encoding",
    "Nova3StreamMetadata": ".nova_3_stream_metadata",
    "Nova3StreamRedact": ".nova_3_stream_redact",
    "Nova3StreamWord": ".nova_3_stream_word",
    "Nova3Summary": ".nova_3_summary",
    "Nova3Topic": ".nova_3_topic",
    "Nova3TopicSegment": ".nova_3_topic_segment",
    "Nova3Topics": ".nova_3_topics",
    "Nova3Utterance": ".nova_3_utterance",
    "Nova3UtteranceEndMessage": ".nova_3_utterance_end_message",
    "Nova3Warning": ".nova_3_warning",
    "Nova3Word": ".nova_3_word",
    "RequestOptions": ".request_options",
    "ResponseMessage": ".response_message",
    "TurboBatchItem": ".turbo_batch_item",
    "TurboBatchRequest": ".turbo_batch_request",
    "TurboInput": ".turbo_input",
    "TurboResponse": ".turbo_response",
    "TurboResult": ".turbo_result",
    "TurboSegment": ".turbo_segment",
    "TurboTask": ".turbo_task",
    "TurboTranscriptionInfo": ".turbo_transcription_info",
    "TurboWord": ".turbo_word",
    "WhisperBatchItem": ".whisper_batch_item",
    "WhisperBatchRequest": ".whisper_batch_request",
    "WhisperInput": ".whisper_input",
    "WhisperResponse": ".whisper_response",
    "WhisperResult": ".whisper_result",
    "WhisperWord": ".whisper_word",
}


def __getattr__(name: str) -> Any:
    module = _HOMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "BatchItem",
    "BatchItemResult",
    "BatchPollRequest",
    "BatchQueued",
    "BatchReference",
    "BatchResults",
    "BatchResultsUsage",
    "ErrorChainItem",
    "ErrorEnvelope",
    "ErrorItem",
    "FluxCloseStream",
    "FluxConfigure",
    "FluxConfigureFailure",
    "FluxConfigureSuccess",
    "FluxConfigureThresholds",
    "FluxConnected",
    "FluxEncoding",
    "FluxError",
    "FluxForceEndTurn",
    "FluxInput",
    "FluxInputMipOptOut",
    "FluxResponse",
    "FluxResult",
    "FluxThresholdsInForce",
    "FluxTurnEvent",
    "FluxTurnInfo",
    "FluxWord",
    "Nova3Alternative",
    "Nova3AnalysisInfo",
    "Nova3BatchAudio",
    "Nova3BatchItem",
    "Nova3BatchRequest",
    "Nova3Channel",
    "Nova3CloseStream",
    "Nova3CustomMode",
    "Nova3Encoding",
    "Nova3Entity",
    "Nova3Finalize",
    "Nova3Intent",
    "Nova3IntentSegment",
    "Nova3Intents",
    "Nova3KeepAlive",
    "Nova3Language",
    "Nova3Metadata",
    "Nova3MetadataExtra",
    "Nova3MetadataMessage",
    "Nova3MetadataModelInfo",
    "Nova3Mode",
    "Nova3ModelInfo",
    "Nova3Paragraph",
    "Nova3Paragraphs",
    "Nova3Redact",
    "Nova3Response",
    "Nova3Result",
    "Nova3Results",
    "Nova3ResultsMessage",
    "Nova3Search",
    "Nova3SearchHit",
    "Nova3Sentence",
    "Nova3SentimentAverage",
    "Nova3SentimentSegment",
    "Nova3Sentiments",
    "Nova3SpanSummary",
    "Nova3SpeechStartedMessage",
    "Nova3StreamAlternative",
    "Nova3StreamChannel",
    "Nova3StreamEncoding",
    "Nova3StreamMetadata",
    "Nova3StreamRedact",
    "Nova3StreamWord",
    "Nova3Summary",
    "Nova3Topic",
    "Nova3TopicSegment",
    "Nova3Topics",
    "Nova3Utterance",
    "Nova3UtteranceEndMessage",
    "Nova3Warning",
    "Nova3Word",
    "RequestOptions",
    "ResponseMessage",
    "TurboBatchItem",
    "TurboBatchRequest",
    "TurboInput",
    "TurboResponse",
    "TurboResult",
    "TurboSegment",
    "TurboTask",
    "TurboTranscriptionInfo",
    "TurboWord",
    "WhisperBatchItem",
    "WhisperBatchRequest",
    "WhisperInput",
    "WhisperResponse",
    "WhisperResult",
    "WhisperWord",
)
