"""Import cost: ``import cfasr_ext`` against ``import httpx``, and ``cfasr --help`` against a
bare interpreter start, each in fresh child processes so nothing is cached in memory.

Every figure is the median of several runs; the ratios are taken against baselines measured
in the same run (``import httpx`` is the floor, since the SDK needs httpx itself; ``python
-c pass`` is the floor of any command). Goals: ``import cfasr_ext`` <= 2x ``import httpx``,
``cfasr --help`` under 0.3 s.

Run alone: ``.venv/bin/python benchmarks/bench_import.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

PYTHON = sys.executable


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def _median(command: list[str], repeat: int) -> float:
    _seconds(command)  # warm the file-system cache
    return statistics.median(_seconds(command) for _ in range(repeat))


def _import_ms(module: str, repeat: int) -> float:
    """Median cumulative import time of ``module`` as ``python -X importtime`` reports it."""
    samples: list[float] = []
    for _ in range(repeat + 1):
        done = subprocess.run(
            [PYTHON, "-X", "importtime", "-c", f"import {module}"],
            check=True,
            capture_output=True,
            text=True,
        )
        line = [x for x in done.stderr.splitlines() if x.rstrip().endswith(f"| {module}")][-1]
        samples.append(int(line.split("|")[1]) / 1000)
    return statistics.median(samples[1:])


TYPER_HELLO = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def hello(name: str = "world") -> None:
    print(name)
app()
"""


def _wall_ms(statement: str, repeat: int) -> float:
    """Median wall time of ``statement`` in a fresh interpreter, measured inside it."""
    timer = "import time; t = time.perf_counter()"
    code = f"{timer}; {statement}; print((time.perf_counter() - t) * 1000)"
    samples = [
        float(subprocess.run([PYTHON, "-c", code], check=True, capture_output=True).stdout)
        for _ in range(repeat + 1)
    ]
    return statistics.median(samples[1:])


def run(quick: bool) -> dict[str, Any]:
    repeat = 5 if quick else 15
    cfasr = Path(PYTHON).with_name("cfasr")
    help_command = [str(cfasr), "--help"] if cfasr.exists() else [PYTHON, "-m", "cfasr_cli"]
    sdk_ms = _import_ms("cfasr_ext", repeat)
    httpx_ms = _import_ms("httpx", repeat)
    # First use of the client: httpx, the client and the models it needs.
    client_ms = _wall_ms("import cfasr_ext; cfasr_ext.Client", repeat)
    httpx_wall_ms = _wall_ms("import httpx", repeat)
    help_s = _median(help_command, repeat)
    bare_s = _median([PYTHON, "-c", "pass"], repeat)
    typer_s = _median([PYTHON, "-c", TYPER_HELLO, "--help"], repeat)
    return {
        "import_cfasr_ext_ms": round(sdk_ms, 1),
        "import_httpx_ms": round(httpx_ms, 1),
        "import_ratio": round(sdk_ms / httpx_ms, 2),
        "first_client_ms": round(client_ms, 1),
        "import_httpx_wall_ms": round(httpx_wall_ms, 1),
        "first_client_ratio": round(client_ms / httpx_wall_ms, 2),
        "typer_hello_help_s": round(typer_s, 3),
        "cfasr_help_over_typer_hello": round(help_s / typer_s, 2),
        "cfasr_help_s": round(help_s, 3),
        "python_start_s": round(bare_s, 3),
        "cfasr_help_over_start_s": round(help_s - bare_s, 3),
        "repeat": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
