"""The CLI guide's model-flag table is the contract's, and the commands' flags are the table's:
the page once listed 5 nova-3 flags where `cfasr transcribe` had 32."""

from __future__ import annotations

import re
from pathlib import Path

import typer
from typer.main import get_command

from cfasr_cli.app import app
from cfasr_cli.flag_docs import BEGIN, END, model_flags_markdown, rewrite
from cfasr_cli.options import MODEL_OPTIONS_PANEL

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "cli.md"
ROW = re.compile(r"^\| `(--[a-z0-9-]+)[ /`]")


def _section(page: str) -> str:
    return page.split(BEGIN, 1)[1].split(END, 1)[0]


def _model_flags(command: str) -> set[str]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return {
        param.opts[0].split("/")[0]
        for param in group.commands[command].params
        if getattr(param, "rich_help_panel", None) == MODEL_OPTIONS_PANEL
    }


def test_the_guide_holds_the_generated_table() -> None:
    page = GUIDE.read_text(encoding="utf-8")
    assert _section(page) == "\n" + model_flags_markdown(), (
        "docs/guides/cli.md is out of date: run python -m cfasr_cli.flag_docs docs/guides/cli.md"
    )
    assert rewrite(page) == page


def test_the_table_lists_every_model_flag_of_both_commands() -> None:
    rows = [ROW.match(line) for line in _section(GUIDE.read_text(encoding="utf-8")).splitlines()]
    in_table = {m.group(1) for m in rows if m is not None}
    in_cli = _model_flags("transcribe") | _model_flags("stream")
    assert len(_model_flags("transcribe")) > 30
    assert in_table == in_cli
