import { describe, expect, it } from 'vitest';
import { inspected, UNINSPECTED, type ArtifactIntrospection } from './artifact-introspection';
import { isUserImage, modelRuntimeOf as runtimeOf } from './editor-options';

const modelRuntimeOf = (facts: Omit<ArtifactIntrospection, 'fileCount'> | null) => runtimeOf(facts && inspected({ fileCount: 1, ...facts }));

describe('modelRuntimeOf', () => {
  it('reads the conda environment runtime.yaml names', () => {
    expect(modelRuntimeOf({ scoreDir: '', runtime: { slug: 'minimal_p311_cpu_v1', type: 'data_science', pythonVersion: '3.11' } })).toEqual({
      kind: 'conda',
      slug: 'minimal_p311_cpu_v1',
      name: 'Minimal Python 3.11',
      pythonVersion: '3.11',
      source: 'runtime.yaml',
    });
  });

  it('falls back to the default environment when runtime.yaml names none', () => {
    expect(modelRuntimeOf({ scoreDir: 'model', runtime: null })).toMatchObject({ kind: 'conda', slug: 'generalml_p311_cpu_v1', source: 'default' });
  });

  it('notes a Python version the environment does not have', () => {
    expect(modelRuntimeOf({ scoreDir: '', runtime: { slug: 'minimal_p311_cpu_v1', type: 'data_science', pythonVersion: '3.8' } })).toMatchObject({
      note: 'runtime.yaml asks for Python 3.8; it runs on 3.11.',
    });
  });

  it('says why no conda environment can serve the model', () => {
    expect(modelRuntimeOf(null)).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/no artifact yet/) });
    expect(modelRuntimeOf({ scoreDir: null, runtime: null })).toMatchObject({ reason: expect.stringMatching(/no score\.py/) });
    expect(modelRuntimeOf({ scoreDir: '', runtime: null, runtimeError: 'runtime.yaml is not valid YAML: x' })).toMatchObject({
      reason: "The artifact's runtime.yaml is not valid YAML: x",
    });
    expect(modelRuntimeOf({ scoreDir: '', runtime: { slug: 'mlcpuv1', type: 'published' } })).toMatchObject({ reason: expect.stringMatching(/published conda environment "mlcpuv1"/) });
    expect(modelRuntimeOf({ scoreDir: '', runtime: { slug: 'nope_v1', type: 'data_science' } })).toMatchObject({ reason: expect.stringMatching(/"nope_v1", which does not exist/) });
  });

  it('leaves an artifact its provider did not inspect (OCI) to the service: no environment is guessed, none refused', () => {
    expect(runtimeOf(UNINSPECTED)).toEqual({ kind: 'service' });
  });

  it('says so when the stored record does not read', () => {
    expect(runtimeOf({ state: 'unreadable', reason: 'it is damaged' })).toEqual({ kind: 'unavailable', reason: 'The artifact cannot be served from here: it is damaged. Upload it again, as a new model.' });
  });
});

describe('isUserImage', () => {
  it('leaves out the console’s own images and untagged layers', () => {
    expect(isUserImage('my-server:1')).toBe(true);
    expect(isUserImage('registry.local:5000/team/app:2')).toBe(true);
    expect(isUserImage('berth-runtime/minimal_p311_cpu_v1:87bfae36b7cb')).toBe(false);
    expect(isUserImage('berth/debian:bookworm-slim')).toBe(false);
    expect(isUserImage('<none>:<none>')).toBe(false);
  });
});
