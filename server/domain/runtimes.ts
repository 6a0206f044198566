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
}

export const RUNTIME_ENVIRONMENTS: readonly RuntimeEnvironment[] = [
  {
    slug: 'generalml_p311_cpu_v1',
    name: 'General Machine Learning for CPUs on Python 3.11',
    pythonVersion: '3.11',
    dir: 'generalml-cpu',
    description: 'NumPy, pandas, scikit-learn and joblib, served by gunicorn.',
    packages: ['numpy', 'pandas', 'scikit-learn', 'joblib'],
  },
  {
    slug: 'minimal_p311_cpu_v1',
    name: 'Minimal Python 3.11',
    pythonVersion: '3.11',
    dir: 'minimal-cpu',
    description: 'Python and the model server only, for models with no third-party dependencies.',
    packages: [],
  },
];

/** Serves artifacts with no runtime.yaml, or none with a MODEL_DEPLOYMENT section (seed 000). */
export const DEFAULT_RUNTIME_SLUG = 'generalml_p311_cpu_v1';

export const findRuntime = (slug: string): RuntimeEnvironment | undefined =>
  RUNTIME_ENVIRONMENTS.find((r) => r.slug === slug);
