"""One small module per model family: option checks, request building, result parsing.

Namespaces (`Whisper`, `Turbo`, `Nova3`, `Flux` and their `Async*` twins) are plain classes;
the streaming layer adds `stream(...)` methods to `Nova3`/`AsyncNova3` and `Flux`/`AsyncFlux`.
This package imports nothing eagerly so that the modules can depend on one another freely.
"""
