"""Unit tests of the ASGI face of the model server (berth_asgi.AsgiApp), driven with asyncio and
ASGI messages as uvicorn sends them, and of gunicorn.conf.py's choice of worker. Standard library only.

Run with: python3 -m unittest discover -s runtimes/model-server
"""

import asyncio
import importlib.util
import json
import os
import sys
import types
import unittest
import unittest.mock

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault("BERTH_LOG_LEVEL", "WARNING")
sys.path.insert(0, HERE)

import berth_asgi  # noqa: E402
import berth_model_server as server  # noqa: E402
from test_berth_model_server import SCORE_BASIC, ServerTestCase  # noqa: E402


def run_asgi(app, method, path, body=b"", chunks=None, headers=()):
    """One HTTP request through the ASGI app; returns (status, headers dict, body messages)."""
    parts = chunks if chunks is not None else [body]
    incoming = [{"type": "http.request", "body": part, "more_body": i < len(parts) - 1} for i, part in enumerate(parts)]
    sent = []

    async def receive():
        if incoming:
            return incoming.pop(0)
        # As a server does once the body is in: the next message is the hang-up, which never comes.
        await asyncio.Event().wait()

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "query_string": b"", "headers": [(k, v) for k, v in headers]}
    asyncio.run(app(scope, receive, send))
    start = sent[0]
    assert start["type"] == "http.response.start", start
    bodies = [m for m in sent[1:] if m["type"] == "http.response.body"]
    assert not bodies[-1].get("more_body", False), "the last body message ends the answer"
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, bodies


def joined(bodies):
    return b"".join(m.get("body", b"") for m in bodies)


class AsgiFace(ServerTestCase):
    def asgi(self, score_source):
        return berth_asgi.AsgiApp(self.serve(score_source))

    def test_health_predict_and_errors_answer_as_the_wsgi_app(self):
        app = self.asgi(SCORE_BASIC)
        status, headers, bodies = run_asgi(app, "GET", "/health")
        self.assertEqual((status, json.loads(joined(bodies))), (200, {"status": "ok"}))
        self.assertEqual(headers["content-type"], "application/json")
        status, headers, bodies = run_asgi(app, "POST", "/predict", json.dumps({"values": [1, 2]}).encode())
        self.assertEqual((status, json.loads(joined(bodies))), (200, {"prediction": [2, 4], "loads": 2}))
        self.assertEqual(headers["content-length"], str(len(joined(bodies))))
        with self.assertLogs("berth.model_server", "ERROR"):
            status, _, bodies = run_asgi(app, "POST", "/predict", b'"boom"')
        self.assertEqual((status, json.loads(joined(bodies))), (500, {"code": "InternalServerError", "message": "ValueError: boom"}))
        status, headers, _ = run_asgi(app, "GET", "/predict")
        self.assertEqual((status, headers["allow"]), (405, "POST"))
        self.assertEqual(run_asgi(app, "GET", "/nope")[0], 404)

    def test_a_body_in_several_messages_is_read_whole(self):
        app = self.asgi(SCORE_BASIC)
        status, _, bodies = run_asgi(app, "POST", "/predict", chunks=[b'{"val', b'ues": [', b"5]}"])
        self.assertEqual((status, json.loads(joined(bodies))["prediction"]), (200, [10]))

    def test_the_content_type_reaches_the_app(self):
        seen = {}

        def wsgi(environ, start_response):
            seen.update(environ)
            return server.send(start_response, 200, b"{}", server.JSON_TYPE)

        run_asgi(berth_asgi.AsgiApp(wsgi), "POST", "/predict", b"a,b\n1,2\n", headers=[(b"content-type", b"text/csv")])
        self.assertEqual((seen["CONTENT_TYPE"], seen["CONTENT_LENGTH"], seen["wsgi.input"].read()), ("text/csv", "8", b"a,b\n1,2\n"))

    def test_a_generator_streams_one_message_per_event(self):
        app = self.asgi("def predict(data, model=None):\n    for i in range(data):\n        yield {'token': i}\n")
        status, headers, bodies = run_asgi(app, "POST", "/predictWithResponseStream", b"3")
        self.assertEqual((status, headers["content-type"]), (200, "text/event-stream"))
        self.assertEqual([m["body"] for m in bodies], [b'data: {"token": 0}\n\n', b'data: {"token": 1}\n\n', b'data: {"token": 2}\n\n', b""])

    def test_a_client_gone_mid_stream_stops_the_generator(self):
        made = []
        sys.modules["berth_test_made"] = types.SimpleNamespace(MADE=made)
        self.addCleanup(sys.modules.pop, "berth_test_made", None)
        app = berth_asgi.AsgiApp(self.serve("import berth_test_made\n\ndef predict(data, model=None):\n    for i in range(100):\n        berth_test_made.MADE.append(i)\n        yield i\n"))
        incoming = [{"type": "http.request", "body": b"null", "more_body": False}]
        hang_up = asyncio.Event()
        sent = []

        async def receive():
            if incoming:
                return incoming.pop(0)
            await hang_up.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)
            if len(sent) == 3:
                hang_up.set()

        asyncio.run(app({"type": "http", "method": "POST", "path": "/predictWithResponseStream", "headers": []}, receive, send))
        # The start, two events, and then the hang-up is seen: the generator made no more than one more.
        self.assertLessEqual(len(made), 4)
        self.assertEqual(sent[0]["status"], 200)
        self.assertTrue(all(m.get("more_body") for m in sent[1:]), "no closing message to a client that is gone")

    def test_a_failure_mid_stream_ends_with_an_error_event(self):
        app = self.asgi("def predict(data, model=None):\n    yield 1\n    raise KeyError('x')\n")
        with self.assertLogs("berth.model_server", "ERROR"):
            _, _, bodies = run_asgi(app, "POST", "/predictWithResponseStream", b"null")
        self.assertEqual(joined(bodies), b'data: 1\n\nevent: error\ndata: {"code": "InternalServerError", "message": "KeyError: \'x\'"}\n\n')

    def test_a_client_gone_before_its_body_came_gets_nothing(self):
        calls = []
        app = berth_asgi.AsgiApp(lambda environ, start_response: calls.append(1))
        sent = []

        async def receive():
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        asyncio.run(app({"type": "http", "method": "POST", "path": "/predict", "headers": []}, receive, send))
        self.assertEqual((calls, sent), ([], []))

    def test_lifespan_starts_and_stops(self):
        app = berth_asgi.AsgiApp(None)
        incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
        sent = []

        async def receive():
            return incoming.pop(0)

        async def send(message):
            sent.append(message["type"])

        asyncio.run(app({"type": "lifespan"}, receive, send))
        self.assertEqual(sent, ["lifespan.startup.complete", "lifespan.shutdown.complete"])


