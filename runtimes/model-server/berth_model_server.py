"""Berth's model server for the service runtimes: a WSGI app that serves a model artifact's score.py,
or, for an MLflow model without one, the model its MLmodel describes (berth_mlflow.py).

The contract follows OCI Data Science model deployments: the artifact is mounted read-only at
/opt/ds/model/deployed_model, score.py defines load_model() and predict(data, model=...), and the
server answers GET /health, POST /predict and POST /predictWithResponseStream on port 8080.
gunicorn runs it (gunicorn.conf.py); each worker process holds one copy of the model.

Only the standard library is used here, so the minimal runtime (python3 + gunicorn) can run it.
"""

import datetime
import decimal
import importlib.util
import inspect
import json
import logging
import math
import os
import sys
import threading
import traceback
from collections.abc import Iterator

import berth_mlflow

DEFAULT_MODEL_DIR = "/opt/ds/model/deployed_model"
JSON_TYPE = "application/json"

log = logging.getLogger("berth.model_server")


def configure_logging():
    """Info and below to stdout, warnings and errors (with tracebacks) to stderr: the predict log."""
    root = logging.getLogger()
    if getattr(root, "_berth_configured", False):
        return
    fmt = logging.Formatter("%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s")
    out = logging.StreamHandler(sys.stdout)
    out.setFormatter(fmt)
    out.addFilter(lambda record: record.levelno < logging.WARNING)
    err = logging.StreamHandler(sys.stderr)
    err.setFormatter(fmt)
    err.setLevel(logging.WARNING)
    root.addHandler(out)
    root.addHandler(err)
    root.setLevel(os.environ.get("BERTH_LOG_LEVEL", "INFO").upper())
    root._berth_configured = True


def find_score_dir(model_dir, required=True):
    """The folder holding score.py: the artifact's top level, or its one subfolder that has it
    (an artifact zipped from a folder keeps that folder in its paths). None when there is none and
    it is not required (an MLflow model)."""
    if os.path.isfile(os.path.join(model_dir, "score.py")):
        return model_dir
    candidates = [
        os.path.join(model_dir, name)
        for name in sorted(os.listdir(model_dir))
        if os.path.isfile(os.path.join(model_dir, name, "score.py"))
    ]
    if len(candidates) == 1:
        return candidates[0]
    if not required:
        return None
    raise FileNotFoundError(f"No score.py at the top level of {model_dir} or in exactly one folder under it")


def exception_line(exc):
    """'ValueError: bad input', the last line of a traceback: what a caller may be shown."""
    return traceback.format_exception_only(type(exc), exc)[-1].strip()


def predict_caller(predict):
    """A function (data, model) -> result that calls predict(data, model=model), or predict(data, model)
    / predict(data) when its signature takes no 'model' keyword, as score.py files written by hand
    sometimes do. Read once at load: inspect.signature costs more than a small model's predict."""
    try:
        params = inspect.signature(predict).parameters
    except (TypeError, ValueError):
        return lambda data, model: predict(data, model=model)
    kinds = [p.kind for p in params.values()]
    named = params.get("model")
    if (named is not None and named.kind != inspect.Parameter.POSITIONAL_ONLY) or inspect.Parameter.VAR_KEYWORD in kinds:
        return lambda data, model: predict(data, model=model)
    positional = [k for k in kinds if k in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    if len(positional) >= 2 or inspect.Parameter.VAR_POSITIONAL in kinds:
        return predict
    return lambda data, model: predict(data)


def call_predict(predict, data, model):
    return predict_caller(predict)(data, model)


def to_jsonable(value):
    """json.dumps default: numpy arrays and scalars, pandas frames and series, and a few stdlib types.
    Duck-typed so the minimal runtime, which has no numpy, can import this module."""
    if hasattr(value, "to_dict") and hasattr(value, "columns"):
        return value.to_dict(orient="records")
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, (bytes, bytearray)):
        # Text as bytes is sent as text; anything else would be mangled by a lossy decode.
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise TypeError("predict returned bytes that are not UTF-8 text, which JSON cannot carry (return base64 text, or a list of numbers)") from None
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _without_nan(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _without_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_nan(v) for v in value]
    return value


# json.dumps with these arguments would build the same encoder on every call.
_ENCODER = json.JSONEncoder(default=to_jsonable, allow_nan=False)


def dumps(value):
    """JSON text of a prediction. NaN and infinities, which are not JSON, become null."""
    try:
        return _ENCODER.encode(value)
    except ValueError:
        plain = json.loads(json.dumps(value, default=to_jsonable))
        return json.dumps(_without_nan(plain), allow_nan=False)


