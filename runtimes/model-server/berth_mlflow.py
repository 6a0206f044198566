"""MLflow models served natively: the sklearn flavor, and python_function models whose loader_module
is mlflow.sklearn, answered with MLflow's scoring protocol. No mlflow package is needed.

The console reads the artifact's MLmodel (YAML, which the images have no parser for) at upload and
hands the model server what it needs as JSON in BERTH_MLMODEL:

    {"modelPath": "model.pkl", "serialization": "pickle" | "cloudpickle", "predictFn": "predict",
     "inputs": [{"name": "x", "type": "double", "required": true}, ...] | null}

/predict takes a JSON object with exactly one of dataframe_split, dataframe_records, instances or
inputs (and an optional params), or a CSV body, and answers {"predictions": [...]}; bad input is a
400 {"error_code": "BAD_REQUEST", "message": ...} as MLflow's scoring server answers it.

numpy and pandas are imported only when a model loads, so the minimal runtime can import this.
"""

import base64
import binascii
import io
import json
import os
import pickle

INPUT_FIELDS = ("dataframe_split", "dataframe_records", "instances", "inputs")
SERIALIZATIONS = ("pickle", "cloudpickle")
# The methods an sklearn estimator answers with, as MLflow's predict_fn may name them.
PREDICT_FNS = ("predict", "predict_proba", "predict_log_proba", "predict_joint_log_proba", "score")
COLUMN_TYPES = ("boolean", "integer", "long", "float", "double", "string", "binary", "datetime")
INT32 = (-(2**31), 2**31 - 1)


class BadRequest(Exception):
    """Input the model cannot take: answered 400 BAD_REQUEST with this message."""


class CloudpickleUnavailable(Exception):
    """The pickle needs the cloudpickle module (code saved by value) and the image has none."""


class UnsupportedContentType(Exception):
    pass


def read_spec(text):
    """BERTH_MLMODEL's JSON, checked; a ValueError names what is wrong."""
    try:
        spec = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"BERTH_MLMODEL is not valid JSON: {exc}") from None
    if not isinstance(spec, dict):
        raise ValueError("BERTH_MLMODEL must be a JSON object")
    path = spec.get("modelPath")
    if not isinstance(path, str) or not path or os.path.isabs(path) or ".." in path.replace("\\", "/").split("/"):
        raise ValueError("BERTH_MLMODEL.modelPath must be a path inside the artifact")
    serialization = spec.get("serialization", "cloudpickle")
    if serialization not in SERIALIZATIONS:
        raise ValueError(f"BERTH_MLMODEL.serialization must be one of {', '.join(SERIALIZATIONS)}, not {serialization!r}")
    predict_fn = spec.get("predictFn") or "predict"
    if predict_fn not in PREDICT_FNS:
        raise ValueError(f"BERTH_MLMODEL.predictFn must be one of {', '.join(PREDICT_FNS)}, not {predict_fn!r}")
    inputs = spec.get("inputs")
    if inputs is not None:
        if not isinstance(inputs, list) or not all(isinstance(c, dict) and isinstance(c.get("name"), str) and c.get("type") in COLUMN_TYPES for c in inputs):
            raise ValueError(f"BERTH_MLMODEL.inputs must be a list of {{name, type}} columns with a type among {', '.join(COLUMN_TYPES)}")
    return {"modelPath": path, "serialization": serialization, "predictFn": predict_fn, "inputs": inputs}


def load_pickled(path, serialization):
    """Unpickles the model. cloudpickle's load is pickle's own; the module is needed only when the
    stream refers to it (functions or classes saved by value), which is then a named error."""
    with open(path, "rb") as f:
        if serialization == "cloudpickle":
            try:
                import cloudpickle  # noqa: F401 - present in the image: let it resolve what it saved
            except ImportError:
                pass
        try:
            return pickle.load(f)
        except ModuleNotFoundError as exc:
            if serialization == "cloudpickle" and (exc.name or "").split(".")[0] == "cloudpickle":
                raise CloudpickleUnavailable(
                    "CLOUDPICKLE_UNAVAILABLE: the model was saved with cloudpickle and holds code saved by value, "
                    "which needs the cloudpickle package; this runtime image does not have it. Save the model with "
                    "serialization_format='pickle', or serve it from a custom container that has cloudpickle."
                ) from None
            if (exc.name or "").split(".")[0] == "sklearn":
                raise ModuleNotFoundError(
                    "The sklearn flavor needs scikit-learn, which this runtime image does not have; serve the model with generalml_p311_cpu_v1.",
                    name=exc.name,
                ) from None
            raise