class WorkerChoice(unittest.TestCase):
    def setUp(self):
        spec = importlib.util.spec_from_file_location("berth_gunicorn_conf_choice", os.path.join(HERE, "gunicorn.conf.py"))
        self.conf = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.conf)

    def test_uvicorn_when_the_image_has_it_else_gthread(self):
        choose = self.conf.worker_class_for
        everything = lambda name: True  # noqa: E731
        no_uvloop = lambda name: name != "uvloop"  # noqa: E731
        self.assertEqual(choose({}, everything), "berth_uvicorn.BerthUvicornWorker")
        self.assertEqual(choose({}, no_uvloop), "gthread")
        self.assertEqual(choose({"BERTH_MODEL_SERVER_WORKER": "gthread"}, everything), "gthread")
        self.assertEqual(choose({"BERTH_MODEL_SERVER_WORKER": " Uvicorn "}, everything), "berth_uvicorn.BerthUvicornWorker")

    def test_an_unknown_or_impossible_choice_is_said_and_falls_back(self):
        choose = self.conf.worker_class_for
        with unittest.mock.patch("sys.stderr") as err:
            self.assertEqual(choose({"BERTH_MODEL_SERVER_WORKER": "meinheld"}, lambda name: True), "berth_uvicorn.BerthUvicornWorker")
            self.assertEqual(choose({"BERTH_MODEL_SERVER_WORKER": "uvicorn"}, lambda name: False), "gthread")
        said = "".join(str(c.args[0]) for c in err.write.call_args_list)
        self.assertIn("Ignoring BERTH_MODEL_SERVER_WORKER='meinheld'", said)
        self.assertIn("lacks uvicorn", said)


if __name__ == "__main__":
    unittest.main()
