"""An HTTP endpoint that transcribes uploaded audio, on Starlette (FastAPI works the same way).

    export CLOUDFLARE_API_TOKEN=... CLOUDFLARE_ACCOUNT_ID=...
    python examples/upload_server.py --port 8000
    curl --data-binary @talk.wav 'http://127.0.0.1:8000/transcribe?model=nova-3'
    curl --data-binary @talk.wav 'http://127.0.0.1:8000/transcribe?format=srt'

The request body is the audio file itself (any format the model accepts). One `AsyncClient`
serves every request, so they share its connection pool, rate limiter and retries. Mistakes
in the request become 400s; errors from Workers AI become 502s with the API's message.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

import cfasr_ext

MAX_UPLOAD_BYTES = 25 * 1024 * 1024


async def transcribe(request: Request) -> Response:
    audio = await request.body()
    if not audio:
        return JSONResponse({"error": "send the audio file as the request body"}, 400)
    if len(audio) > MAX_UPLOAD_BYTES:
        return JSONResponse({"error": f"uploads are limited to {MAX_UPLOAD_BYTES} bytes"}, 413)
    model = request.query_params.get("model", "whisper-large-v3-turbo")
    output = request.query_params.get("format", "json")
    client: cfasr_ext.AsyncClient = request.app.state.client
    try:
        transcript = await client.transcribe(audio, model=model)
    except (
        cfasr_ext.OptionError,
        cfasr_ext.AudioInputError,
        cfasr_ext.UnsupportedOperationError,
    ) as error:
        return JSONResponse({"error": str(error)}, 400)
    except cfasr_ext.APIError as error:
        return JSONResponse({"error": error.message, "request_id": error.request_id}, 502)
    if output == "srt":
        return PlainTextResponse(transcript.to_srt(), media_type="application/x-subrip")
    if output == "vtt":
        return PlainTextResponse(transcript.to_vtt(), media_type="text/vtt")
    return JSONResponse(transcript.to_dict())


@contextlib.asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    async with cfasr_ext.AsyncClient() as client:  # CLOUDFLARE_* from the environment
        app.state.client = client
        yield


app = Starlette(routes=[Route("/transcribe", transcribe, methods=["POST"])], lifespan=lifespan)


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
