"""`benchmarks/run.py --quick` end to end, so the harness cannot rot.

It checks that every section runs and writes valid JSON, Markdown and (with matplotlib) the
chart; it asserts nothing about speed, which only the benchmark's own ratios describe.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "benchmarks" / "run.py"
SECTIONS = {
    "overhead",
    "upload",
    "memory",
    "streaming",
    "batch",
    "engine",
    "import",
    "gateway",
    "capacity",
    "diarize",
    "realtime",
}

# The whole quick benchmark run: about 60 s alone, 280 s beside a suite with both CPUs busy
# elsewhere; the timeouts guard against a hang only.
pytestmark = [pytest.mark.slow(cpu_s=45), pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    out = tmp_path_factory.mktemp("bench")
    markdown = out / "BENCHMARKS.md"
    markdown.write_text("# Benchmarks\n\nIntro kept as is.\n")
    command = [sys.executable, str(RUN), "--quick", "--results-dir", str(out)]
    done = subprocess.run(
        [*command, "--markdown", str(markdown)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=840,  # a hang guard; the capacity section streams real speech in real time
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return out, markdown, done.stdout


def test_quick_run_writes_every_section_as_json(quick_run: tuple[Path, Path, str]) -> None:
    out, _, _ = quick_run
    results = json.loads((out / "latest.json").read_text())
    assert results["mode"] == "quick"
    assert results["machine"]["cpu_count"] >= 1
    assert results["machine"]["python"].startswith("3.")
    assert set(results["sections"]) == SECTIONS
    assert not [name for name, s in results["sections"].items() if "error" in s]


def test_transport_sections_say_recognition_was_skipped(quick_run: tuple[Path, Path, str]) -> None:
    out, _, _ = quick_run
    sections = json.loads((out / "latest.json").read_text())["sections"]
    real_engine = {"engine", "capacity", "diarize", "realtime"}
    for name in SECTIONS - real_engine - {"import"}:  # import: no emulator
        assert sections[name]["engine_mode"] == "skip", name
        assert "skip" in sections[name]["note"], name
    assert sections["engine"]["engine_mode"] == "real"
    assert sections["capacity"]["engine_mode"] == "real"
    assert sections["diarize"]["engine_mode"] == "real"
    assert sections["realtime"]["engine_mode"] == "real"


def test_speed_figures_come_with_ratios_against_baselines(
    quick_run: tuple[Path, Path, str],
) -> None:
    out, _, _ = quick_run
    sections = json.loads((out / "latest.json").read_text())["sections"]
    overhead = sections["overhead"]["ratios_of_medians"]
    assert overhead["cfasr_sync/httpx_sync"] > 0
    assert overhead["cfasr_async/httpx_async"] > 0
    clients = {row["client"] for row in sections["upload"]["rows"]}
    assert {"loopback-socket", "cfasr-whisper", "httpx-whisper", "cfasr-turbo"} <= clients
    if importlib.util.find_spec("cloudflare") is not None:
        assert overhead["cfasr_sync/cloudflare_sync"] > 0
        assert {"cloudflare-whisper", "cloudflare-turbo"} <= clients
    for row in sections["upload"]["rows"]:
        assert row["wire_bytes"] >= row["file_bytes"]
    for model in ("nova-3", "flux"):
        assert sections["streaming"]["sink"][model]["cfasr"]["x_realtime_median"] > 0
        assert sections["streaming"]["emulator"][model]["cfasr/bare_websockets_time"] > 0
    assert sections["batch"]["ratios_of_medians"]["concurrency_8/sequential"] > 0
    capacity = sections["capacity"]
    assert capacity["rows"][0]["p95/one_session"] == 1.0
    assert capacity["full_speed"]["interims_per_audio_s"] > 0
    assert capacity["decode_costs"]["final/interim"] > 0
    imports = sections["import"]
    assert imports["import_ratio"] > 0
    assert imports["first_client_ratio"] > 0
    assert imports["cfasr_help_over_typer_hello"] > 0
    gateway = sections["gateway"]
    assert gateway["latency"]["ratios_of_medians"]["httpx_via_gateway/sdk_direct"] > 0
    assert gateway["memory"]["gateway_peak_rss_growth_mb"] >= 0
    realtime = sections["realtime"]["ratios_of_medians"]
    assert realtime["gateway_realtime/nova3_direct"] is not None
    assert realtime["emulator_realtime/nova3_direct"] is not None
    assert "weather" in sections["realtime"]["last_transcripts"]["gateway_realtime"].lower()
    diarized = sections["diarize"]["rows"][0]
    assert diarized["diarize_cpu_ms_per_audio_s"] > 0
    assert diarized["cpu_ratio"] > 0


def test_markdown_block_is_written_below_the_existing_text(
    quick_run: tuple[Path, Path, str],
) -> None:
    _, markdown, stdout = quick_run
    text = markdown.read_text()
    assert text.startswith("# Benchmarks\n\nIntro kept as is.\n")
    assert text.count("<!-- bench:results:start -->") == 1
    assert "### 1. Per-call overhead" in text
    assert "### 6. Engine real-time factor" in text
    assert "### 8. OpenAI-compatible gateway" in text
    assert "### 9. Live-stream capacity" in text
    assert "### 10. Speaker attribution" in text
    assert "### 11. Realtime transcription" in text
    assert "### 1. Per-call overhead" in stdout


def test_chart_is_a_png_when_matplotlib_is_installed(quick_run: tuple[Path, Path, str]) -> None:
    out, _, _ = quick_run
    chart = out / "upload.png"
    if importlib.util.find_spec("matplotlib") is None:
        assert not chart.exists()
    else:
        assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
