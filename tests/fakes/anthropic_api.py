"""A loopback fake of the Anthropic Messages API that the real `anthropic` SDK talks to.

Serves POST /v1/messages (JSON or SSE), /v1/messages/count_tokens and the Message Batches
endpoints on 127.0.0.1 at a random port. Each request is first checked against the current
models' contract (contract.py): a refused one gets the API's 400/404 error (an errored result
inside a batch; a batch whose custom ids are wrong is refused whole) and consumes no scripted
reply. Replies come from a queue of scripted `Reply`s
(faults included), else from `responder` (default: responders.default_reply), shaped by
shaping.py (adaptive thinking first, max_tokens, usage) and streamed by sse.py. Usage follows
the prompt-cache rules in cache.py. Every request is recorded with its headers and body.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes.batches import FakeBatch, check_batch_request, errored
from tests.fakes.cache import PromptCache
from tests.fakes.contract import ContractError, check_message_request, check_model
from tests.fakes.replies import Reply
from tests.fakes.responders import default_reply
from tests.fakes.shaping import content_blocks, shape
from tests.fakes.sse import THINKING_DELTAS, sse_events

__all__ = ["FakeAnthropic", "FakeBatch", "Recorded", "Reply"]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None


@dataclass
class FakeAnthropic:
    min_cache_tokens: int = 1024
    polls_before_end: int = 1  # a batch reads "in_progress" this many times, then "ended"
    responder: Callable[[dict[str, Any]], Reply] = default_reply
    requests: list[Recorded] = field(default_factory=list)
    script: deque[Reply] = field(default_factory=deque)
    batches: dict[str, FakeBatch] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cache = PromptCache(self.min_cache_tokens)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- control -------------------------------------------------------------------------

    def queue(self, *replies: Reply) -> None:
        self.script.extend(replies)

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def message_bodies(self) -> list[dict[str, Any]]:
        return [r.body for r in self.requests if r.path == "/v1/messages" and r.body is not None]

    def start(self) -> FakeAnthropic:
        fake = self

        class Handler(_Handler):
            api = fake

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # -- behaviour -----------------------------------------------------------------------

    def next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self.script:
                return self.script.popleft()
        return self.responder(body)

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._ids):06d}"

    def message(self, body: dict[str, Any], reply: Reply) -> dict[str, Any]:
        """The JSON of a finished message for `reply` (usage from the prompt cache)."""
        usage = self.cache.account(body["model"], body)
        shaped = shape(body, reply)
        return {
            "id": self.new_id("msg"),
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "content": content_blocks(body, shaped, self.new_id),
            "stop_reason": shaped.stop_reason,
            "stop_sequence": None,
            "stop_details": shaped.stop_details,
            "usage": {
                "input_tokens": usage.input_tokens,
                "output_tokens": shaped.output_tokens,
                "output_tokens_details": {"thinking_tokens": shaped.thinking_tokens},
                "cache_creation_input_tokens": usage.cache_write_tokens,
                "cache_read_input_tokens": usage.cache_read_tokens,
            },
        }

    def create_batch(self, body: dict[str, Any]) -> FakeBatch:
        results = []
        for request in body["requests"]:
            params = request["params"]
            refused = check_message_request(params)
            if refused is not None:
                result = errored(refused.error())
            else:
                reply = self.next_reply(params)
                result = (
                    errored(
                        {"type": reply.error_type or "api_error", "message": reply.error_message}
                    )
                    if reply.status >= 400
                    else {"type": "succeeded", "message": self.message(params, reply)}
                )
            results.append({"custom_id": request["custom_id"], "result": result})
        stamp = dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")
        batch = FakeBatch(self.new_id("msgbatch"), stamp, results)
        self.batches[batch.id] = batch
        return batch


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (a timeout test) is not an error worth printing."""


class _Handler(BaseHTTPRequestHandler):
    api: FakeAnthropic
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _record(self, body: dict[str, Any] | None) -> None:
        self.api.requests.append(
            Recorded(
                self.command,
                self.path.split("?")[0],
                {k.lower(): v for k, v in self.headers.items()},
                body,
            )
        )

    def _json(self, status: int, payload: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", self.api.new_id("req"))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, reply: Reply) -> None:
        error: dict[str, Any] = {
            "type": reply.error_type or "api_error",
            "message": reply.error_message,
        }
        if reply.error_code:
            error["details"] = {"error_code": reply.error_code}
        headers = dict(reply.headers)
        if reply.status >= 500 and "retry-after" not in headers:
            headers.setdefault("retry-after-ms", "5")  # keeps the SDK's backoff short in tests
        self._json(reply.status, {"type": "error", "error": error}, headers)

    def _refuse(self, refused: ContractError) -> None:
        self._json(refused.status, refused.payload())

    def do_GET(self) -> None:
        self._record(None)
        path = self.path.split("?")[0]
        parts = path.strip("/").split("/")
        batch = self.api.batches.get(parts[3]) if len(parts) >= 4 else None
        if batch is None:
            self._json(
                404, {"type": "error", "error": {"type": "not_found_error", "message": path}}
            )
            return
        if len(parts) == 5 and parts[4] == "results":
            data = "".join(json.dumps(r) + "\n" for r in batch.results).encode()
            self.send_response(200)
            self.send_header("content-type", "application/binary")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        batch.polls += 1
        if batch.polls > self.api.polls_before_end:
            batch.ended = True
        self._json(200, batch.json(self.api.url))

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        self._record(body)
        path = self.path.split("?")[0]
        if path == "/v1/messages/count_tokens":
            refused = check_model(body)
            if refused is not None:
                self._refuse(refused)
                return
            self._json(
                200,
                {"input_tokens": self.api.cache.account(body["model"], body, write=False).total},
            )
            return
        if path == "/v1/messages/batches":
            refused = check_batch_request(body)
            if refused is not None:
                self._refuse(refused)
                return
            self._json(200, self.api.create_batch(body).json(self.api.url))
            return
        if path != "/v1/messages":
            self._json(
                404, {"type": "error", "error": {"type": "not_found_error", "message": path}}
            )
            return
        refused = check_message_request(body)
        if refused is not None:
            self._refuse(refused)
            return
        reply = self.api.next_reply(body)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.status >= 400:
            self._error(reply)
        elif body.get("stream"):
            self._stream(body, reply)
        else:
            self._json(200, self.api.message(body, reply))

    def _stream(self, body: dict[str, Any], reply: Reply) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("request-id", self.api.new_id("req"))
        self.end_headers()
        deltas = 0
        final = self.api.message(body, reply)
        for event, data in sse_events(final, reply, self.api.new_id):
            if event == "content_block_delta" and data["delta"]["type"] not in THINKING_DELTAS:
                deltas += 1
                if reply.drop_after is not None and deltas > reply.drop_after:
                    self._drop()
                    return
            payload = f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()
            self.wfile.write(f"{len(payload):X}\r\n".encode() + payload + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    def _drop(self) -> None:
        """Cut the connection mid-body: no final chunk, so the client sees a broken stream."""
        self.wfile.flush()
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
