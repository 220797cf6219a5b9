"""The figures the contract, fault and bad-input suites report, printed once at the end.

Load it with ``pytest_plugins = ["tests.support.summary"]`` in ``tests/conftest.py``. Tests
record what they did through :data:`FIGURES`; the summary line is printed whatever ran.
"""

from __future__ import annotations

import threading

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

    def line(self) -> str:
        return (
            f"operations covered: {len(self.operations)}/8, "
            f"contract cases generated: {self.contract_cases}, "
            f"faults injected: {self.faults_injected} (survived {self.faults_survived}), "
            f"bad inputs tried: {self.bad_inputs}, words lost: {self.words_lost}"
        )


FIGURES = Figures()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_sep("=", "cfasr contract, fault and bad-input figures")
    terminalreporter.write_line(FIGURES.line())
