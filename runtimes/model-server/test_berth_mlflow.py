"""Tests of MLflow models served natively, against a real scikit-learn model pickled here.

Those that need scikit-learn are skipped where it is missing (the host's python3); the integration
test tests/integration/mlflow-models.test.ts runs this file inside the generalml runtime image,
where none may be skipped:
    docker run --rm -v "$PWD/runtimes/model-server:/src:ro" -w /src <generalml image> \
        python3 -B -m unittest test_berth_mlflow
"""

import importlib.util
import json
import os
import pickle
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault("BERTH_LOG_LEVEL", "WARNING")
sys.path.insert(0, HERE)

import berth_mlflow  # noqa: E402
import berth_model_server as server  # noqa: E402
from test_berth_model_server import call, make_artifact, post_json  # noqa: E402

HAS_SKLEARN = all(importlib.util.find_spec(m) for m in ("sklearn", "numpy", "pandas"))
needs_sklearn = unittest.skipUnless(HAS_SKLEARN, "scikit-learn, numpy and pandas are not installed")

COLUMNS = [
    {"name": "width", "type": "double", "required": True},
    {"name": "height", "type": "double", "required": True},
    {"name": "count", "type": "long", "required": True},
]


def spec(**overrides):
    return json.dumps({"modelPath": "model.pkl", "serialization": "pickle", "predictFn": "predict", "inputs": COLUMNS, **overrides})


def train_classifier():
    """A logistic regression fitted on a DataFrame: small rows are class 0, large ones class 1."""
    import pandas as pd
    from sklearn.linear_model import LogisticRegression

    rows = [[0, 0, 1], [0, 1, 2], [1, 0, 1], [1, 1, 2], [5, 5, 9], [5, 6, 8], [6, 5, 9], [6, 6, 8]]
    frame = pd.DataFrame(rows, columns=["width", "height", "count"]).astype({"width": float, "height": float})
    return LogisticRegression().fit(frame, [0, 0, 0, 0, 1, 1, 1, 1])


class MlflowTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.dir = self._tmp.name
        self._path = list(sys.path)

    def tearDown(self):
        sys.path[:] = self._path
        sys.modules.pop("score", None)
        self._tmp.cleanup()

    def write_model(self, model, name="model.pkl", serialization="pickle"):
        with open(os.path.join(self.dir, name), "wb") as f:
            pickle.dump(model, f)

    def serve(self, mlmodel=None, model=None):
        if model is not False:
            self.write_model(model if model is not None else train_classifier())
        app = server.ModelServer(self.dir, mlmodel=mlmodel if mlmodel is not None else spec())
        self.assertTrue(app.wait_loaded(timeout=60))
        return app

    def predict(self, app, payload):
        status, headers, body = post_json(app, "/predict", payload)
        return status, json.loads(body)


@needs_sklearn
class ScoringProtocol(MlflowTestCase):
    def test_dataframe_split(self):
        app = self.serve()
        self.assertEqual(call(app, "GET", "/health")[0], 200)
        payload = {"dataframe_split": {"columns": ["width", "height", "count"], "data": [[0.1, 0.2, 1], [5.5, 6.0, 9]]}}
        self.assertEqual(self.predict(app, payload), (200, {"predictions": [0, 1]}))

    def test_dataframe_split_with_index_and_columns_in_another_order(self):
        app = self.serve()
        payload = {"dataframe_split": {"index": [7, 8], "columns": ["count", "height", "width"], "data": [[9, 6.0, 5.5], [1, 0.2, 0.1]]}}
        self.assertEqual(self.predict(app, payload), (200, {"predictions": [1, 0]}))

    def test_dataframe_records(self):
        app = self.serve()
        payload = {"dataframe_records": [{"width": 6.0, "height": 6.0, "count": 8}, {"width": 0.0, "height": 1.0, "count": 2}]}
        self.assertEqual(self.predict(app, payload), (200, {"predictions": [1, 0]}))

    def test_instances_as_rows_and_as_records(self):
        app = self.serve()
        self.assertEqual(self.predict(app, {"instances": [[0.0, 0.0, 1], [6.0, 5.0, 9]]}), (200, {"predictions": [0, 1]}))
        self.assertEqual(self.predict(app, {"instances": [{"width": 6.0, "height": 5.0, "count": 9}]}), (200, {"predictions": [1]}))

    def test_inputs_as_columns(self):
        app = self.serve()
        payload = {"inputs": {"width": [0.0, 6.0], "height": [0.5, 6.0], "count": [1, 8]}}
        self.assertEqual(self.predict(app, payload), (200, {"predictions": [0, 1]}))

    def test_integers_are_taken_for_a_double_column_and_extra_columns_are_left_out(self):
        app = self.serve()
        payload = {"dataframe_records": [{"width": 6, "height": 6, "count": 8, "comment": "ignored"}]}
        self.assertEqual(self.predict(app, payload), (200, {"predictions": [1]}))

    def test_predict_proba_as_the_predict_fn(self):
        app = self.serve(spec(predictFn="predict_proba"))
        status, body = self.predict(app, {"instances": [[0.0, 0.0, 1]]})
        self.assertEqual(status, 200)
        [[p0, p1]] = body["predictions"]
        self.assertGreater(p0, p1)

    def test_stream_sends_the_predictions_as_one_event(self):
        app = self.serve()
        status, headers, body = post_json(app, "/predictWithResponseStream", {"instances": [[0.0, 0.0, 1]]})
        self.assertEqual((status, headers["Content-Type"], body), (200, "text/event-stream", b'data: {"predictions": [0]}\n\n'))

    def test_csv(self):
        app = self.serve()
        status, _, body = call_csv(app, b"width,height,count\n0.0,0.5,1\n6.0,6.0,8\n")
        self.assertEqual((status, json.loads(body)), (200, {"predictions": [0, 1]}))

    def test_without_a_signature_the_frame_is_passed_as_sent(self):
        import numpy as np
        from sklearn.linear_model import LinearRegression

        model = LinearRegression().fit(np.array([[0.0], [1.0], [2.0]]), np.array([0.0, 2.0, 4.0]))
        app = self.serve(spec(inputs=None), model)
        status, body = self.predict(app, {"instances": [[3.0]]})
        self.assertEqual(status, 200)
        self.assertAlmostEqual(body["predictions"][0], 6.0, places=6)
        status, body = self.predict(app, {"dataframe_split": {"columns": ["x"], "data": [[4.0]]}})
        self.assertAlmostEqual(body["predictions"][0], 8.0, places=6)


