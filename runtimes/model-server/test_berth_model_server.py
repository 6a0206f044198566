"""Unit tests of the model server, calling the WSGI app directly on temporary artifacts.

Run with: python3 -m unittest discover -s runtimes/model-server
"""

import importlib.util
import io
import json
import os
import sys
import tempfile
import textwrap
import threading
import types
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
# The server's info lines (one per model load) would drown the test report.
os.environ.setdefault("BERTH_LOG_LEVEL", "WARNING")
sys.path.insert(0, HERE)

import berth_model_server as server  # noqa: E402

SCORE_BASIC = """
    import json, os
    LOADS = []

    def load_model():
        LOADS.append(1)
        return {"weight": 2}

    def predict(data, model=load_model()):
        if data == "boom":
            raise ValueError("boom")
        if data == "exit":
            raise SystemExit(2)
        if data == "png":
            return b"\\x89PNG\\r\\n"
        if isinstance(data, dict):
            return {"prediction": [x * model["weight"] for x in data["values"]], "loads": len(LOADS)}
        return {"echo": data, "type": type(data).__name__}
"""


def make_artifact(root, score_source, subdir=None):
    folder = os.path.join(root, subdir) if subdir else root
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "score.py"), "w") as f:
        f.write(textwrap.dedent(score_source))
    return root


