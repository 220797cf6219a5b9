"""The figures the contract, fault and bad-input suites report, printed once at the end.

Load it with ``pytest_plugins = ["tests.support.summary"]`` in ``tests/conftest.py``. Tests
record what they did through :data:`FIGURES`; the summary line is printed whatever ran.

Under pytest-xdist every worker counts its own tests; each sends its figures to the
controller when it finishes (``workeroutput``), and the controller prints their sum, so the
line reads the same whether the suite ran in one process or in many.
"""

from __future__ import annotations

import threading
from typing import Any

import attrs
import pytest

__all__ = ["FIGURES", "Figures"]


@attrs.define
class Figures:
    """Counters shared by every test of the run (thread-safe: emulators run in threads)."""

    operations: set[str] = attrs.field(factory=set)
    contract_cases: int = 0
    faults_injected: int = 0
    faults_survived: int = 0
    bad_inputs: int = 0
    words_lost: int = 0
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def covered(self, operation_id: str) -> None:
        with self._lock:
            self.operations.add(operation_id)

    def contract_case(self, count: int = 1) -> None:
        with self._lock:
            self.contract_cases += count

    def fault(self, injected: int, *, survived: bool) -> None:
        """``injected`` faults hit one call; ``survived`` when the SDK ended as promised."""
        with self._lock:
            self.faults_injected += injected
            if survived:
                self.faults_survived += injected

    def bad_input(self) -> None:
        with self._lock:
            self.bad_inputs += 1

    def lost(self, words: int) -> None:
        with self._lock:
            self.words_lost += words

    def as_dict(self) -> dict[str, object]:
        """The counters as plain data, which xdist can carry from a worker to the controller."""
        with self._lock:
            return {
                "operations": sorted(self.operations),
                "contract_cases": self.contract_cases,
                "faults_injected": self.faults_injected,
                "faults_survived": self.faults_survived,
                "bad_inputs": self.bad_inputs,
                "words_lost": self.words_lost,
            }

    def add(self, other: dict[str, Any]) -> None:
        """Fold in a worker's :meth:`as_dict`."""
        with self._lock:
            self.operations.update(other["operations"])
            self.contract_cases += int(other["contract_cases"])
            self.faults_injected += int(other["faults_injected"])
            self.faults_survived += int(other["faults_survived"])
            self.bad_inputs += int(other["bad_inputs"])
            self.words_lost += int(other["words_lost"])

    def line(self) -> str:
        return (
            f"operations covered: {len(self.operations)}/8, "
            f"contract cases generated: {self.contract_cases}, "
            f"faults injected: {self.faults_injected} (survived {self.faults_survived}), "
            f"bad inputs tried: {self.bad_inputs}, words lost: {self.words_lost}"
        )


FIGURES = Figures()


_WORKER_KEY = "cfasr_figures"


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the counts to the controller
        workeroutput[_WORKER_KEY] = FIGURES.as_dict()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """xdist's controller: a worker finished; add its figures to the run's."""
    figures = getattr(node, "workeroutput", {}).get(_WORKER_KEY)
    if figures is not None:
        FIGURES.add(figures)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_sep("=", "cfasr contract, fault and bad-input figures")
    terminalreporter.write_line(FIGURES.line())