class MlflowModel:
    def __init__(self, model_dir, spec):
        self.spec = spec
        root = os.path.realpath(model_dir)
        path = os.path.realpath(os.path.join(root, spec["modelPath"]))
        if not path.startswith(root + os.sep):
            raise ValueError(f"The model file {spec['modelPath']} is outside the artifact")
        if not os.path.isfile(path):
            raise FileNotFoundError(f"MLmodel names {spec['modelPath']}, which is not in the artifact")
        try:
            import numpy  # noqa: F401 - fail at load, not at the first request, where they are missing
            import pandas  # noqa: F401
        except ImportError as exc:
            raise ModuleNotFoundError(
                f"MLflow models need numpy and pandas ({exc}), which this runtime image does not have; "
                "serve the model with generalml_p311_cpu_v1 (runtime.yaml's INFERENCE_ENV_SLUG)."
            ) from None

        self.model = load_pickled(path, spec["serialization"])
        self.predict_fn = getattr(self.model, spec["predictFn"], None)
        if not callable(self.predict_fn):
            raise AttributeError(f"The model ({type(self.model).__name__}) has no {spec['predictFn']}() method")

    def describe(self):
        return f"{type(self.model).__name__} ({self.spec['serialization']}, {self.spec['modelPath']})"

    def predict(self, raw, content_type):
        data = self.parse(raw, content_type)
        try:
            result = self.predict_fn(data)
        except Exception as exc:  # noqa: BLE001 - MLflow answers a model's failure as a bad request
            raise BadRequest(
                "Encountered an unexpected error while evaluating the model. Verify that the serialized input "
                f"Dataframe is compatible with the model for inference. {type(exc).__name__}: {exc}"
            ) from exc
        return {"predictions": to_predictions(result)}

    def parse(self, raw, content_type):
        kind = (content_type or "application/json").split(";")[0].strip().lower()
        if kind == "text/csv":
            import pandas as pd

            try:
                frame = pd.read_csv(io.StringIO(raw.decode("utf-8")))
            except Exception as exc:  # noqa: BLE001
                raise BadRequest(f"Failed to parse input as a CSV table: {exc}") from None
            return self.enforce_frame(frame.to_dict(orient="list"), len(frame))
        if kind not in ("application/json", "application/octet-stream", "text/plain", ""):
            raise UnsupportedContentType(f"This predictor only supports the following content types: text/csv, application/json. Got '{kind}'.")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise BadRequest("Failed to parse input from JSON. Ensure that input is a valid JSON formatted string.") from None
        fields = [k for k in INPUT_FIELDS if isinstance(body, dict) and k in body]
        if not isinstance(body, dict) or len(fields) != 1:
            got = sorted(body.keys()) if isinstance(body, dict) else type(body).__name__
            raise BadRequest(
                "Invalid input. The input must be a JSON dictionary with exactly one of the input fields "
                f"{{'dataframe_split', 'dataframe_records', 'instances', 'inputs'}}. Received dictionary with input fields: {got}."
            )
        field = fields[0]
        return self.from_field(field, body[field])

    def from_field(self, field, value):
        if field == "dataframe_split":
            if not isinstance(value, dict) or not isinstance(value.get("data"), list):
                raise BadRequest("dataframe_split must be an object with 'columns' and 'data' (a list of rows).")
            rows = value["data"]
            columns = value.get("columns")
            if columns is None:
                columns = self.positional_names(rows)
            if not isinstance(columns, list) or not all(isinstance(r, list) and len(r) == len(columns) for r in rows):
                raise BadRequest(f"dataframe_split: every row of 'data' must have {len(columns) if isinstance(columns, list) else 'as many'} values, one per column.")
            return self.enforce_frame({str(c): [r[i] for r in rows] for i, c in enumerate(columns)}, len(rows))
        if field == "dataframe_records":
            if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
                raise BadRequest("dataframe_records must be a list of objects, one per row.")
            return self.records(value)
        # instances / inputs: rows as objects, columns as an object of lists, or rows as lists.
        if isinstance(value, dict):
            lengths = {len(v) if isinstance(v, list) else 1 for v in value.values()}
            if len(lengths) > 1:
                raise BadRequest(f"{field}: every column must hold the same number of values.")
            n = lengths.pop() if lengths else 0
            return self.enforce_frame({k: (v if isinstance(v, list) else [v]) for k, v in value.items()}, n)
        if not isinstance(value, list):
            raise BadRequest(f"{field} must be a list of rows or an object of columns.")
        if value and all(isinstance(r, dict) for r in value):
            return self.records(value)
        if self.spec["inputs"] is None:
            import numpy as np

            try:
                return np.asarray(value)
            except Exception as exc:  # noqa: BLE001
                raise BadRequest(f"{field} does not form an array: {exc}") from None
        columns = self.spec["inputs"]
        rows = value if all(isinstance(r, list) for r in value) else [[v] for v in value]
        if not all(len(r) == len(columns) for r in rows):
            raise BadRequest(f"{field}: every row must have {len(columns)} values, one per input of the signature ({', '.join(c['name'] for c in columns)}).")
        return self.enforce_frame({c["name"]: [r[i] for r in rows] for i, c in enumerate(columns)}, len(rows))

    def positional_names(self, rows):
        if self.spec["inputs"] is not None:
            return [c["name"] for c in self.spec["inputs"]]
        width = len(rows[0]) if rows and isinstance(rows[0], list) else 0
        return list(range(width))

    def records(self, rows):
        names = []
        for r in rows:
            names.extend(k for k in r if k not in names)
        return self.enforce_frame({k: [r.get(k) for r in rows] for k in names}, len(rows))

    def enforce_frame(self, columns, n_rows):
        """A DataFrame of the columns the signature names, in its order and types; without a
        signature, the columns as sent."""
        import pandas as pd

        schema = self.spec["inputs"]
        if schema is None:
            return pd.DataFrame(columns)
        sent = {str(k): v for k, v in columns.items()}
        missing = [c["name"] for c in schema if c["name"] not in sent and c.get("required", True)]
        if missing:
            extra = [k for k in sent if k not in {c["name"] for c in schema}]
            note = f" Note that there were extra inputs: {extra}." if extra else ""
            raise BadRequest(f"Failed to enforce schema of data with schema {schema_text(schema)}. Error: Model is missing inputs {missing}.{note}")
        out = {}
        for col in schema:
            name = col["name"]
            if name not in sent:
                continue
            out[name] = convert_column(name, col["type"], sent[name], col.get("required", True), schema)
        frame = pd.DataFrame(out)
        if not out:
            frame = pd.DataFrame(index=range(n_rows))
        return frame


