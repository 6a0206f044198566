import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import yazl from 'yazl';
import { findRuntime } from '../../server/domain/runtimes';
import { demux } from '../../server/providers/local/deployments/containers';
import { runtimeImageTag } from '../../server/providers/local/docker/runtime-images';

// The demo's model: a scikit-learn classifier of the iris flowers, trained inside the runtime image
// that will serve it (its bundled data set, no download), with an ADS-style score.py, zipped.

export const IRIS_RUNTIME = 'generalml_p311_cpu_v1';
/** Containers of the demo that are not a deployment's: found and removed by this label. */
export const DEMO_LABEL = 'berth.demo';

const TRAIN_PY = `
import json, joblib
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
X, y = load_iris(return_X_y=True)
model = LogisticRegression(max_iter=1000).fit(X, y)
joblib.dump(model, "/out/model.joblib")
print(json.dumps({"accuracy": round(model.score(X, y), 4), "rows": len(X)}))
`;

export const IRIS_SCORE_PY = `import os

import joblib

SPECIES = ["setosa", "versicolor", "virginica"]


def load_model():
    here = os.path.dirname(os.path.realpath(__file__))
    return joblib.load(os.path.join(here, "model.joblib"))


def predict(data, model=None):
    model = model if model is not None else load_model()
    classes = model.predict(data["data"]).tolist()
    return {"prediction": [SPECIES[c] for c in classes]}
`;

const RUNTIME_YAML = `MODEL_ARTIFACT_VERSION: '3.0'
MODEL_DEPLOYMENT:
  INFERENCE_CONDA_ENV:
    INFERENCE_ENV_SLUG: ${IRIS_RUNTIME}
    INFERENCE_ENV_TYPE: data_science
    INFERENCE_PYTHON_VERSION: '3.11'
`;

/** Two flowers, as the Invoke tab's first request body: a setosa and a virginica. */
export const IRIS_SAMPLE = { data: [[5.1, 3.5, 1.4, 0.2], [6.7, 3.0, 5.2, 2.3]] };
export const IRIS_SAMPLE_PREDICTION = { prediction: ['setosa', 'virginica'] };

export const IRIS_INPUT_SCHEMA = JSON.stringify({
  type: 'object',
  required: ['data'],
  properties: {
    data: {
      type: 'array',
      description: 'Rows of sepal length, sepal width, petal length, petal width (cm)',
      items: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 },
      examples: [IRIS_SAMPLE.data],
    },
  },
});

export interface TrainedModel {
  zip: string;
  accuracy: number;
  ms: number;
}

/** Trains the model in the runtime image (no network) and writes <dir>/iris-model.zip; its container is labelled with runId. */
export async function trainIrisModel(docker: Docker, dir: string, runId: string): Promise<TrainedModel> {
  const t0 = performance.now();
  const runtime = findRuntime(IRIS_RUNTIME);
  if (!runtime) throw new Error(`The runtime ${IRIS_RUNTIME} is not in the catalog.`);
  const work = fs.mkdtempSync(path.join(dir, 'train-'));
  // The runtime images run as an unprivileged user, who writes the weights here.
  fs.chmodSync(work, 0o777);
  const container = await docker.createContainer({
    name: `berth-demo-train-${crypto.randomBytes(4).toString('hex')}`,
    Image: runtimeImageTag(runtime),
    Entrypoint: ['python3', '-c', TRAIN_PY],
    Labels: { [DEMO_LABEL]: runId },
    HostConfig: { Binds: [`${work}:/out`], NetworkMode: 'none' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const output = demux(await container.logs({ stdout: true, stderr: true })).trim();
    if (StatusCode !== 0) throw new Error(`Training the iris model failed (exit code ${StatusCode}):\n${output.slice(-2000)}`);
    const report = JSON.parse(output.split('\n').pop() ?? '') as { accuracy: number };
    const zip = path.join(dir, 'iris-model.zip');
    await writeZip(zip, {
      'score.py': Buffer.from(IRIS_SCORE_PY),
      'runtime.yaml': Buffer.from(RUNTIME_YAML),
      'model.joblib': fs.readFileSync(path.join(work, 'model.joblib')),
    });
    return { zip, accuracy: report.accuracy, ms: performance.now() - t0 };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function writeZip(file: string, entries: Record<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of Object.entries(entries)) zip.addBuffer(bytes, name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
  });
}
