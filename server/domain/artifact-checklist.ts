import type { ArtifactIntrospection, ArtifactIntrospectionState } from './artifact-introspection';
import type { LoadCheck } from './load-check';
import { mlflowChecklist, type MlflowChecklistId } from './mlflow-checklist';
import { nativeMlflowOf } from './mlflow-signature';
import { DEFAULT_RUNTIME_SLUG, RUNTIME_ENVIRONMENTS, findRuntime } from './runtimes';

// What the console tells the user about an uploaded artifact (OCI-SPEC H): whether a managed
// (conda) deployment can serve it, item by item, each with the reason in words.

export type ChecklistStatus = 'pass' | 'warning' | 'failure';

export interface ChecklistItem {
  id: 'introspection' | 'score-py' | 'load-model' | 'predict' | 'runtime-yaml' | 'environment' | 'python-version' | 'model-loads' | MlflowChecklistId;
  label: string;
  status: ChecklistStatus;
  reason: string;
  /** The traceback of a failed load. */
  excerpt?: string;
  hint?: string;
}

/** What the environment checks read of an artifact's introspection. */
export type ArtifactFacts = Pick<ArtifactIntrospection, 'scoreDir' | 'scoreFunctions' | 'hasRuntimeYaml' | 'runtime' | 'runtimeError' | 'loadCheck'>;

const where = (scoreDir: string) => (scoreDir ? `in the folder ${scoreDir}/` : 'at the top of the artifact');

function functionItem(facts: ArtifactFacts, id: 'load-model' | 'predict', name: string, has: (f: { loadModel: boolean; predict: boolean }) => boolean): ChecklistItem {
  const label = `score.py defines ${name}()`;
  if (facts.scoreDir === null) return { id, label, status: 'failure', reason: `Not checked: there is no score.py.` };
  if (!facts.scoreFunctions) return { id, label, status: 'warning', reason: 'Not recorded for this artifact; upload it again to check.' };
  if (has(facts.scoreFunctions)) return { id, label, status: 'pass', reason: `score.py has a top-level "def ${name}(".` };
  // The text was read, not run: the load check's import is the proof where it ran. The model
  // server refuses a score.py without predict at import, so a passed load check found it.
  const imported = facts.loadCheck !== undefined && facts.loadCheck.status !== 'fail';
  if (id === 'predict' && imported) return { id, label, status: 'pass', reason: 'predict was found when the load check imported score.py.' };
  if (id === 'load-model') {
    return {
      id,
      label,
      status: 'warning',
      reason: `score.py does not define load_model at its top level. Berth's model server then calls predict with model=None; OCI's model server calls load_model() once at start, so on OCI the deployment would fail.`,
    };
  }
  return { id, label, status: 'failure', reason: 'score.py has no top-level "def predict(". The model server calls predict() for every request.' };
}

/** "3.11.4" -> "3.11"; null when the text names no major.minor version. */
export function majorMinor(version: string): string | null {
  const m = version.trim().match(/^(?:python\s*)?(\d+)\.(\d+)/i);
  return m ? `${m[1]}.${m[2]}` : null;
}

/**
 * The checklist of an artifact: none where its provider did not look inside (OCI's service
 * checks it at deploy), one failed item where the stored record cannot be read.
 */
export function artifactChecklist(introspection: ArtifactIntrospectionState): ChecklistItem[] {
  if (introspection.state === 'uninspected') return [];
  if (introspection.state === 'unreadable') {
    return [{ id: 'introspection', label: 'The artifact checks are on record', status: 'failure', reason: `The artifact's checks cannot be shown: ${introspection.reason}. Upload the artifact again, as a new model, to check it.` }];
  }
  const facts = introspection.facts;
  const items: ChecklistItem[] = [];
  // An MLflow model without score.py is served from its MLmodel: its items replace score.py's.
  const native = facts.scoreDir === null && nativeMlflowOf(facts.mlflow) !== null;
  if (!native) pushScoreItems(items, facts);
  pushRuntimeItems(items, facts);
  const serving = (findRuntime(facts.runtime?.slug ?? DEFAULT_RUNTIME_SLUG) ?? findRuntime(DEFAULT_RUNTIME_SLUG))?.pythonVersion ?? '3.11';
  items.push(...mlflowChecklist(facts.mlflow, serving));
  items.push(loadItem(facts.loadCheck, facts, native));
  return items;
}

function pushScoreItems(items: ChecklistItem[], facts: ArtifactFacts) {
  items.push(
    facts.scoreDir === null
      ? {
          id: 'score-py',
          label: 'score.py is present',
          status: 'failure',
          reason: 'The artifact has no score.py, at the top or in one folder. A managed deployment needs it; only a custom container deployment can serve this artifact.',
        }
      : { id: 'score-py', label: 'score.py is present', status: 'pass', reason: `Found score.py ${where(facts.scoreDir)}.` },
  );
  items.push(functionItem(facts, 'load-model', 'load_model', (f) => f.loadModel));
  items.push(functionItem(facts, 'predict', 'predict', (f) => f.predict));
}

