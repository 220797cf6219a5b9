"""Typed models and the option contract of cfasr's Workers AI speech recognition API.

Generated from openapi.yaml: the models (`.models`), `UNSET` and `File` (`.types`) and the
option contract (`.contract`). openapi-python-client also writes request builders and an httpx
client; scripts/_generation.py deletes them, because cfasr_ext makes the requests. From
scripts/templates/package_init.py.jinja.
"""
