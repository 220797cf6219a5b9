"""An import-linter contract type the built-in ones cannot express: private modules stay home.

import-linter's wildcards replace whole module names, so "every `_`-prefixed module of
`cfasr_ext`" cannot be written as a `protected` contract without listing today's private
modules (and forgetting tomorrow's). This contract finds them in the import graph instead:
a module whose name has a `_`-prefixed part below a root package may be imported only from
inside that root package. Registered in pyproject.toml's `[tool.importlinter]`.
"""

from __future__ import annotations

import grimp
from importlinter import Contract, ContractCheck, fields, output


def _is_private(module: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in module.split(".")[1:])


class PrivateModulesContract(Contract):
    """No module outside a package imports that package's `_private` modules.

    Configuration options:
        - packages: the root packages whose `_private` modules are protected.
    """

    type_name = "private_modules"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        del verbose
        illegal: list[tuple[str, str, tuple[int, ...]]] = []
        for package in self.packages:  # type: ignore[attr-defined]
            for module in sorted(graph.find_descendants(package)):
                if not _is_private(module):
                    continue
                for importer in sorted(graph.find_modules_that_directly_import(module)):
                    if importer == package or importer.startswith(f"{package}."):
                        continue
                    details = graph.get_import_details(importer=importer, imported=module)
                    lines = tuple(detail["line_number"] for detail in details)
                    illegal.append((importer, module, lines))
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, module, lines in check.metadata["illegal"]:
            where = ", ".join(f"l.{line}" for line in lines)
            output.print_error(f"{importer} imports the private module {module} ({where})")
            output.new_line()
