"""HTTP plumbing the REST routes share: JSON responses, error bodies, early aborts and reading request bodies."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web

from devtools.standin.records import Record, UploadedFile


def json_response(data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    # discord.py parses a body only when Content-Type is exactly "application/json" (no charset parameter).
    response = web.Response(body=json.dumps(data).encode(), status=status, headers=headers)
    response.headers["Content-Type"] = "application/json"
    return response


def error_body(error: tuple[int, str], errors: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": error[1], "code": error[0]}
    if errors:
        body["errors"] = errors
    return body


class Abort(Exception):
    """Raised by a handler to answer with an error response straight away."""

    def __init__(self, response: web.Response) -> None:
        super().__init__(response.status)
        self.response = response


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
RECORD_KEY = web.RequestKey("standin_record", Record)
BAD_JSON_KEY = web.RequestKey("standin_bad_json", bool)


async def read_body(request: web.Request) -> tuple[Any, list[UploadedFile], bool]:
    """(payload, uploaded files, whether the JSON was malformed) for JSON and multipart bodies alike."""
    if request.content_type == "multipart/form-data":
        form = await request.post()
        payload, files = None, []
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files.append(UploadedFile(name, value.filename, value.file.read(), value.content_type))
            elif name == "payload_json":
                try:
                    payload = json.loads(str(value))
                except ValueError:
                    return None, files, True
        return payload, files, False
    if not request.body_exists:
        return None, [], False
    text = await request.text()
    if not text:
        return None, [], False
    try:
        return json.loads(text), [], False
    except ValueError:
        return None, [], True
