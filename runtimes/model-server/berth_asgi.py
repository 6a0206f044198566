"""The model server's WSGI app (berth_model_server.ModelServer) behind an ASGI 3 callable, for the
uvicorn worker (berth_uvicorn.py). Every route, status code and body stays the WSGI app's: this only
carries a request in and the answer out.

predict runs inline on the worker's event loop, not in a thread: a copy still serves one request at
a time, as gunicorn's gthread worker with one thread did, without a thread hand-off per request
(which would cost about as much as a small model's predict). The worker's heartbeat beats from a
thread of its own, so a long predict that holds the loop does not get the copy killed.

Only the standard library is used here, so the tests run without uvicorn installed.
"""

import asyncio
import io


class AsgiApp:
    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def start_loading(self):
        self.wsgi_app.start_loading()

    async def __call__(self, scope, receive, send):
        kind = scope["type"]
        if kind == "lifespan":
            await lifespan(receive, send)
            return
        if kind != "http":
            # A websocket: this server has none to offer, and uvicorn answers 403 for it.
            return
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        body = message.get("body", b"")
        if message.get("more_body", False):
            # A large body comes in pieces: joined once, not copied again with each piece.
            parts = [body]
            while message.get("more_body", False):
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                parts.append(message.get("body", b""))
            body = b"".join(parts)
        content_type = ""
        for name, value in scope["headers"]:
            if name == b"content-type":
                content_type = value.decode("latin-1")
                break
        environ = {
            "REQUEST_METHOD": scope["method"],
            "PATH_INFO": scope["path"],
            "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
            "CONTENT_TYPE": content_type,
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        }
        started = []

        def start_response(status, headers, exc_info=None):
            started.append((int(status[:3]), [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]))

        result = self.wsgi_app(environ, start_response)
        # The app calls start_response before it returns, a stream's included (ModelServer._predict_stream).
        status, headers = started[0]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if isinstance(result, list):
            await send({"type": "http.response.body", "body": b"".join(result)})
            return
        # Server-sent events: each goes out as predict yields it. The loop runs between two events
        # (the socket is written, a hang-up is seen), and a client gone stops the generator, as a
        # failed write did under gthread: the one message left to receive is http.disconnect.
        gone = asyncio.ensure_future(receive())
        try:
            for chunk in result:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await asyncio.sleep(0)
                if gone.done():
                    return
            await send({"type": "http.response.body", "body": b""})
        finally:
            if not gone.done():
                gone.cancel()
            close = getattr(result, "close", None)
            if close is not None:
                close()


async def lifespan(receive, send):
    """Nothing to start or stop: the model loads in each worker after the fork (post_worker_init)."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