@needs_sklearn
class SchemaEnforcement(MlflowTestCase):
    def assertBadRequest(self, app, payload, *fragments):
        status, body = self.predict(app, payload)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["error_code"], "BAD_REQUEST")
        self.assertEqual(sorted(body), ["error_code", "message"])
        for fragment in fragments:
            self.assertIn(fragment, body["message"])

    def test_a_missing_column_is_named(self):
        app = self.serve()
        with self.assertLogs("berth.model_server", "WARNING"):
            self.assertBadRequest(app, {"dataframe_records": [{"width": 1.0, "count": 1, "colour": "red"}]}, "Model is missing inputs ['height']", "extra inputs: ['colour']")

    def test_a_wrong_type_is_named_with_its_column(self):
        app = self.serve()
        with self.assertLogs("berth.model_server", "WARNING"):
            self.assertBadRequest(app, {"dataframe_split": {"columns": ["width", "height", "count"], "data": [[1.0, "tall", 1]]}}, "column 'height'", "str", "double")
            self.assertBadRequest(app, {"instances": [[1.0, 2.0, 1.5]]}, "column 'count'", "int64")
            self.assertBadRequest(app, {"instances": [[1.0, 2.0, True]]}, "column 'count'", "bool")

    def test_not_exactly_one_input_field(self):
        app = self.serve()
        with self.assertLogs("berth.model_server", "WARNING"):
            self.assertBadRequest(app, {"data": [[1, 2, 3]]}, "exactly one of the input fields", "['data']")
            self.assertBadRequest(app, {"instances": [[1.0, 2.0, 1]], "inputs": [[1.0, 2.0, 1]]}, "exactly one")
            self.assertBadRequest(app, [[1.0, 2.0, 1]], "exactly one")

    def test_rows_of_the_wrong_width_and_bad_json(self):
        app = self.serve()
        with self.assertLogs("berth.model_server", "WARNING"):
            self.assertBadRequest(app, {"instances": [[1.0, 2.0]]}, "3 values", "width, height, count")
            status, _, body = call(app, "POST", "/predict", b"{not json")
        self.assertEqual((status, json.loads(body)["error_code"]), (400, "BAD_REQUEST"))
        self.assertIn("Failed to parse input from JSON", json.loads(body)["message"])

    def test_a_null_in_a_required_long_column(self):
        app = self.serve()
        with self.assertLogs("berth.model_server", "WARNING"):
            self.assertBadRequest(app, {"dataframe_records": [{"width": 1.0, "height": 1.0, "count": None}]}, "'count' is required")

    def test_the_model_failing_is_a_bad_request_and_the_server_keeps_serving(self):
        app = self.serve(spec(inputs=None))
        with self.assertLogs("berth.model_server", "WARNING"):
            self.assertBadRequest(app, {"instances": [[1.0]]}, "unexpected error while evaluating the model", "ValueError")
        self.assertEqual(self.predict(app, {"instances": [[0.0, 0.0, 1]]}), (200, {"predictions": [0]}))

    def test_an_unsupported_content_type_is_415(self):
        app = self.serve()
        status, _, body = call_typed(app, b"<x/>", "application/xml")
        self.assertEqual((status, json.loads(body)["error_code"]), (415, "BAD_REQUEST"))


