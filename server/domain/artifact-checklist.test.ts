import { describe, expect, it } from 'vitest';
import { artifactChecklist as checklistOf, checklistOutcome, majorMinor } from './artifact-checklist';
import { inspected, readArtifactIntrospection, UNINSPECTED, type ArtifactIntrospection } from './artifact-introspection';

const runtime = { slug: 'generalml_p311_cpu_v1', type: 'data_science', pythonVersion: '3.11' } as const;
const good: ArtifactIntrospection = {
  scoreDir: '',
  scoreFunctions: { loadModel: true, predict: true },
  hasRuntimeYaml: true,
  runtime,
  fileCount: 3,
  loadCheck: { status: 'pass', reason: 'score.py imported and load_model() returned in 0.4 s in generalml_p311_cpu_v1.', time: '2026-12-01T09:00:00Z' },
};

const artifactChecklist = (facts: ArtifactIntrospection) => checklistOf(inspected(facts));
const byId = (items: ReturnType<typeof artifactChecklist>) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('artifactChecklist', () => {
  it('passes a complete artifact, every item with a reason', () => {
    const items = artifactChecklist(good);
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['score-py', 'pass'],
      ['load-model', 'pass'],
      ['predict', 'pass'],
      ['runtime-yaml', 'pass'],
      ['environment', 'pass'],
      ['python-version', 'pass'],
      ['model-loads', 'pass'],
    ]);
    for (const i of items) expect(i.reason.length).toBeGreaterThan(10);
    expect(byId(items)['score-py']?.reason).toBe('Found score.py at the top of the artifact.');
    expect(checklistOutcome(items)).toBe('pass');
  });

  it('names the folder of score.py', () => {
    expect(byId(artifactChecklist({ ...good, scoreDir: 'model' }))['score-py']?.reason).toBe('Found score.py in the folder model/.');
  });

  it('fails an artifact without score.py, and its function items', () => {
    const items = byId(artifactChecklist({ ...good, scoreDir: null, scoreFunctions: null }));
    expect(items['score-py']).toMatchObject({ status: 'failure' });
    expect(items['score-py']?.reason).toMatch(/custom container/);
    expect(items['load-model']).toMatchObject({ status: 'failure', reason: 'Not checked: there is no score.py.' });
    expect(items['predict']).toMatchObject({ status: 'failure' });
  });

  it('fails a score.py missing predict and says why it matters', () => {
    const { loadCheck: _notRun, ...unchecked } = good;
    const items = byId(artifactChecklist({ ...unchecked, scoreFunctions: { loadModel: true, predict: false } }));
    expect(items['load-model']?.status).toBe('pass');
    expect(items['predict']).toMatchObject({ status: 'failure', label: 'score.py defines predict()' });
    expect(items['predict']?.reason).toMatch(/no top-level "def predict\("/);
  });

  it('takes the load check over the reading of the text: predict found on import passes', () => {
    // `from helpers import predict` style names the text reading may miss; the import found it.
    const items = byId(artifactChecklist({ ...good, scoreFunctions: { loadModel: true, predict: false } }));
    expect(items['predict']).toMatchObject({ status: 'pass', reason: 'predict was found when the load check imported score.py.' });
    const failed = byId(artifactChecklist({ ...good, scoreFunctions: { loadModel: true, predict: false }, loadCheck: { ...good.loadCheck!, status: 'fail' } }));
    expect(failed['predict']?.status).toBe('failure');
  });

  it('warns, not fails, without load_model: the model server passes model=None, OCI would not start it', () => {
    const items = byId(artifactChecklist({ ...good, scoreFunctions: { loadModel: false, predict: true } }));
    expect(items['load-model']?.status).toBe('warning');
    expect(items['load-model']?.reason).toMatch(/model=None.*OCI/);
  });

  it('warns when the functions were never recorded (older artifacts)', () => {
    const { scoreFunctions: _omit, ...old } = good;
    expect(byId(artifactChecklist(old))['load-model']?.status).toBe('warning');
  });

  it('fails a runtime.yaml that does not parse, with the parser error', () => {
    const items = byId(artifactChecklist({ ...good, runtime: null, runtimeError: 'runtime.yaml is not valid YAML: bad indentation' }));
    expect(items['runtime-yaml']).toMatchObject({ status: 'failure', reason: 'runtime.yaml is not valid YAML: bad indentation' });
    expect(items['environment']?.status).toBe('failure');
  });

  it('warns without runtime.yaml or without its MODEL_DEPLOYMENT section and names the default', () => {
    const none = byId(artifactChecklist({ ...good, hasRuntimeYaml: false, runtime: null }));
    expect(none['runtime-yaml']).toMatchObject({ status: 'warning' });
    expect(none['runtime-yaml']?.reason).toMatch(/no runtime\.yaml.*generalml_p311_cpu_v1/);
    expect(none['environment']).toMatchObject({ status: 'pass' });
    const empty = byId(artifactChecklist({ ...good, runtime: null }));
    expect(empty['runtime-yaml']?.reason).toMatch(/no MODEL_DEPLOYMENT\.INFERENCE_CONDA_ENV section/);
  });

  it('fails an unknown environment slug and names it and the known ones', () => {
    const items = byId(artifactChecklist({ ...good, runtime: { slug: 'mlcpuv1', type: 'data_science' } }));
    expect(items['environment']).toMatchObject({ status: 'failure' });
    expect(items['environment']?.reason).toBe('Unknown conda environment "mlcpuv1". Known environments: generalml_p311_cpu_v1, minimal_p311_cpu_v1.');
    expect(checklistOutcome(Object.values(items))).toBe('failure');
  });

  it('fails a published environment, which is not available locally', () => {
    const items = byId(artifactChecklist({ ...good, runtime: { slug: 'mine', type: 'published', path: 'oci://b@n/p' } }));
    expect(items['environment']?.reason).toMatch(/published conda environment "mine" is not available/);
  });

  it('warns when runtime.yaml asks another Python and says which one runs', () => {
    const items = byId(artifactChecklist({ ...good, runtime: { ...runtime, pythonVersion: '3.8.5' } }));
    expect(items['python-version']).toMatchObject({ status: 'warning' });
    expect(items['python-version']?.reason).toMatch(/asks for Python 3\.8\.5, but Python 3\.11 will run/);
    expect(checklistOutcome(Object.values(items))).toBe('warning');
    expect(byId(artifactChecklist({ ...good, runtime: { ...runtime, pythonVersion: '3.11.9' } }))['python-version']?.status).toBe('pass');
  });
});