def schema_text(schema):
    return "[" + ", ".join(f"'{c['name']}': {c['type']}{'' if c.get('required', True) else ' (optional)'}" for c in schema) + "]"


def convert_column(name, kind, values, required, schema):
    import numpy as np
    import pandas as pd

    def bad(value, want):
        return BadRequest(
            f"Failed to enforce schema of data with schema {schema_text(schema)}. Error: Incompatible input types for column "
            f"'{name}'. Can not safely convert {type(value).__name__} {json.dumps(value, default=str)[:80]} to {want}."
        )

    nulls = [v for v in values if v is None]
    if nulls and required and kind not in ("double", "float"):
        raise BadRequest(f"Failed to enforce schema of data with schema {schema_text(schema)}. Error: Column '{name}' is required and holds null values.")
    present = [v for v in values if v is not None]
    if kind in ("double", "float"):
        for v in present:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise bad(v, kind)
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64 if kind == "double" else np.float32)
    if kind in ("integer", "long"):
        for v in present:
            if isinstance(v, bool) or not isinstance(v, int) or (kind == "integer" and not INT32[0] <= v <= INT32[1]):
                raise bad(v, "int32" if kind == "integer" else "int64")
        if nulls:
            return pd.array(values, dtype="Int32" if kind == "integer" else "Int64")
        return np.array(values, dtype=np.int32 if kind == "integer" else np.int64)
    if kind == "boolean":
        for v in present:
            if not isinstance(v, bool):
                raise bad(v, "bool")
        return np.array(values, dtype=object if nulls else bool)
    if kind == "string":
        for v in present:
            if not isinstance(v, str):
                raise bad(v, "string")
        return np.array(values, dtype=object)
    if kind == "binary":
        out = []
        for v in values:
            if v is None:
                out.append(None)
                continue
            try:
                out.append(base64.b64decode(v, validate=True) if isinstance(v, str) else None)
            except (binascii.Error, ValueError):
                out.append(None)
            if out[-1] is None:
                raise bad(v, "binary (base64 text)")
        return np.array(out, dtype=object)
    # datetime
    for v in present:
        if not isinstance(v, str):
            raise bad(v, "datetime")
    try:
        return pd.to_datetime(pd.Series(values, dtype=object))
    except (ValueError, TypeError):
        raise bad(next(iter(present), None), "datetime") from None


def to_predictions(result):
    """The model's output as JSON-able predictions: a frame as records, arrays as lists."""
    if hasattr(result, "to_dict") and hasattr(result, "columns"):
        return result.to_dict(orient="records")
    if hasattr(result, "tolist"):
        return result.tolist()
    if isinstance(result, (list, tuple)):
        return list(result)
    return [result]


def error_body(message):
    return {"error_code": "BAD_REQUEST", "message": message}
