"""The report's section on live transcription over OpenAI's Realtime protocol: end of speech
to `completed` through the gateway and the emulator, each against nova-3 called directly.

Its own module because it compares protocols in front of one engine, where
``report_clients`` compares clients and ``report_engine`` the engine alone.
"""

from __future__ import annotations

from typing import Any

from report_tables import table

__all__ = ["realtime"]

_PATHS = {
    "nova3_direct": "nova-3 direct (SDK `connect_nova3`)",
    "emulator_realtime": "emulator `/v1/realtime` (openai-python)",
    "gateway_realtime": "`cfasr gateway` `/v1/realtime` (openai-python)",
}


def realtime(section: dict[str, Any]) -> str:
    stats = section["seconds_end_of_speech_to_answer"]
    rows = [
        (
            _PATHS.get(name, name),
            s["median"],
            s["min"],
            section["added_ms_median"].get(name, 0.0),
            section["ratios_of_medians"].get(f"{name}/nova3_direct", 1.0),
            f"{s['runs']}/{s['runs'] + section['unanswered_rounds'].get(name, 0)}",
        )
        for name, s in stats.items()
    ]
    return (
        "### 11. Realtime transcription: end of speech to `completed`\n\n"
        f"{section['audio']}; server VAD / endpointing at {section['silence_duration_ms']} ms; "
        f"real engine. The answer is `completed` on the Realtime paths, and the final result "
        "that ends the utterance (`speech_final`) on nova-3 direct.\n\n"
        + table(
            ("path", "median s", "min s", "added ms", "÷ nova-3 direct", "rounds answered"),
            rows,
        )
    )
