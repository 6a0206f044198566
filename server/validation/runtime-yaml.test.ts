import { describe, expect, it } from 'vitest';
import { parseRuntimeYaml } from './runtime-yaml';

// The example of seed 000, verbatim.
const SEED_000 = `MODEL_ARTIFACT_VERSION: '3.0'
MODEL_DEPLOYMENT:
  INFERENCE_CONDA_ENV:
    INFERENCE_ENV_SLUG: envslug
    INFERENCE_ENV_TYPE: data_science
    INFERENCE_ENV_PATH: oci://service-conda-packs@id19sfcrra6z/service_pack/cpu/ONNX 1.10 for CPU on Python 3.7/1.0/onnx110_p37_cpu_v1
    INFERENCE_PYTHON_VERSION: '3.7'`;

describe('parseRuntimeYaml', () => {
  it('reads the inference environment of the seed example', () => {
    expect(parseRuntimeYaml(SEED_000)).toEqual({
      ok: true,
      environment: {
        slug: 'envslug',
        type: 'data_science',
        path: 'oci://service-conda-packs@id19sfcrra6z/service_pack/cpu/ONNX 1.10 for CPU on Python 3.7/1.0/onnx110_p37_cpu_v1',
        pythonVersion: '3.7',
      },
    });
  });

  it('has no environment without a MODEL_DEPLOYMENT section (the default one serves)', () => {
    expect(parseRuntimeYaml("MODEL_ARTIFACT_VERSION: '3.0'\n")).toEqual({ ok: true, environment: null });
    expect(parseRuntimeYaml('')).toEqual({ ok: true, environment: null });
  });

  it('says what is wrong with broken YAML or a missing slug', () => {
    const broken = parseRuntimeYaml('MODEL_DEPLOYMENT: [unclosed');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/not valid YAML/);
    const noSlug = parseRuntimeYaml('MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_TYPE: data_science\n');
    expect(!noSlug.ok && noSlug.error).toMatch(/INFERENCE_ENV_SLUG/);
  });

  it('reads an unquoted Python version as written (3.10 is not 3.1)', () => {
    const r = parseRuntimeYaml('MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: x\n    INFERENCE_PYTHON_VERSION: 3.10\n');
    expect(r.ok && r.environment?.pythonVersion).toBe('3.10');
    expect(parseRuntimeYaml('MODEL_DEPLOYMENT:\n')).toEqual({ ok: true, environment: null });
  });
});