describe('a stored introspection that is not inspected or does not read', () => {
  it('has no checklist where the provider did not look inside (OCI)', () => {
    expect(checklistOf(UNINSPECTED)).toEqual([]);
  });

  it('fails one named item, saying what did not read, instead of judging junk', () => {
    const junk = readArtifactIntrospection({ scoreDir: 3, runtime: 'x', scoreFunctions: [], hasRuntimeYaml: 'yes' });
    expect(junk).toMatchObject({ state: 'unreadable', reason: expect.stringMatching(/^the stored record of what it holds does not read \(scoreDir: /) });
    const items = checklistOf(junk);
    expect(items).toEqual([{ id: 'introspection', label: 'The artifact checks are on record', status: 'failure', reason: expect.stringMatching(/Upload the artifact again, as a new model/) }]);
    expect(checklistOutcome(items)).toBe('failure');
  });
});

describe('majorMinor', () => {
  it('reads the major and minor version', () => {
    expect(majorMinor('3.11')).toBe('3.11');
    expect(majorMinor('3.6.11')).toBe('3.6');
    expect(majorMinor('Python 3.10')).toBe('3.10');
    expect(majorMinor('latest')).toBeNull();
  });

  describe('load_model() run for real', () => {
    it('fails with the traceback when the load failed', () => {
      const loadCheck = { status: 'fail' as const, reason: "Loading the model failed: ModuleNotFoundError: No module named 'x'", excerpt: 'Traceback (most recent call last):\n...', time: '' };
      const items = artifactChecklist({ ...good, loadCheck });
      expect(byId(items)['model-loads']).toEqual({
        id: 'model-loads',
        label: 'load_model() runs in the runtime image',
        status: 'failure',
        reason: "Loading the model failed: ModuleNotFoundError: No module named 'x'",
        excerpt: 'Traceback (most recent call last):\n...',
      });
      expect(checklistOutcome(items)).toBe('failure');
    });

    it('never passes an artifact whose load was not run', () => {
      const { loadCheck: _omit, ...unchecked } = good;
      expect(byId(artifactChecklist(unchecked))['model-loads']).toMatchObject({ status: 'warning', reason: expect.stringMatching(/^Not run/) });
      expect(checklistOutcome(artifactChecklist(unchecked))).toBe('warning');
      expect(byId(artifactChecklist({ ...good, loadCheck: { status: 'warn', reason: 'Not run: the load check is turned off (BERTH_LOAD_CHECK_S=0).', time: '' } }))['model-loads']?.status).toBe('warning');
      expect(byId(artifactChecklist({ ...unchecked, scoreDir: null, scoreFunctions: null }))['model-loads']?.status).toBe('failure');
      // A stored load check of another shape is not trusted: the record does not read.
      expect(readArtifactIntrospection({ ...good, loadCheck: { status: 'ok' } })).toMatchObject({ state: 'unreadable', reason: expect.stringContaining('loadCheck.status') });
    });
  });
});
