"""scripts/check-spec-drift: openapi.yaml agrees with the vendored upstream schemas, and the
check fails, naming the fact, on a difference planted in a copy of the spec.

Also: generation refuses a fact without provenance, and scripts/refresh-spec-sources copies
a repository's files and records its commit (from a local git repository; no network).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

CHECK = ROOT / "scripts" / "check-spec-drift"


def _check(spec: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), "--root", str(ROOT), "--spec", str(spec)],
        capture_output=True,
        text=True,
        check=False,
    )


def _planted(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    spec = tmp_path / "openapi.yaml"
    spec.write_text(text.replace(old, new), encoding="utf-8")
    return spec


def test_the_committed_spec_agrees_with_the_vendored_schemas() -> None:
    result = _check(ROOT / "openapi.yaml")
    assert result.returncode == 0, result.stderr
    assert "agrees with spec-sources/" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "reported"),
    [
        # A value Deepgram's streaming API does not list, added to the WebSocket redact enum.
        (
            "      enum: ['true', 'false', pci, numbers, aggressive_numbers, ssn]\n",
            "      enum: ['true', 'false', pci, pii, numbers, aggressive_numbers, ssn]\n",
            "streamNova3: redact: enum: openapi.yaml has {aggressive_numbers, false, numbers, "
            "pci, pii, ssn, true}, deepgram-asyncapi (/v1/listen) has",
        ),
        # The invented flux default, put back as a default of the service.
        (
            "          x-cfasr-source: {required: cloudflare-schema, minimum: emulator-limit, "
            "maximum: emulator-limit}\n          x-cfasr-client-default: 16000\n",
            "          x-cfasr-source: {required: cloudflare-schema, default: cloudflare-schema, "
            "minimum: emulator-limit, maximum: emulator-limit}\n"
            "          x-cfasr-service-default: 16000\n",
            "streamFlux: sample_rate: default: openapi.yaml has 16000, cloudflare-schema "
            "(flux.json) has nothing",
        ),
        # A bound no source states, attributed to Deepgram's schema.
        (
            "      x-cfasr-source: {default: deepgram-openapi, minimum: emulator-limit, "
            "maximum: emulator-limit}\n",
            "      x-cfasr-source: {default: deepgram-openapi, minimum: emulator-limit, "
            "maximum: deepgram-openapi}\n",
            "runNova3: utt_split: maximum: openapi.yaml has 60, deepgram-openapi",
        ),
        # An upstream option the spec drops without saying why.
        (
            "        summarize: *notcf\n",
            "",
            "runNova3: summarize: name: openapi.yaml has nothing",
        ),
        # A departure whose declaration is removed.
        (
            "      x-cfasr-departure:\n        type: Cloudflare's schema says boolean; Deepgram's "
            "docs use milliseconds.\n",
            "",
            "streamNova3: utterance_end_ms: type: openapi.yaml has 'integer', cloudflare-schema",
        ),
    ],
)
def test_a_planted_difference_is_reported(
    tmp_path: Path, old: str, new: str, reported: str
) -> None:
    result = _check(_planted(tmp_path, old, new))
    assert result.returncode == 1
    assert reported in result.stderr, result.stderr


def test_a_fact_without_provenance_fails(tmp_path: Path) -> None:
    spec = _planted(
        tmp_path,
        "      name: custom_topic_mode\n      in: query\n      x-cfasr-service-default: extended\n"
        "      x-cfasr-source: {enum: cloudflare-schema, default: deepgram-openapi}\n",
        "      name: custom_topic_mode\n      in: query\n      x-cfasr-service-default: extended\n"
        "      x-cfasr-source: {enum: cloudflare-schema}\n",
    )
    result = _check(spec)
    assert result.returncode == 1
    assert "custom_topic_mode: its default has no provenance" in result.stderr, result.stderr


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_refresh_copies_the_files_and_records_the_commit(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "refresh-spec-sources", project / "scripts")
    shutil.copytree(ROOT / "spec-sources", project / "spec-sources")
    upstream = tmp_path / "deepgram-api-specs"
    upstream.mkdir()
    _git(upstream, "init", "-q")
    (upstream / "openapi.yml").write_text("openapi: 3.1.0 # newer\n", encoding="utf-8")
    (upstream / "asyncapi.yml").write_text("asyncapi: 3.0.0 # newer\n", encoding="utf-8")
    _git(upstream, "add", ".")
    _git(upstream, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x")
    head = _git(upstream, "rev-parse", "HEAD")
    subprocess.run(
        [
            sys.executable,
            str(project / "scripts" / "refresh-spec-sources"),
            "--deepgram-api-specs",
            str(upstream),
        ],
        check=True,
        capture_output=True,
    )
    folder = project / "spec-sources"
    assert (folder / "deepgram" / "openapi.yml").read_text() == "openapi: 3.1.0 # newer\n"
    files = yaml.safe_load((folder / "manifest.yaml").read_text())["files"]
    assert files["deepgram-openapi"]["commit"] == head
    assert files["deepgram-asyncapi"]["commit"] == head
    # The Cloudflare side was not asked for: untouched.
    assert (folder / "cloudflare" / "flux.json").read_bytes() == (
        ROOT / "spec-sources" / "cloudflare" / "flux.json"
    ).read_bytes()
