import fs from 'node:fs';
import { isMap, isScalar, parseDocument } from 'yaml';
import { INFRA, RUNTIME, type SpecContext, type YamlPath } from '@/server/domain/deployment-spec';
import type { CreateModelDeploymentDetails, ModelDeployment, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { buildUpdateRequest, unrepresentableChanges } from '@/server/domain/update-request';
import { parseDeploymentYaml, type LocatedProblem } from '@/server/validation/deployment-yaml';
import { CliError, EXIT } from './errors';

// The deployment spec (seed 003) read by the console's own parser, so the CLI and "Create from
// YAML" agree on every key, path and line; then turned into the create details or, against the
// deployment as it is, the smallest shallow-merge update.

export interface SpecFile {
  path: string;
  text: string;
}

export function readSpecFile(path: string): SpecFile {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new CliError(`The spec ${path} cannot be read${code === 'ENOENT' ? ': no such file' : `: ${String(code ?? e)}`}.`, EXIT.usage);
  }
  return { path, text };
}

/** The ids the spec holds itself: what the CLI then does not fill in from flags or defaults. */
export interface SpecReferences {
  projectId?: string;
  compartmentId?: string;
  modelUri?: string;
}

export function specReferences(text: string): SpecReferences {
  const doc = parseDocument(text, { prettyErrors: false });
  const read = (path: YamlPath): string | undefined => {
    const node = isMap(doc.contents) ? doc.getIn(path, true) : undefined;
    return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
  };
  const out: SpecReferences = {};
  const projectId = read([...INFRA, 'projectId']);
  const compartmentId = read([...INFRA, 'compartmentId']);
  const modelUri = read([...RUNTIME, 'modelUri']);
  if (projectId !== undefined) out.projectId = projectId;
  if (compartmentId !== undefined) out.compartmentId = compartmentId;
  if (modelUri !== undefined) out.modelUri = modelUri;
  return out;
}

export const formatProblem = (file: string, p: LocatedProblem) =>
  `${p.severity === 'warning' ? 'warning: ' : ''}${file}${p.line !== null ? `:${p.line}` : ''}: ${p.where}: ${p.message}`;

export interface CheckedSpec {
  details: CreateModelDeploymentDetails;
  /** Printed on stderr: keys read but without effect here, and the like. */
  warnings: string[];
}

const MISSING_FROM: Record<keyof SpecContext, string> = {
  displayName: 'spec.displayName',
  projectId: `${INFRA.join('.')}.projectId`,
  compartmentId: `${INFRA.join('.')}.compartmentId`,
  modelId: `${RUNTIME.join('.')}.modelUri`,
};

function specFailure(spec: SpecFile, errors: LocatedProblem[], warnings: LocatedProblem[]): CliError {
  const lines = [...errors, ...warnings].map((p) => formatProblem(spec.path, p));
  const what = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
  return new CliError(`The spec ${spec.path} has ${what}; nothing was sent.`, EXIT.usage, lines);
}

/**
 * The offline check, before anything is asked of the service: the spec's own errors, leaving out
 * the keys the CLI will still fill in once it has looked them up (`pending`).
 */
export function precheckSpec(spec: SpecFile, context: SpecContext, pending: (keyof SpecContext)[]): void {
  const skipped = new Set(pending.map((k) => MISSING_FROM[k]));
  const result = parseDeploymentYaml(spec.text, context);
  const errors = result.problems.filter((p) => p.severity === 'error' && !skipped.has(p.where));
  if (errors.length > 0) throw specFailure(spec, errors, result.problems.filter((p) => p.severity === 'warning'));
}

/** The create details of a spec, with `context` filling what it leaves out; throws CliError (exit 2). */
export function checkSpec(spec: SpecFile, context: SpecContext): CheckedSpec {
  const result = parseDeploymentYaml(spec.text, context);
  const errors = result.problems.filter((p) => p.severity === 'error');
  const warnings = result.problems.filter((p) => p.severity === 'warning');
  if (errors.length > 0 || !result.details) throw specFailure(spec, errors, warnings);
  return { details: result.details, warnings: warnings.map((p) => formatProblem(spec.path, p)) };
}

/** Context values for keys the spec leaves out (a key the spec holds is its own, and is not overridden). */
export function contextFor(refs: SpecReferences, values: SpecContext): SpecContext {
  const out: SpecContext = {};
  if (values.displayName !== undefined) out.displayName = values.displayName;
  if (values.modelId !== undefined) out.modelId = values.modelId;
  if (values.projectId !== undefined && refs.projectId === undefined) out.projectId = values.projectId;
  if (values.compartmentId !== undefined && refs.compartmentId === undefined) out.compartmentId = values.compartmentId;
  return out;
}

/**
 * The update that makes `current` what the spec describes. The spec is the whole configuration
 * (what it leaves out of the runtime is erased, as in the console's editor); names, descriptions
 * and tags it leaves out stay as they are.
 */
export function updateFromSpec(current: ModelDeployment, details: CreateModelDeploymentDetails, specPath: string): UpdateModelDeploymentDetails {
  if (details.projectId !== current.projectId) {
    throw new CliError(`The spec ${specPath} names project ${details.projectId}, but the deployment is in ${current.projectId}; an update cannot move it.`, EXIT.usage);
  }
  if (details.compartmentId !== current.compartmentId) {
    throw new CliError(`The spec ${specPath} names compartment ${details.compartmentId}, but the deployment is in ${current.compartmentId}; move it with a change of compartment, not an update.`, EXIT.usage);
  }
  const edited: ModelDeployment = {
    ...current,
    ...(details.displayName !== undefined ? { displayName: details.displayName } : {}),
    ...(details.description !== undefined ? { description: details.description } : {}),
    ...(details.freeformTags !== undefined ? { freeformTags: details.freeformTags } : {}),
    ...(details.definedTags !== undefined ? { definedTags: details.definedTags } : {}),
    ...(details.categoryLogDetails !== undefined ? { categoryLogDetails: details.categoryLogDetails } : {}),
    modelDeploymentConfigurationDetails: details.modelDeploymentConfigurationDetails,
  };
  const refused = unrepresentableChanges(current, edited);
  if (refused.length > 0) {
    throw new CliError(`The spec ${specPath} removes what an update can only change:`, EXIT.usage, refused.map((r) => `${r.path}: ${r.message}`));
  }
  const request = buildUpdateRequest(current, edited);
  // Which variables are secret matters only with the variables themselves.
  if (details.secretEnvironmentVariables !== undefined && request.modelDeploymentConfigurationDetails?.environmentConfigurationDetails) {
    request.secretEnvironmentVariables = details.secretEnvironmentVariables;
  }
  return request;
}