@needs_sklearn
class Loading(MlflowTestCase):
    def test_cloudpickle_without_cloudpickle_in_the_image(self):
        has_cloudpickle = importlib.util.find_spec("cloudpickle") is not None
        # A plain estimator saved with cloudpickle is an ordinary pickle stream: it loads.
        app = self.serve(spec(serialization="cloudpickle"))
        self.assertEqual(self.predict(app, {"instances": [[0.0, 0.0, 1]]}), (200, {"predictions": [0]}))
        if has_cloudpickle:
            self.skipTest("cloudpickle is installed here, so its absence cannot be observed")
        # One that holds code saved by value refers to the cloudpickle module: a named error.
        with open(os.path.join(self.dir, "model.pkl"), "wb") as f:
            f.write(b"ccloudpickle.cloudpickle\n_make_function\n.")
        app = server.ModelServer(self.dir, mlmodel=spec(serialization="cloudpickle"))
        with self.assertLogs("berth.model_server", "ERROR"):
            self.assertTrue(app.wait_loaded(timeout=60))
        status, _, body = call(app, "GET", "/health")
        health = json.loads(body)
        self.assertEqual((status, health["status"], health["stage"]), (503, "failed", "load_model"))
        self.assertIn("CLOUDPICKLE_UNAVAILABLE", health["error"])

    def test_a_missing_model_file_fails_the_load(self):
        app = server.ModelServer(self.dir, mlmodel=spec(modelPath="nope.pkl"))
        with self.assertLogs("berth.model_server", "ERROR"):
            self.assertTrue(app.wait_loaded(timeout=60))
        health = json.loads(call(app, "GET", "/health")[2])
        self.assertEqual((health["stage"], health["serving"]), ("load_model", "mlflow"))
        self.assertIn("nope.pkl", health["error"])

    def test_score_py_serves_when_the_artifact_has_both(self):
        self.write_model(train_classifier())
        make_artifact(self.dir, "def predict(data, model=None):\n    return {'from': 'score.py'}\n")
        app = server.ModelServer(self.dir, mlmodel=spec())
        self.assertTrue(app.wait_loaded(timeout=60))
        self.assertEqual(self.predict(app, {"instances": [[0.0, 0.0, 1]]}), (200, {"from": "score.py"}))

    def test_the_spec_comes_from_the_environment(self):
        self.write_model(train_classifier())
        os.environ["BERTH_MLMODEL"] = spec()
        self.addCleanup(os.environ.pop, "BERTH_MLMODEL", None)
        app = server.ModelServer(self.dir)
        self.assertTrue(app.wait_loaded(timeout=60))
        self.assertEqual(self.predict(app, {"instances": [[6.0, 6.0, 8]]}), (200, {"predictions": [1]}))


class WithoutNumpy(MlflowTestCase):
    def test_an_image_without_numpy_and_pandas_names_the_runtime_to_use(self):
        with open(os.path.join(self.dir, "model.pkl"), "wb") as f:
            f.write(b"N.")
        # None in sys.modules makes the import fail as in the minimal image, wherever this runs.
        saved = {m: sys.modules.get(m) for m in ("numpy", "pandas")}
        sys.modules.update({"numpy": None, "pandas": None})
        try:
            app = server.ModelServer(self.dir, mlmodel=spec())
            with self.assertLogs("berth.model_server", "ERROR"):
                self.assertTrue(app.wait_loaded(timeout=60))
        finally:
            for name, module in saved.items():
                if module is None:
                    sys.modules.pop(name, None)
                else:
                    sys.modules[name] = module
        health = json.loads(call(app, "GET", "/health")[2])
        self.assertEqual(health["stage"], "load_model")
        self.assertIn("generalml_p311_cpu_v1", health["error"])


class ReadSpec(unittest.TestCase):
    def test_refuses_what_it_cannot_serve(self):
        for text, fragment in [
            ("nope", "not valid JSON"),
            ("[]", "JSON object"),
            (json.dumps({"modelPath": "../x.pkl"}), "inside the artifact"),
            (json.dumps({"modelPath": "/etc/passwd"}), "inside the artifact"),
            (json.dumps({"modelPath": "m.pkl", "serialization": "joblib"}), "pickle, cloudpickle"),
            (json.dumps({"modelPath": "m.pkl", "predictFn": "__reduce__"}), "predictFn"),
            (json.dumps({"modelPath": "m.pkl", "inputs": [{"name": "x", "type": "tensor"}]}), "columns"),
        ]:
            with self.assertRaises(ValueError) as caught:
                berth_mlflow.read_spec(text)
            self.assertIn(fragment, str(caught.exception))

    def test_defaults(self):
        self.assertEqual(
            berth_mlflow.read_spec(json.dumps({"modelPath": "model/model.pkl"})),
            {"modelPath": "model/model.pkl", "serialization": "cloudpickle", "predictFn": "predict", "inputs": None},
        )


def call_typed(app, body, content_type):
    import io

    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/predict", "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": content_type, "wsgi.input": io.BytesIO(body)}
    seen = {}

    def start_response(status, headers):
        seen["status"] = int(status.split(" ", 1)[0])
        seen["headers"] = dict(headers)

    chunks = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], chunks


def call_csv(app, body):
    return call_typed(app, body, "text/csv")


if __name__ == "__main__":
    unittest.main()
