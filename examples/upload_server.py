"""A FastAPI endpoint that transcribes uploaded audio files.

    pip install 'cfasr[cli]' fastapi python-multipart uvicorn
    export CLOUDFLARE_API_TOKEN=... CLOUDFLARE_ACCOUNT_ID=...
    python examples/upload_server.py --port 8000
    curl -F file=@talk.wav 'http://127.0.0.1:8000/transcribe?model=nova-3'
    curl -F file=@talk.wav 'http://127.0.0.1:8000/transcribe?format=srt'

One `AsyncClient` serves every request, so they share its connection pool, rate limiter and
retries. Mistakes in the request become 400s; errors from Workers AI become 502s carrying the
API's message and request id.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import AsyncIterator
from typing import Annotated, Literal

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response

import cfasr_ext

MAX_UPLOAD_BYTES = 25 * 1024 * 1024


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with cfasr_ext.AsyncClient() as client:  # CLOUDFLARE_* from the environment
        app.state.client = client
        yield


app = FastAPI(title="cfasr upload example", lifespan=lifespan)


@app.post("/transcribe", response_model=None)
async def transcribe(
    request: Request,
    file: Annotated[UploadFile, File(description="The audio file to transcribe.")],
    model: Annotated[str, Query()] = "whisper-large-v3-turbo",
    output: Annotated[Literal["json", "srt", "vtt"], Query(alias="format")] = "json",
) -> Response:
    audio = await file.read(MAX_UPLOAD_BYTES + 1)
    if not audio:
        return JSONResponse({"error": "the uploaded file is empty"}, 400)
    if len(audio) > MAX_UPLOAD_BYTES:
        return JSONResponse({"error": f"uploads are limited to {MAX_UPLOAD_BYTES} bytes"}, 413)
    client: cfasr_ext.AsyncClient = request.app.state.client
    try:
        transcript = await client.transcribe(
            cfasr_ext.AudioFile(audio, filename=file.filename),  # type sniffed from the bytes
            model=model,
        )
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
