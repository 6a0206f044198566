import fs from 'node:fs';
import path from 'node:path';
import type { MlflowIntrospection } from '@/server/domain/artifact-introspection';
import { checkRequirements, type Requirement } from '@/server/domain/mlflow-requirements';
import { exampleRequest } from '@/server/domain/mlflow-signature';
import { DEFAULT_RUNTIME_SLUG, findRuntime } from '@/server/domain/runtimes';
import type { JsonValue } from '@/server/domain/sample-request';
import { formatBytes } from '@/server/domain/bytes';
import { parseCondaYaml, parseMlmodel, parsePythonEnvYaml, parseRequirementsTxt } from '@/server/validation/mlmodel';

// An artifact whose top level (or one folder, as for score.py) holds MLflow's MLmodel: what it
// says, read at upload and kept with the artifact's introspection.

const EXAMPLE_MAX_BYTES = 256 * 1024;
const ENV_FILE_MAX_BYTES = 256 * 1024;

/** The shallowest MLmodel (top level first, else in exactly one folder); null without one. */
export function findMlmodel(files: readonly string[]): string | null {
  const found = files.filter((f) => path.basename(f) === 'MLmodel');
  const top = found.find((f) => !f.includes(path.sep) && !f.includes('/'));
  if (top) return '';
  const oneDeep = found.filter((f) => f.split(/[\\/]/).length === 2);
  return oneDeep.length === 1 && oneDeep[0] ? path.dirname(oneDeep[0]) : null;
}

/** Inside dir, and a file no larger than max: else null (an artifact's path is never trusted). */
function readInside(dir: string, rel: string, max: number): string | null {
  const abs = path.resolve(dir, rel);
  if (!abs.startsWith(path.resolve(dir) + path.sep)) return null;
  try {
    const st = fs.statSync(abs);
    return st.isFile() && st.size <= max ? fs.readFileSync(abs, 'utf8') : null;
  } catch {
    return null;
  }
}

export function introspectMlmodel(root: string, files: readonly string[], opts: { hasScorePy: boolean; runtimeSlug?: string }): MlflowIntrospection | null {
  const dir = findMlmodel(files);
  if (dir === null) return null;
  const base = path.join(root, dir);
  const parsed = parseMlmodel(readInside(base, 'MLmodel', ENV_FILE_MAX_BYTES) ?? '');
  if (!parsed.ok) return { dir, usesScorePy: opts.hasScorePy, error: parsed.error };
  const facts = parsed.facts;
  const env = findRuntime(opts.runtimeSlug ?? DEFAULT_RUNTIME_SLUG) ?? findRuntime(DEFAULT_RUNTIME_SLUG);

  // requirements.txt first, then python_env.yaml, then conda.yaml: MLflow writes the same pip
  // requirements into each, and a package is checked once, from the first file naming it.
  const reqs: (Requirement | { unparsed: string; source: string })[] = [];
  const sources: string[] = [];
  const errors: string[] = [];
  let pythonVersion = facts.pythonVersion;
  const virtualenv = facts.envFiles.virtualenv ?? 'python_env.yaml';
  const conda = facts.envFiles.conda ?? 'conda.yaml';
  const txt = readInside(base, 'requirements.txt', ENV_FILE_MAX_BYTES);
  if (txt !== null) {
    sources.push('requirements.txt');
    reqs.push(...parseRequirementsTxt(txt));
  }
  for (const [file, parse] of [
    [virtualenv, parsePythonEnvYaml],
    [conda, parseCondaYaml],
  ] as const) {
    const content = readInside(base, file, ENV_FILE_MAX_BYTES);
    if (content === null) continue;
    const r = parse(content, file);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    sources.push(file);
    // python_env.yaml's `-r requirements.txt` names the file already read.
    reqs.push(...r.requirements.filter((q) => !('unparsed' in q && /^-r\s+requirements\.txt$/.test(q.unparsed))));
    pythonVersion ??= r.pythonVersion;
  }

  let example: { exampleRequest?: JsonValue; exampleError?: string } = {};
  const info = facts.inputExample;
  if (info) {
    const servingPath = info.servingInputPath;
    const rel = servingPath ?? info.path;
    const content = readInside(base, rel, EXAMPLE_MAX_BYTES);
    if (content === null) example = { exampleError: `The input example ${rel} is missing or larger than ${formatBytes(EXAMPLE_MAX_BYTES)}.` };
    else {
      try {
        const request = exampleRequest(JSON.parse(content), { ...(info.type ? { type: info.type } : {}), ...(info.pandasOrient ? { pandasOrient: info.pandasOrient } : {}), servingInput: Boolean(servingPath) });
        example = request === null ? { exampleError: `The input example ${rel} is in a form the console does not read.` } : { exampleRequest: request };
      } catch {
        example = { exampleError: `The input example ${rel} is not valid JSON.` };
      }
    }
  }

  return {
    dir,
    usesScorePy: opts.hasScorePy,
    ...facts,
    ...(pythonVersion ? { pythonVersion } : {}),
    checkedAgainst: env?.slug ?? DEFAULT_RUNTIME_SLUG,
    requirements: env ? checkRequirements(reqs, env) : [],
    requirementSources: sources,
    requirementErrors: errors,
    ...example,
  };
}
