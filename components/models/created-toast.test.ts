import { describe, expect, it } from 'vitest';
import { artifactChecklist as checklistOf } from '@/server/domain/artifact-checklist';
import { inspected, type ArtifactIntrospection } from '@/server/domain/artifact-introspection';
import { artifactVerdict, whyItCannotServe } from '@/server/domain/artifact-verdict';
import { createdModelToast } from './created-toast';

const artifactChecklist = (facts: ArtifactIntrospection) => checklistOf(inspected(facts));

const GOOD: ArtifactIntrospection = {
  scoreDir: '',
  fileCount: 2,
  scoreFunctions: { loadModel: true, predict: true },
  hasRuntimeYaml: true,
  runtime: { slug: 'minimal_p311_cpu_v1', type: 'data_science', pythonVersion: '3.11' },
  // What the upload records once load_model() ran for real in the runtime image.
  loadCheck: { status: 'pass', reason: 'load_model() returned in 1.2 s.', time: '2026-12-01T00:00:00.000Z' },
};

describe('createdModelToast', () => {
  it('is a plain success when every check passed', () => {
    expect(createdModelToast('m', artifactVerdict(artifactChecklist(GOOD)))).toEqual({ variant: 'success', title: 'Model m created' });
    // The checks could not be read: the model was still created.
    expect(createdModelToast('m', null).variant).toBe('success');
  });

  it('says plainly that a model whose checks failed was created but cannot serve, and why', () => {
    // Without a load check's import (it did not run), the reading of the text is the verdict.
    const { loadCheck: _notRun, ...unchecked } = GOOD;
    const verdict = artifactVerdict(artifactChecklist({ ...unchecked, scoreFunctions: { loadModel: true, predict: false } }));
    expect(verdict.outcome).toBe('failure');
    const t = createdModelToast('m', verdict);
    expect(t.variant).toBe('error');
    expect(t.title).toBe('Model m created, but it cannot serve');
    expect(t.description).toContain('score.py has no top-level "def predict(".');
  });

  it('names every failed check, the first with its reason', () => {
    const verdict = artifactVerdict(artifactChecklist({ ...GOOD, scoreDir: null, scoreFunctions: null }));
    expect(verdict.failures.map((f) => f.label)).toEqual(['score.py is present', 'score.py defines load_model()', 'score.py defines predict()']);
    expect(whyItCannotServe(verdict)).toMatch(/^The artifact has no score\.py.*\(and 2 more failed checks: score\.py defines load_model\(\); score\.py defines predict\(\)\)$/);
    expect(whyItCannotServe(artifactVerdict(artifactChecklist(GOOD)))).toBe('');
  });

  it('points at the warnings when there are some', () => {
    const t = createdModelToast('m', artifactVerdict(artifactChecklist({ ...GOOD, hasRuntimeYaml: false, runtime: null })));
    expect(t).toMatchObject({ variant: 'info', title: 'Model m created' });
  });
});