function pushRuntimeItems(items: ChecklistItem[], facts: ArtifactFacts) {
  const runtimeLabel = 'runtime.yaml parses';
  const defaultNote = `the default environment ${DEFAULT_RUNTIME_SLUG} will serve the model`;
  if (facts.runtimeError) {
    items.push({ id: 'runtime-yaml', label: runtimeLabel, status: 'failure', reason: facts.runtimeError });
  } else if (facts.hasRuntimeYaml === false || (facts.hasRuntimeYaml === undefined && !facts.runtime)) {
    items.push({ id: 'runtime-yaml', label: runtimeLabel, status: 'warning', reason: `There is no runtime.yaml beside score.py; ${defaultNote}.` });
  } else if (!facts.runtime) {
    items.push({ id: 'runtime-yaml', label: runtimeLabel, status: 'warning', reason: `runtime.yaml has no MODEL_DEPLOYMENT.INFERENCE_CONDA_ENV section; ${defaultNote}.` });
  } else {
    items.push({ id: 'runtime-yaml', label: runtimeLabel, status: 'pass', reason: `runtime.yaml names the conda environment ${facts.runtime.slug}.` });
  }

  const envLabel = 'The conda environment is known';
  const known = RUNTIME_ENVIRONMENTS.map((r) => r.slug).join(', ');
  const slug = facts.runtime?.slug ?? DEFAULT_RUNTIME_SLUG;
  const runtime = findRuntime(slug);
  if (facts.runtimeError) {
    items.push({ id: 'environment', label: envLabel, status: 'failure', reason: 'Not checked: runtime.yaml could not be read.' });
  } else if (facts.runtime?.type === 'published') {
    items.push({
      id: 'environment',
      label: envLabel,
      status: 'failure',
      reason: `The published conda environment "${facts.runtime.slug}" is not available on this machine. Known environments: ${known}.`,
    });
  } else if (!runtime) {
    items.push({ id: 'environment', label: envLabel, status: 'failure', reason: `Unknown conda environment "${slug}". Known environments: ${known}.` });
  } else {
    items.push({
      id: 'environment',
      label: envLabel,
      status: 'pass',
      reason: facts.runtime ? `${runtime.slug}: ${runtime.name}.` : `None named; the default ${runtime.slug} (${runtime.name}) will be used.`,
    });
  }

  const pyLabel = 'The Python version fits';
  const serving = (runtime ?? findRuntime(DEFAULT_RUNTIME_SLUG))?.pythonVersion ?? '3.11';
  const asked = facts.runtime?.pythonVersion;
  if (!asked) {
    items.push({ id: 'python-version', label: pyLabel, status: 'pass', reason: `runtime.yaml asks for no particular version; Python ${serving} will run.` });
  } else if (majorMinor(asked) === serving) {
    items.push({ id: 'python-version', label: pyLabel, status: 'pass', reason: `runtime.yaml asks for Python ${asked}; Python ${serving} will run.` });
  } else {
    items.push({
      id: 'python-version',
      label: pyLabel,
      status: 'warning',
      reason: `runtime.yaml asks for Python ${asked}, but Python ${serving} will run. Check that score.py and the model load under Python ${serving}.`,
    });
  }
}

const LOAD_STATUS = { pass: 'pass', warn: 'warning', fail: 'failure' } as const;

/** Whether load_model() ran for real at upload (see load-check.ts). */
function loadItem(check: LoadCheck | undefined, facts: ArtifactFacts, native: boolean): ChecklistItem {
  const label = native ? 'The MLflow model loads in the runtime image' : 'load_model() runs in the runtime image';
  if (check) {
    const reason = check.failureClass ? `${check.failureClass}: ${check.reason}` : check.reason;
    return { id: 'model-loads', label, status: LOAD_STATUS[check.status], reason, ...(check.excerpt ? { excerpt: check.excerpt } : {}), ...(check.hint ? { hint: check.hint } : {}) };
  }
  if (facts.scoreDir === null && !native) return { id: 'model-loads', label, status: 'failure', reason: 'Not run: there is no score.py.' };
  return { id: 'model-loads', label, status: 'warning', reason: 'Not run for this artifact; upload it again to check that the model loads.' };
}

/** The worst status of a checklist: what a one-word summary shows. */
export function checklistOutcome(items: readonly ChecklistItem[]): ChecklistStatus {
  if (items.some((i) => i.status === 'failure')) return 'failure';
  return items.some((i) => i.status === 'warning') ? 'warning' : 'pass';
}
