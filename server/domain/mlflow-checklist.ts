import type { MlflowIntrospection } from './artifact-introspection';

// The artifact checks of an MLflow model (an MLmodel at the top of the artifact): how it is served,
// its signature and input example, the Python it was saved with, and each requirement the runtime
// environment lacks, one item per package, so the model page says what is missing.

type Status = 'pass' | 'warning' | 'failure';
export type MlflowChecklistId = 'mlmodel' | 'mlflow-signature' | 'mlflow-example' | 'mlflow-python' | 'requirements' | `requirement:${string}`;
export interface MlflowChecklistItem {
  id: MlflowChecklistId;
  label: string;
  status: Status;
  reason: string;
  hint?: string;
}

/** "3.10.12" -> "3.10"; null when the text names no major.minor version. */
const majorMinorOf = (version: string): string | null => {
  const m = version.trim().match(/^(?:python\s*)?(\d+)\.(\d+)/i);
  return m ? `${m[1]}.${m[2]}` : null;
};

/** The MLflow items of an artifact with an MLmodel; none without one. */
export function mlflowChecklist(m: MlflowIntrospection | undefined, servingPython: string): MlflowChecklistItem[] {
  if (!m) return [];
  const where = m.dir ? `in the folder ${m.dir}/` : 'at the top of the artifact';
  if ('error' in m) return [{ id: 'mlmodel', label: 'MLmodel is read', status: m.usesScorePy ? 'warning' : 'failure', reason: m.error }];
  const flavors = m.flavors.join(', ');
  const serving = m.serving;
  const items: MlflowChecklistItem[] = [];
  if (m.usesScorePy) {
    items.push({ id: 'mlmodel', label: 'MLmodel is read', status: 'pass', reason: `Found an MLflow model ${where} (flavors: ${flavors}); the artifact also has score.py, which serves it, as on OCI. The MLmodel gives the schemas and the requirements below.` });
  } else if (serving) {
    items.push({
      id: 'mlmodel',
      label: 'MLmodel is served natively',
      status: 'pass',
      reason: `Found an MLflow model ${where} (flavors: ${flavors}). No score.py is needed: the model server loads ${serving.modelPath} (${serving.serialization}) and answers MLflow's scoring protocol on /predict (dataframe_split, dataframe_records, instances, inputs) with {"predictions": [...]}.`,
    });
  } else {
    items.push({ id: 'mlmodel', label: 'MLmodel is served natively', status: 'failure', reason: m.servingError ?? 'No flavor of this MLmodel is served natively.', hint: 'Add a score.py with load_model() and predict(), or log the model with mlflow.sklearn.' });
  }

  const inputs = m.signature?.inputs ?? [];
  const sigError = m.signatureError;
  if (sigError) items.push({ id: 'mlflow-signature', label: 'The signature is enforced', status: 'warning', reason: sigError });
  else if (inputs.length > 0) {
    const cols = inputs.map((c) => `${c.name} (${c.type})`).join(', ');
    items.push({ id: 'mlflow-signature', label: 'The signature is enforced', status: 'pass', reason: `Requests are checked against the signature's ${inputs.length} input column${inputs.length === 1 ? '' : 's'}: ${cols}. They are the model's input schema.` });
  } else {
    items.push({ id: 'mlflow-signature', label: 'The signature is enforced', status: 'warning', reason: 'The MLmodel has no signature, so requests are passed to the model unchecked and the model has no input schema. Log the model with a signature (infer_signature).' });
  }
  const exampleError = m.exampleError;
  if (exampleError) items.push({ id: 'mlflow-example', label: 'The input example is read', status: 'warning', reason: exampleError });

  const saved = m.pythonVersion;
  if (saved) {
    const fits = majorMinorOf(saved) === servingPython;
    items.push({
      id: 'mlflow-python',
      label: 'The model was saved with this Python',
      status: fits ? 'pass' : 'warning',
      reason: fits ? `Saved with Python ${saved}; Python ${servingPython} will run.` : `Saved with Python ${saved}, but Python ${servingPython} will run. A pickle usually loads across versions; check that the model loads (below).`,
    });
  }

  const checkedAgainst = m.checkedAgainst;
  const sources = m.requirementSources;
  const problems: MlflowChecklistItem[] = [];
  const fine: string[] = [];
  for (const r of m.requirements) {
    const { name, message } = r;
    const spec = `${name}${r.spec}`;
    if (r.status === 'ok' || r.status === 'not-needed') fine.push(r.status === 'ok' ? `${spec} (${r.installed ?? '?'})` : `${spec} (not needed)`);
    else {
      const hint = r.status === 'missing' && name.toLowerCase() === 'cloudpickle' ? 'A model saved with cloudpickle still loads without it unless it holds code saved by value; the load check below says whether it does.' : undefined;
      problems.push({ id: `requirement:${name.toLowerCase()}`, label: `Requirement ${spec}`, status: 'warning', reason: message, ...(hint ? { hint } : {}) });
    }
  }
  for (const [i, e] of m.requirementErrors.entries()) problems.push({ id: `requirement:file-${i}`, label: 'An environment file is read', status: 'warning', reason: e });
  if (sources.length === 0 && problems.length === 0) {
    items.push({ id: 'requirements', label: 'Requirements are in the runtime environment', status: 'warning', reason: `The MLflow model has no requirements.txt, python_env.yaml or conda.yaml, so its requirements could not be checked against ${checkedAgainst}.` });
  } else if (problems.length === 0) {
    items.push({ id: 'requirements', label: 'Requirements are in the runtime environment', status: 'pass', reason: `Every requirement of ${sources.join(', ')} is in ${checkedAgainst}: ${fine.join(', ') || 'none listed'}.` });
  } else {
    const summary = fine.length ? ` The others are: ${fine.join(', ')}.` : '';
    items.push({ id: 'requirements', label: 'Requirements are in the runtime environment', status: 'warning', reason: `${problems.length} requirement${problems.length === 1 ? '' : 's'} of ${sources.join(', ') || 'the model'} ${problems.length === 1 ? 'is' : 'are'} not met by ${checkedAgainst}, listed below.${summary}` });
    items.push(...problems);
  }
  return items;
}
