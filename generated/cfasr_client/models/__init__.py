"""Contains all the data models used in inputs/outputs"""

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
from .nova_3_stream_metadata import Nova3StreamMetadata
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
    "Nova3StreamMetadata",
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