def parse_body(raw):
    """The request body as JSON when it parses, else as text (or bytes when it is not UTF-8)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    try:
        return json.loads(text)
    except ValueError:
        return text


class ModelServer:
    """The WSGI application. The model loads once per process, in a background thread started by
    start_loading() (gunicorn's post_worker_init), so a slow load_model() neither blocks the
    worker's heartbeat nor hides its progress: /health answers 503 'loading' meanwhile."""

    def __init__(self, model_dir=None, mlmodel=None):
        self.model_dir = model_dir or os.environ.get("MODEL_DIR") or DEFAULT_MODEL_DIR
        # The MLmodel's serving facts as the console read them (JSON text), for an artifact that
        # has no score.py; a score.py, when there is one, is what serves, as on OCI.
        self.mlmodel_text = mlmodel if mlmodel is not None else (os.environ.get("BERTH_MLMODEL") or None)
        self.mlflow = None
        self.module = None
        self._predict_call = None
        self.model = None
        self.error = None
        # Where loading failed: "import" (finding or importing score.py, or it lacks predict) or
        # "load_model" (score.py's load_model() raised), so /health can say which.
        self.error_stage = None
        # The failure was the MLflow model's (served natively), not a score.py's.
        self.error_native = False
        self._loaded = threading.Event()
        self._start_lock = threading.Lock()
        self._started = False
        self._routes = {
            "/health": ("GET", self._health),
            "/predict": ("POST", self._predict),
            "/predictWithResponseStream": ("POST", self._predict_stream),
        }

    def start_loading(self):
        with self._start_lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._load, name="berth-load-model", daemon=True).start()

    def wait_loaded(self, timeout=None):
        """Starts loading if nobody has, and waits for it; True once loading has finished."""
        self.start_loading()
        return self._loaded.wait(timeout)

    def _load(self):
        started = datetime.datetime.now()
        stage = "import"
        native = False
        try:
            score_dir = find_score_dir(self.model_dir, required=self.mlmodel_text is None)
            if score_dir is None:
                native = True
                spec = berth_mlflow.read_spec(self.mlmodel_text)
                stage = "load_model"
                self.mlflow = berth_mlflow.MlflowModel(self.model_dir, spec)
                seconds = (datetime.datetime.now() - started).total_seconds()
                log.info("MLflow model loaded natively in %.2f s: %s", seconds, self.mlflow.describe())
                return
            if self.mlmodel_text is not None:
                log.info("The artifact has score.py and an MLmodel: score.py serves it, as on OCI")
            if score_dir not in sys.path:
                sys.path.insert(0, score_dir)
            spec = importlib.util.spec_from_file_location("score", os.path.join(score_dir, "score.py"))
            module = importlib.util.module_from_spec(spec)
            sys.modules["score"] = module
            spec.loader.exec_module(module)
            if not callable(getattr(module, "predict", None)):
                raise AttributeError("score.py defines no predict(data, model) function")
            load_model = getattr(module, "load_model", None)
            stage = "load_model"
            self.model = load_model() if callable(load_model) else None
            self._predict_call = predict_caller(module.predict)
            self.module = module
            seconds = (datetime.datetime.now() - started).total_seconds()
            log.info("Model loaded from %s in %.2f s (importing score.py and load_model())", score_dir, seconds)
        except BaseException as exc:  # noqa: BLE001 - a failed load is reported by /health, not fatal
            self.error = exception_line(exc)
            self.error_stage = stage
            self.error_native = native
            if native:
                where = "reading BERTH_MLMODEL" if stage == "import" else "loading the MLflow model"
            else:
                where = "importing score.py" if stage == "import" else "load_model()"
            log.error("Loading the model failed (%s): %s\n%s", where, self.error, traceback.format_exc())
        finally:
            self._loaded.set()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        route = self._routes.get(path) or self._routes.get(path.rstrip("/") or "/")
        if route is None:
            return respond(start_response, 404, {"code": "NotFound", "message": f"No route {path}"})
        allowed, handler = route
        if method != allowed:
            return respond(
                start_response,
                405,
                {"code": "MethodNotAllowed", "message": f"{path} accepts {allowed} only"},
                [("Allow", allowed)],
            )
        return handler(environ, start_response)

    def _health(self, environ, start_response):
        """200 once loaded; 503 {"status": "loading"} meanwhile; 503 {"status": "failed", "stage":
        "import" | "load_model", "error": "<exception class>: <message>"} when loading failed, which
        never heals, so the console fails the deployment at once instead of waiting it out."""
        self.start_loading()
        if not self._loaded.is_set():
            return respond(start_response, 503, {"status": "loading"})
        if self.error is not None:
            failed = {"status": "failed", "stage": self.error_stage, "error": self.error}
            if self.error_native:
                failed["serving"] = "mlflow"
            return respond(start_response, 503, failed)
        return respond(start_response, 200, {"status": "ok"})

    def _ready_or_error(self, start_response):
        """None when the model is ready to predict, else the 503 response to send."""
        if not self._loaded.is_set():
            self.wait_loaded()
        if self.error is None:
            return None
        body = {"code": "ServiceUnavailable", "message": f"The model failed to load: {self.error}"}
        return respond(start_response, 503, body)

    def _run_predict(self, environ):
        data = parse_body(read_body(environ))
        return self._predict_call(data, self.model)

    def _mlflow_predict(self, environ, start_response, stream):
        """MLflow's scoring protocol; its failures answer as MLflow's scoring server does."""
        try:
            text = dumps(self.mlflow.predict(read_body(environ), environ.get("CONTENT_TYPE")))
        except berth_mlflow.BadRequest as exc:
            log.warning("predict refused the input: %s", exc)
            return respond(start_response, 400, berth_mlflow.error_body(str(exc)))
        except berth_mlflow.UnsupportedContentType as exc:
            return respond(start_response, 415, berth_mlflow.error_body(str(exc)))
        except Exception as exc:  # noqa: BLE001
            return internal_error(start_response, exc)
        if stream:
            return send(start_response, 200, sse(text), "text/event-stream", [("Cache-Control", "no-cache")])
        return send(start_response, 200, text.encode("utf-8"), JSON_TYPE)

    def _predict(self, environ, start_response):
        not_ready = self._ready_or_error(start_response)
        if not_ready is not None:
            return not_ready
        if self.mlflow is not None:
            return self._mlflow_predict(environ, start_response, stream=False)
        try:
            result = self._run_predict(environ)
            if isinstance(result, Iterator):
                result = list(result)
            body = dumps(result).encode("utf-8")
        except (Exception, SystemExit) as exc:  # noqa: BLE001 - score.py's failures (sys.exit too) become a 500, never a dead worker
            return internal_error(start_response, exc)
        return send(start_response, 200, body, JSON_TYPE)

    def _predict_stream(self, environ, start_response):
        not_ready = self._ready_or_error(start_response)
        if not_ready is not None:
            return not_ready
        if self.mlflow is not None:
            return self._mlflow_predict(environ, start_response, stream=True)
        try:
            result = self._run_predict(environ)
            if not isinstance(result, Iterator):
                body = sse(dumps(result))
                return send(start_response, 200, body, "text/event-stream", [("Cache-Control", "no-cache")])
        except (Exception, SystemExit) as exc:  # noqa: BLE001
            return internal_error(start_response, exc)
        start_response("200 OK", [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache")])
        return stream_events(result)


def stream_events(items):
    """One server-sent event per item. Headers are gone by the time an item fails, so the failure is
    sent as a last 'error' event (and logged) instead of a status code."""
    try:
        for item in items:
            yield sse(dumps(item))
    except Exception as exc:  # noqa: BLE001
        log.error("predict failed while streaming: %s\n%s", exception_line(exc), traceback.format_exc())
        yield b"event: error\n" + sse(json.dumps({"code": "InternalServerError", "message": exception_line(exc)}))


def sse(data_json):
    return f"data: {data_json}\n\n".encode("utf-8")


def read_body(environ):
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    stream = environ["wsgi.input"]
    return stream.read(length) if length > 0 else stream.read()


STATUS_TEXT = {200: "OK", 400: "Bad Request", 415: "Unsupported Media Type", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error", 503: "Service Unavailable"}


def send(start_response, status, body, content_type, headers=()):
    start_response(
        f"{status} {STATUS_TEXT.get(status, '')}".strip(),
        [("Content-Type", content_type), ("Content-Length", str(len(body))), *headers],
    )
    return [body]


def respond(start_response, status, payload, headers=()):
    return send(start_response, status, json.dumps(payload).encode("utf-8"), JSON_TYPE, headers)


def internal_error(start_response, exc):
    message = exception_line(exc)
    log.error("predict failed: %s\n%s", message, traceback.format_exc())
    return respond(start_response, 500, {"code": "InternalServerError", "message": message})


configure_logging()
app = ModelServer()
