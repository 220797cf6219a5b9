"""Nothing dead is generated or shipped: every module of generated/cfasr_client is used.

The wheel ships cfasr_client beside the hand-written packages, so any generated module is
public API. One that nothing imports (as the generator's request builders and httpx client
were) offers users a second, weaker way in. The modules used are found statically: those the
other shipped packages import (or name as a string, for their lazy imports), then whatever
those modules import, transitively. A package's `__init__` is kept for its submodules, but its
own imports count only when the package itself is imported: a re-export does not keep a
module alive.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = "generated/cfasr_client"


def modules(package_dir: Path) -> dict[str, Path]:
    """Every module of the package in `package_dir`, by dotted name."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def named_modules(name: str, path: Path) -> set[str]:
    """Every dotted name the module's import statements name (`from m import a`: `m` and
    `m.a`, as `a` may be a submodule), relative imports resolved, and its string constants."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
    return found


def unused_modules(generated: Path, users: list[Path]) -> list[str]:
    """The modules of the `generated` package that no package in `users` reaches."""
    available = modules(generated)
    todo = set()
    for user in users:
        for name, path in modules(user).items():
            todo |= named_modules(name, path) & available.keys()
    reached: set[str] = set()
    while todo:
        name = todo.pop()
        reached.add(name)
        todo |= (named_modules(name, available[name]) & available.keys()) - reached
    parents = {
        name.rsplit(".", depth)[0] for name in reached for depth in range(1, name.count(".") + 1)
    }
    return sorted(available.keys() - reached - parents)


def shipped_packages() -> list[Path]:
    """The wheel's packages, as pyproject.toml lists them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [ROOT / p for p in config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]]


def test_every_generated_module_is_used_by_a_shipped_package() -> None:
    packages = shipped_packages()
    generated = ROOT / GENERATED
    assert generated in packages
    users = [p for p in packages if p != generated]
    assert len(modules(generated)) > 50  # the walk sees the whole package
    unused = unused_modules(generated, users)
    assert not unused, (
        f"{GENERATED} ships modules nothing in {[p.name for p in users]} uses: {unused}. "
        "Stop generating them (scripts/_generation.py, scripts/templates/) and run `make regen`."
    )


def test_the_walk_finds_dead_builders_and_a_re_exported_client(tmp_path: Path) -> None:
    """The check fails on what the generator writes by default: an `api/` nothing imports and
    a `client.py` kept only by the package's re-export."""
    files = {
        "gen/__init__.py": "from .client import Client\n",
        "gen/client.py": "import httpx\n",
        "gen/types.py": "",
        "gen/models/__init__.py": "from .thing import Thing\n",
        "gen/models/thing.py": "from ..types import UNSET\n",
        "gen/api/__init__.py": "",
        "gen/api/run.py": "from ..client import Client\nfrom ..models.thing import Thing\n",
        "gen/orphan.py": "",
        "user/__init__.py": "HOMES = {'Thing': 'gen.models'}\n",
        "user/rest.py": "from gen.models import Thing\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert unused_modules(tmp_path / "gen", [tmp_path / "user"]) == [
        "gen.api",
        "gen.api.run",
        "gen.client",
        "gen.orphan",
    ]
