"""The model server as the runtime images run it: gunicorn with gunicorn.conf.py and the uvicorn
worker, over real sockets. Skipped where gunicorn, uvicorn, uvloop or httptools is missing (a bare
python3); tests/integration/model-server-images.test.ts runs it inside both runtime images, where
nothing may be skipped.

Run with: python3 -m unittest test_berth_uvicorn  (in runtimes/model-server)
"""

import http.client
import importlib.util
import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
NEEDED = ("gunicorn", "uvicorn", "uvloop", "httptools")
MISSING = [name for name in NEEDED if importlib.util.find_spec(name) is None]

SCORE = """
    import os, sys, time

    def load_model():
        return 3

    def predict(data, model=None):
        if isinstance(data, dict) and "sleep" in data:
            time.sleep(data["sleep"])
        if isinstance(data, int):
            return ({"token": i} for i in range(data))
        if isinstance(data, dict) and "endless" in data:
            return endless(data["endless"])
        return {"pid": os.getpid(), "times": model * len(data.get("values", [])), "worker": sorted(m for m in ("berth_uvicorn", "uvloop", "httptools") if m in sys.modules)}
"""

# A long stream that records, when it ends, how many events it made.
ENDLESS = """
    def endless(marker):
        made = 0
        try:
            for made in range(1, 2001):
                time.sleep(0.005)
                yield {"token": made}
        finally:
            with open(marker, "w") as f:
                f.write(str(made))
"""

# gunicorn kills a worker whose heartbeat stops for this long; the slow predict takes longer.
TIMEOUT_S = 2
SLOW_S = 5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@unittest.skipIf(MISSING, f"not installed here: {', '.join(MISSING)}")
class GunicornWithUvicorn(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory()
        with open(os.path.join(cls._tmp.name, "score.py"), "w") as f:
            f.write(textwrap.dedent(SCORE) + textwrap.dedent(ENDLESS))
        cls.port = free_port()
        cls.log = open(os.path.join(cls._tmp.name, "server.log"), "w+")
        # Info: gunicorn's own lines (the worker it uses) are read below; the other tests' modules lower it.
        env = {**os.environ, "MODEL_DIR": cls._tmp.name, "PYTHONDONTWRITEBYTECODE": "1", "WEB_CONCURRENCY": "2", "BERTH_LOG_LEVEL": "INFO"}
        env.pop("BERTH_MODEL_SERVER_WORKER", None)
        cls.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", os.path.join(HERE, "gunicorn.conf.py"), "--bind", f"127.0.0.1:{cls.port}", "--timeout", str(TIMEOUT_S), "berth_model_server:app"],
            cwd=cls._tmp.name,
            env=env,
            stdout=cls.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if cls.request("GET", "/health")[0] == 200:
                    break
            except OSError:
                pass
            if cls.server.poll() is not None or time.monotonic() > deadline:
                cls.tearDownClass()
                raise RuntimeError(f"the server did not come up:\n{cls.server_log()}")
            time.sleep(0.1)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(30)
        cls.log.close()
        cls._tmp.cleanup()

    @classmethod
    def server_log(cls):
        cls.log.flush()
        with open(cls.log.name) as f:
            return f.read()

    @classmethod
    def request(cls, method, path, payload=None, conn=None):
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", cls.port, timeout=SLOW_S * 4)
        try:
            body = None if payload is None else json.dumps(payload).encode()
            conn.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
            res = conn.getresponse()
            return res.status, dict(res.getheaders()), res.read()
        finally:
            if own:
                conn.close()

    def test_it_runs_the_uvicorn_worker(self):
        self.assertIn("Using worker: berth_uvicorn.BerthUvicornWorker", self.server_log())
        status, _, body = self.request("POST", "/predict", {"values": []})
        self.assertEqual((status, json.loads(body)["worker"]), (200, ["berth_uvicorn", "httptools", "uvloop"]))

    def test_one_connection_carries_many_requests(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            answers = [self.request("POST", "/predict", {"values": [1] * i}, conn) for i in range(5)]
        finally:
            conn.close()
        self.assertEqual([(s, json.loads(b)["times"]) for s, _, b in answers], [(200, 3 * i) for i in range(5)])
        self.assertEqual({h.get("content-type") for _, h, _ in answers}, {"application/json"})

    def test_errors_keep_their_status_codes_and_bodies(self):
        status, headers, body = self.request("GET", "/predict")
        self.assertEqual((status, headers.get("allow"), json.loads(body)["code"]), (405, "POST", "MethodNotAllowed"))
        status, _, body = self.request("POST", "/predict", "not a dict")
        self.assertEqual((status, json.loads(body)["code"]), (500, "InternalServerError"))
        self.assertEqual(self.request("GET", "/nope")[0], 404)

    def test_events_stream(self):
        status, headers, body = self.request("POST", "/predictWithResponseStream", 2)
        self.assertEqual((status, headers.get("content-type")), (200, "text/event-stream"))
        self.assertEqual(body, b'data: {"token": 0}\n\ndata: {"token": 1}\n\n')

    def test_a_client_that_hangs_up_stops_the_stream(self):
        marker = os.path.join(self._tmp.name, "endless.done")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("POST", "/predictWithResponseStream", body=json.dumps({"endless": marker}), headers={"Content-Type": "application/json"})
        res = conn.getresponse()
        self.assertEqual(res.status, 200)
        self.assertEqual(res.read(6), b"data: ")
        conn.sock.shutdown(socket.SHUT_RDWR)
        conn.close()
        # The generator's finally writes the marker: at the hang-up, or after 2,000 events (10 s).
        deadline = time.monotonic() + 30
        while not os.path.exists(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        with open(marker) as f:
            self.assertLess(int(f.read()), 2000)

    def test_a_predict_longer_than_the_worker_timeout_answers_from_the_same_worker(self):
        status, _, body = self.request("POST", "/predict", {"sleep": SLOW_S, "values": [1]})
        self.assertEqual(status, 200)
        pid = json.loads(body)["pid"]
        # A killed worker would have been replaced by a new process: the pid would be gone.
        os.kill(pid, 0)
        self.assertNotIn("WORKER TIMEOUT", self.server_log())


if __name__ == "__main__":
    unittest.main()
