"""Shared by `regenerate` and `check-generated`: run the pinned generator into a folder.

Both scripts must produce byte-identical output from the same spec, so the one recipe lives
here: the pinned openapi-python-client, the checked-in config, ruff post-hooks from the same
environment, and the small files the generator does not write itself (`py.typed`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "contract"))
import generate as contract
import generate_operations
import generate_pages
from spec_options import operations
from spec_tree import load_spec

PINNED_GENERATOR = "0.29.1"
PACKAGE = "cfasr_client"
ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    """Find a console script installed beside the running interpreter (the project venv)."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed; run `make install` first")
    return found


def check_generator_version() -> None:
    out = subprocess.run(
        [_tool("openapi-python-client"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    if PINNED_GENERATOR not in out:
        sys.exit(
            f"openapi-python-client {PINNED_GENERATOR} is required, found: {out.strip()}. "
            "Run `make install` to get the pinned version."
        )


# Warnings we understand and accept. The generator cannot express a media-type range such as
# `audio/*`, so it skips that entry and keeps the `application/octet-stream` body; cfasr_ext
# sends the sniffed audio type itself. Any other warning fails the build.
KNOWN_WARNINGS = ("Unsupported content type audio/*",)


def unexpected_warnings(output: str) -> list[str]:
    """Warning lines of the generator's output that are not in KNOWN_WARNINGS."""
    found = []
    lines = output.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith("WARNING"):
            continue
        detail = next((x.strip() for x in lines[index + 1 :] if x.strip()), "")
        if detail not in KNOWN_WARNINGS:
            found.append(f"{line.strip()} {detail}")
    return found


def generate_into(dest: Path, root: Path = ROOT) -> Path:
    """Generate the client package from `root`'s spec into `dest/cfasr_client`; return it."""
    check_generator_version()
    package_dir = dest / PACKAGE
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / PACKAGE
        proc = subprocess.run(
            [
                _tool("openapi-python-client"),
                "generate",
                "--path",
                str(root / "openapi.yaml"),
                "--config",
                str(root / "scripts" / "openapi-python-client.yaml"),
                "--meta",
                "none",
                "--output-path",
                str(out),
                "--custom-template-path",
                str(Path(__file__).resolve().parent / "templates"),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=scratch,
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            sys.exit(f"openapi-python-client failed (exit {proc.returncode})")
        unexpected = unexpected_warnings(proc.stdout + proc.stderr)
        if unexpected:
            sys.stderr.write(proc.stdout + proc.stderr)
            sys.exit("openapi-python-client warned about: " + "; ".join(unexpected))
        _remove_unshipped_modules(out)
        contract.write_package(root / "openapi.yaml", out)
        for hook in (["check", "--fix-only", "--quiet"], ["format", "--quiet"]):
            subprocess.run(
                [_tool("ruff"), *hook, "--config", "line-length = 100", str(out / "contract")],
                check=True,
                cwd=scratch,
            )
        shutil.rmtree(out / ".ruff_cache", ignore_errors=True)
        (out / "py.typed").write_text("")
        if package_dir.exists():
            shutil.rmtree(package_dir)
        shutil.copytree(out, package_dir)
    return package_dir


# What the generator always writes but cfasr does not ship: the request builders (`api/`), the
# httpx client they take (`client.py`) and its one exception (`errors.py`). cfasr_ext builds
# its own requests (raw-audio bodies, retries, typed errors), so these would be a second,
# weaker public API that nothing uses. scripts/templates/package_init.py.jinja names none of
# them; tests/cfasr_client/test_no_dead_modules.py fails if an unused module comes back.
UNSHIPPED = ("api", "client.py", "errors.py")


def _remove_unshipped_modules(out: Path) -> None:
    """Delete the generator's output listed in UNSHIPPED (no config option turns it off)."""
    for name in UNSHIPPED:
        path = out / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


OPTIONS_PAGE = Path("docs") / "reference" / "options.md"


def options_page(root: Path = ROOT) -> str:
    """The options reference page, made from the spec (written by regenerate, guarded by
    check-generated like the generated package)."""
    return generate_pages.options_page(root / "openapi.yaml")


LIMITS_PAGE = Path("docs") / "reference" / "limits.md"


def limits_page(root: Path = ROOT) -> str:
    """The emulator's limits page, made from the spec like the options page."""
    return generate_pages.limits_page(root / "openapi.yaml")


SDK_MODULE = Path(*generate_operations.SDK_MODULE)


def sdk_module(root: Path = ROOT) -> str:
    """The SDK's generated operation layer (`cfasr_ext/models/_generated.py`). The generator
    writes its imports in the project's order; `ruff format`, isolated from any settings
    file, lays out the rest, so every tree regenerates it byte for byte alike."""
    spec = load_spec(root / "openapi.yaml")
    source = generate_operations.sdk_module_source(spec, operations(spec))
    return subprocess.run(
        [
            _tool("ruff"),
            "format",
            "--isolated",
            "--line-length",
            "100",
            "--stdin-filename",
            str(SDK_MODULE),
            "-",
        ],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def tree_files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, ignoring caches."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".ruff_cache" not in p.parts
    }
