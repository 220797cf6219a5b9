"""One flag table per server: `python -m cfasr_emulator` and `cfasr serve` both read
``ServerConfig``, `cfasr gateway` reads ``GatewayConfig``, and no default is typed twice."""

from __future__ import annotations

import argparse
from typing import Any

import attrs
import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from cfasr_cli.app import app
from cfasr_cli.config_flags import with_config_flags
from cfasr_emulator.config import ServerConfig
from cfasr_emulator.flags import SERVER_FLAGS, build_parser, server_config
from cfasr_openai.config import GatewayConfig
from cfasr_openai.flags import config_values, flag, flags_of
from cfasr_openai.front_end import GATEWAY_FLAGS


def _argparse_options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {
        name: action
        for action in parser._actions
        for name in action.option_strings
        if name not in ("-h", "--help")
    }


def _typer_options(command: str) -> dict[str, Any]:
    group = get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    params = group.commands[command].params
    return {name: param for param in params for name in param.opts}


def test_every_config_flag_is_in_both_emulator_front_ends_with_the_field_default() -> None:
    parsed = _argparse_options(build_parser())
    served = _typer_options("serve")
    fields = attrs.fields_dict(ServerConfig)
    assert len(SERVER_FLAGS) >= 20
    for spec in SERVER_FLAGS:
        field_default = fields[spec.field].default
        if spec.kind == "repeated":
            assert parsed[spec.name].default is None
            assert served[spec.name].default is None
        elif spec.flag.parse is None:
            assert parsed[spec.name].default == field_default, spec.name
            assert served[spec.name].default == field_default, spec.name
        assert parsed[spec.name].dest == served[spec.name].name == spec.field


def test_cfasr_serve_has_every_flag_of_python_m_cfasr_emulator() -> None:
    missing = set(_argparse_options(build_parser())) - set(_typer_options("serve"))
    assert missing == set()


def test_the_defaults_of_both_front_ends_build_the_default_config() -> None:
    from_argparse = server_config(vars(build_parser().parse_args([])), environ={})
    from_typer = server_config(
        {param.name: param.default for param in set(_typer_options("serve").values())},
        environ={},
    )
    assert from_argparse == from_typer == ServerConfig()


def test_cfasr_gateway_flags_are_the_gateway_config_fields() -> None:
    options = _typer_options("gateway")
    assert set(options) == {spec.name for spec in GATEWAY_FLAGS}
    defaults = {spec.field: options[spec.name].default for spec in GATEWAY_FLAGS}
    assert GatewayConfig(**config_values(GATEWAY_FLAGS, defaults)) == GatewayConfig()
    assert options["--max-body-mb"].default * 1024 * 1024 == GatewayConfig().max_body_bytes


@attrs.frozen(repr=False)
class PlantedConfig(ServerConfig):
    """ServerConfig with one more field marked as a flag, and nothing else edited."""

    planted_knob_s: float = attrs.field(default=4.5, metadata=flag("A planted knob."))
    planted_mode: str = attrs.field(default="calm", metadata=flag("Another one."))


def test_a_planted_field_is_a_flag_of_both_front_ends_without_other_edits() -> None:
    parser = build_parser(PlantedConfig)
    assert parser.parse_args([]).planted_knob_s == 4.5
    assert parser.parse_args(["--planted-knob", "2"]).planted_knob_s == 2.0

    received: dict[str, Any] = {}
    planted = typer.Typer()

    @planted.command()
    @with_config_flags(flags_of(PlantedConfig))
    def serve(*, config_flags: dict[str, Any]) -> None:
        received.update(config_flags)

    runner = CliRunner()
    assert "--planted-knob" in runner.invoke(planted, ["--help"]).stdout
    result = runner.invoke(planted, ["--planted-mode", "wild"])
    assert result.exit_code == 0, result.output
    assert received["planted_knob_s"] == 4.5
    assert received["planted_mode"] == "wild"
    assert received["port"] == ServerConfig().port


def test_a_command_whose_parameter_shadows_a_flag_is_refused() -> None:
    with pytest.raises(TypeError, match="host"):

        @with_config_flags(SERVER_FLAGS)
        def serve(host: str, *, config_flags: dict[str, Any]) -> None:
            del host, config_flags
