"""``python -m cfasr_emulator``: serve the emulator with uvicorn (Ctrl-C stops it gracefully)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .config import DEFAULT_HOST, DEFAULT_PORT, ServerConfig
from .faults import FaultSpecError, parse_rules
from .serving import serve

_GUARD_FLAGS: tuple[tuple[str, str, type, str], ...] = (
    ("--header-timeout", "header_timeout_s", float, "seconds for a request head to arrive"),
    ("--body-timeout", "body_timeout_s", float, "seconds a request body may send nothing"),
    ("--keep-alive-timeout", "keep_alive_timeout_s", float, "seconds an idle connection stays"),
    ("--ws-handshake-timeout", "ws_handshake_timeout_s", float, "seconds to answer an upgrade"),
    ("--max-connections", "max_connections", int, "open connections; more get 503"),
    ("--max-request-line-bytes", "max_request_line_bytes", int, "longer get 414"),
    ("--max-header-bytes", "max_header_bytes", int, "larger header blocks get 431"),
    ("--max-header-count", "max_header_count", int, "more header lines get 431"),
    ("--max-audio-seconds", "max_audio_seconds", float, "decoded audio per request/session"),
    ("--graceful-shutdown", "graceful_shutdown_s", float, "seconds requests may finish on stop"),
    ("--engine-deadline", "engine_deadline_s", float, "seconds one recognition may take"),
)
"""Connection limits and timeouts: one flag per ``ServerConfig`` field, same defaults."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cfasr_emulator",
        description="Local emulator of the Cloudflare Workers AI speech-recognition API.",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help="address to bind (default: %(default)s)"
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="default: %(default)s")
    parser.add_argument(
        "--token",
        help="accept only this bearer token (default: $CFASR_EMULATOR_TOKEN; unset = any token)",
    )
    parser.add_argument("--api-key", help="accept only this X-Auth-Key (with --email)")
    parser.add_argument("--email", help="accept only this X-Auth-Email (with --api-key)")
    parser.add_argument("--preload", action="store_true", help="load the models at start")
    parser.add_argument(
        "--faults",
        nargs="?",
        const="",
        default=None,
        metavar="RULES",
        help="enable fault injection (cf-emulator-fault header) and optional rules such as "
        "'runWhisper@2:503,*@1:reset'",
    )
    parser.add_argument(
        "--engine",
        choices=("real", "skip"),
        default="real",
        help="'skip' answers without recognition, for transport benchmarks only",
    )
    parser.add_argument("--max-body-bytes", type=int, default=100 * 1024 * 1024)
    parser.add_argument("--requests-per-minute", type=int, default=720)
    parser.add_argument("--max-ws-sessions", type=int, default=16)
    parser.add_argument("--engine-queue", type=int, default=4)
    parser.add_argument("--idle-timeout", type=float, default=10.0)
    defaults = ServerConfig()
    for flag, field, kind, what in _GUARD_FLAGS:
        parser.add_argument(
            flag,
            dest=field,
            type=kind,
            default=getattr(defaults, field),
            help=f"{what} (default: %(default)s)",
        )
    parser.add_argument(
        "--allow-origin",
        dest="allowed_origins",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let web pages from ORIGIN (e.g. https://app.example) open WebSockets; "
        "repeatable (loopback origins and non-browser clients always may)",
    )
    parser.add_argument(
        "--allow-any-origin",
        action="store_true",
        help="let web pages from any origin open WebSockets",
    )
    parser.add_argument("--log-level", default="info")
    return parser


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    rules = parse_rules([args.faults]) if args.faults else ()
    return ServerConfig.from_env(
        host=args.host,
        port=args.port,
        token=args.token,
        api_key=args.api_key,
        email=args.email,
        preload=args.preload,
        faults_enabled=args.faults is not None,
        fault_rules=rules,
        engine_mode=args.engine,
        max_body_bytes=args.max_body_bytes,
        requests_per_minute=args.requests_per_minute,
        max_ws_sessions=args.max_ws_sessions,
        engine_queue=args.engine_queue,
        idle_timeout_s=args.idle_timeout,
        allowed_origins=tuple(args.allowed_origins),
        allow_any_origin=args.allow_any_origin,
        **{field: getattr(args, field) for _, field, _, _ in _GUARD_FLAGS},
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = config_from_args(args)
    except (FaultSpecError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return serve(config, log_level=args.log_level)


if __name__ == "__main__":
    raise SystemExit(main())