def call(app, method, path, body=b""):
    """Runs one request through the app; returns (status code, headers, body bytes)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    seen = {}

    def start_response(status, headers):
        seen["status"] = int(status.split(" ", 1)[0])
        seen["headers"] = dict(headers)

    chunks = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], chunks


def post_json(app, path, payload):
    return call(app, "POST", path, json.dumps(payload).encode())


class ServerTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name
        self._path = list(sys.path)

    def tearDown(self):
        sys.path[:] = self._path
        sys.modules.pop("score", None)
        self._tmp.cleanup()

    def serve(self, score_source, subdir=None):
        make_artifact(self.dir, score_source, subdir)
        app = server.ModelServer(self.dir)
        self.assertTrue(app.wait_loaded(timeout=30))
        return app


class HealthAndPredict(ServerTestCase):
    def test_health_is_ok_once_loaded_and_the_model_loads_once(self):
        app = self.serve(SCORE_BASIC)
        status, _, body = call(app, "GET", "/health")
        self.assertEqual((status, json.loads(body)), (200, {"status": "ok"}))
        for _ in range(3):
            status, headers, body = post_json(app, "/predict", {"values": [1, 2]})
            self.assertEqual(status, 200)
            self.assertEqual(headers["Content-Type"], "application/json")
            # One load at import (the default argument, as OCI's boilerplate has) and one by the server.
            self.assertEqual(json.loads(body), {"prediction": [2, 4], "loads": 2})

    def test_a_body_that_is_not_json_is_passed_as_text(self):
        app = self.serve(SCORE_BASIC)
        status, _, body = call(app, "POST", "/predict", b"hello there")
        self.assertEqual((status, json.loads(body)), (200, {"echo": "hello there", "type": "str"}))

    def test_an_exception_in_predict_is_a_500_and_the_server_keeps_serving(self):
        app = self.serve(SCORE_BASIC)
        with self.assertLogs("berth.model_server", "ERROR") as logs:
            status, _, body = post_json(app, "/predict", "boom")
        self.assertEqual(status, 500)
        self.assertEqual(json.loads(body), {"code": "InternalServerError", "message": "ValueError: boom"})
        self.assertIn("Traceback", "\n".join(logs.output))
        self.assertEqual(post_json(app, "/predict", {"values": [3]})[0], 200)

    def test_a_system_exit_in_predict_is_a_json_500_and_the_server_keeps_serving(self):
        app = self.serve(SCORE_BASIC)
        with self.assertLogs("berth.model_server", "ERROR"):
            status, _, body = post_json(app, "/predict", "exit")
        self.assertEqual((status, json.loads(body)["code"]), (500, "InternalServerError"))
        self.assertIn("SystemExit", json.loads(body)["message"])
        self.assertEqual(post_json(app, "/predict", {"values": [3]})[0], 200)

    def test_bytes_that_are_not_text_are_a_named_500_not_mangled_text(self):
        app = self.serve(SCORE_BASIC)
        with self.assertLogs("berth.model_server", "ERROR"):
            status, _, body = post_json(app, "/predict", "png")
        self.assertEqual(status, 500)
        self.assertIn("bytes that are not UTF-8 text", json.loads(body)["message"])

    def test_a_failed_load_is_reported_by_health_and_predict(self):
        make_artifact(self.dir, "def load_model():\n    raise RuntimeError('no weights')\n\ndef predict(data, model=None):\n    return 1\n")
        app = server.ModelServer(self.dir)
        with self.assertLogs("berth.model_server", "ERROR"):
            self.assertTrue(app.wait_loaded(timeout=30))
        status, _, body = call(app, "GET", "/health")
        self.assertEqual(status, 503)
        self.assertEqual(json.loads(body), {"status": "failed", "stage": "load_model", "error": "RuntimeError: no weights"})
        status, _, body = post_json(app, "/predict", {})
        self.assertEqual(status, 503)
        self.assertIn("no weights", json.loads(body)["message"])

    def test_a_missing_score_py_is_a_load_error(self):
        app = server.ModelServer(self.dir)
        with self.assertLogs("berth.model_server", "ERROR"):
            app.wait_loaded(timeout=30)
        status, _, body = call(app, "GET", "/health")
        self.assertEqual(status, 503)
        self.assertIn("FileNotFoundError", json.loads(body)["error"])
        self.assertEqual(json.loads(body)["stage"], "import")

    def test_health_says_loading_until_the_load_ends(self):
        # load_model() waits on an event the test holds, so "loading" is observed for certain.
        gate = threading.Event()
        sys.modules["berth_test_gate"] = types.SimpleNamespace(GO=gate)
        self.addCleanup(sys.modules.pop, "berth_test_gate", None)
        make_artifact(self.dir, "import berth_test_gate\n\ndef load_model():\n    berth_test_gate.GO.wait(30)\n    return 1\n\ndef predict(data, model=None):\n    return model\n")
        app = server.ModelServer(self.dir)
        app.start_loading()
        status, _, body = call(app, "GET", "/health")
        self.assertEqual((status, json.loads(body)), (503, {"status": "loading"}))
        gate.set()
        self.assertTrue(app.wait_loaded(timeout=30))
        self.assertEqual(call(app, "GET", "/health")[0], 200)

    def test_an_import_error_is_a_failed_import_stage(self):
        make_artifact(self.dir, "import nosuchpkg_berth\n\ndef predict(data, model=None):\n    return 1\n")
        app = server.ModelServer(self.dir)
        with self.assertLogs("berth.model_server", "ERROR") as logs:
            self.assertTrue(app.wait_loaded(timeout=30))
        status, _, body = call(app, "GET", "/health")
        self.assertEqual(status, 503)
        self.assertEqual(json.loads(body), {"status": "failed", "stage": "import", "error": "ModuleNotFoundError: No module named 'nosuchpkg_berth'"})
        self.assertIn("(importing score.py)", "\n".join(logs.output))

    def test_a_score_py_without_predict_fails_at_import(self):
        make_artifact(self.dir, "def load_model():\n    return 1\n")
        app = server.ModelServer(self.dir)
        with self.assertLogs("berth.model_server", "ERROR"):
            app.wait_loaded(timeout=30)
        body = json.loads(call(app, "GET", "/health")[2])
        self.assertEqual((body["status"], body["stage"]), ("failed", "import"))
        self.assertIn("AttributeError", body["error"])

    def test_score_py_in_one_subfolder_is_found(self):
        app = self.serve(SCORE_BASIC, subdir="my_model")
        self.assertEqual(call(app, "GET", "/health")[0], 200)

    def test_unknown_routes_and_wrong_methods(self):
        app = self.serve(SCORE_BASIC)
        self.assertEqual(call(app, "GET", "/nope")[0], 404)
        status, headers, _ = call(app, "GET", "/predict")
        self.assertEqual((status, headers.get("Allow")), (405, "POST"))


class PredictSignatures(ServerTestCase):
    def test_positional_model(self):
        app = self.serve("def load_model():\n    return 10\n\ndef predict(data, m):\n    return data + m\n")
        self.assertEqual(json.loads(post_json(app, "/predict", 5)[2]), 15)

    def test_data_only(self):
        app = self.serve("def load_model():\n    return 10\n\ndef predict(data):\n    return data * 2\n")
        self.assertEqual(json.loads(post_json(app, "/predict", 5)[2]), 10)

    def test_no_load_model_passes_none(self):
        app = self.serve("def predict(data, model=None):\n    return model is None\n")
        self.assertEqual(json.loads(post_json(app, "/predict", 1)[2]), True)


class Serialisation(unittest.TestCase):
    def test_array_likes_frames_and_nan(self):
        class ArrayLike:
            def tolist(self):
                return [1, 2]

        self.assertEqual(json.loads(server.dumps({"a": ArrayLike(), "b": (1, 2), "c": float("nan")})), {"a": [1, 2], "b": [1, 2], "c": None})

    @unittest.skipUnless(importlib.util.find_spec("numpy"), "numpy is not installed")
    def test_numpy_types(self):
        import numpy as np

        value = {"arr": np.array([[1, 2]], dtype=np.int64), "f": np.float32(0.5), "b": np.bool_(True)}
        self.assertEqual(json.loads(server.dumps(value)), {"arr": [[1, 2]], "f": 0.5, "b": True})


class Streaming(ServerTestCase):
    def test_a_generator_streams_one_event_per_item(self):
        app = self.serve("def predict(data, model=None):\n    for i in range(data):\n        yield {'token': i}\n")
        status, headers, body = post_json(app, "/predictWithResponseStream", 3)
        self.assertEqual((status, headers["Content-Type"]), (200, "text/event-stream"))
        self.assertEqual(body, b'data: {"token": 0}\n\ndata: {"token": 1}\n\ndata: {"token": 2}\n\n')

    def test_a_plain_result_is_one_event(self):
        app = self.serve(SCORE_BASIC)
        _, _, body = post_json(app, "/predictWithResponseStream", {"values": [1]})
        self.assertEqual(body, b'data: {"prediction": [2], "loads": 2}\n\n')

    def test_a_failure_mid_stream_ends_with_an_error_event(self):
        app = self.serve("def predict(data, model=None):\n    yield 1\n    raise KeyError('x')\n")
        with self.assertLogs("berth.model_server", "ERROR"):
            _, _, body = post_json(app, "/predictWithResponseStream", None)
        self.assertEqual(body, b'data: 1\n\nevent: error\ndata: {"code": "InternalServerError", "message": "KeyError: \'x\'"}\n\n')

    def test_predict_drains_a_generator_into_a_list(self):
        app = self.serve("def predict(data, model=None):\n    yield from range(3)\n")
        self.assertEqual(json.loads(post_json(app, "/predict", None)[2]), [0, 1, 2])


class WorkerCount(unittest.TestCase):
    def setUp(self):
        spec = importlib.util.spec_from_file_location("berth_gunicorn_conf", os.path.join(HERE, "gunicorn.conf.py"))
        self.conf = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.conf)

    def test_two_copies_per_ocpu_unless_web_concurrency_is_set(self):
        count = self.conf.worker_count
        self.assertEqual(count({}), 2)
        self.assertEqual(count({"BERTH_OCPUS": "4"}), 8)
        self.assertEqual(count({"BERTH_OCPUS": "4", "WEB_CONCURRENCY": "3"}), 3)
        self.assertEqual(count({"WEB_CONCURRENCY": "0"}), 1)
        self.assertEqual(count({"BERTH_OCPUS": "0"}), 1)

    def test_settings(self):
        self.assertEqual((self.conf.bind, self.conf.timeout, self.conf.accesslog), ("0.0.0.0:8080", 60, None))


if __name__ == "__main__":
    unittest.main()
