// The service conda environments of the local provider, named by slug as OCI names its conda
// packs. Each is an image built from runtimes/<dir>/Dockerfile on a Debian bookworm base; the
// Python of Debian bookworm is 3.11, so every environment here is Python 3.11.

export interface RuntimeEnvironment {
  slug: string;
  name: string;
  pythonVersion: string;
  /** Folder under runtimes/ holding the Dockerfile. */
  dir: string;
  description: string;
  packages: string[];
  /** The Python version in the image (platform.python_version()). */
  pythonPatchVersion: string;
  /**
   * Every distribution importlib.metadata lists in the image, by name, with its version: what an
   * MLflow model's requirements are checked against at upload (tests/integration/mlflow-models
   * compares it with the image).
   */
  installed: Readonly<Record<string, string>>;
}

// What every image has for the model server: gunicorn, and uvicorn with uvloop and httptools as its
// worker (runtimes/model-server/gunicorn.conf.py), with what Debian's packages of them bring along.
const MODEL_SERVER_DISTRIBUTIONS = {
  asgiref: '3.6.0',
  click: '8.1.3',
  colorama: '0.4.6',
  gunicorn: '20.1.0',
  h11: '0.14.0',
  httptools: '0.1.1',
  setuptools: '66.1.1',
  uvicorn: '0.17.6',
  uvloop: '0.17.0',
  wsproto: '1.2.0',
} as const;

export const RUNTIME_ENVIRONMENTS: readonly RuntimeEnvironment[] = [
  {
    slug: 'generalml_p311_cpu_v1',
    name: 'General Machine Learning for CPUs on Python 3.11',
    pythonVersion: '3.11',
    dir: 'generalml-cpu',
    description: 'NumPy, pandas, scikit-learn and joblib, served by gunicorn with uvicorn workers.',
    packages: ['numpy', 'pandas', 'scikit-learn', 'joblib'],
    pythonPatchVersion: '3.11.2',
    installed: {
      ...MODEL_SERVER_DISTRIBUTIONS,
      beniget: '0.4.1',
      decorator: '5.1.1',
      gast: '0.5.2',
      joblib: '1.2.0',
      numpy: '1.24.2',
      pandas: '1.5.3',
      ply: '3.11',
      'python-dateutil': '2.8.2',
      pythran: '0.11.0',
      pytz: '2022.7.1',
      'scikit-learn': '1.2.1',
      scipy: '1.10.1',
      six: '1.16.0',
      threadpoolctl: '3.1.0',
    },
  },
  {
    slug: 'minimal_p311_cpu_v1',
    name: 'Minimal Python 3.11',
    pythonVersion: '3.11',
    dir: 'minimal-cpu',
    description: 'Python and the model server only, for models with no third-party dependencies.',
    packages: [],
    pythonPatchVersion: '3.11.2',
    installed: MODEL_SERVER_DISTRIBUTIONS,
  },
];

/** Serves artifacts with no runtime.yaml, or none with a MODEL_DEPLOYMENT section (seed 000). */
export const DEFAULT_RUNTIME_SLUG = 'generalml_p311_cpu_v1';

export const findRuntime = (slug: string): RuntimeEnvironment | undefined =>
  RUNTIME_ENVIRONMENTS.find((r) => r.slug === slug);
