import { SECRET_EXPORT_PLACEHOLDER } from '@/server/domain/deployment-yaml-export';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import type { CondaEnvironment } from '@/server/domain/conda-uri';
import type { DeploymentSpec, Origin, SpecContext, YamlPath, YamlProblem } from '@/server/domain/deployment-spec';
import { specToDetails } from '@/server/domain/deployment-yaml';
import type { CreateModelDeploymentDetails } from '@/server/domain/oci-types';
import { formatBytes } from '@/server/domain/bytes';
import { createModelDeploymentDetailsSchema } from './deployment';

// A deployment spec in YAML (seed 003) to CreateModelDeploymentDetails: the YAML is read with the
// document API so that every problem, from the YAML syntax to the details schema, names its spec
// path and line. Nothing is created here.

export const DEPLOYMENT_YAML_MAX_BYTES = 64 * 1024;

const str = (label: string) => z.string({ error: `${label} must be text.` });
const num = (label: string) => z.number({ error: `${label} must be a number.` });
const opt = <T extends z.ZodType>(t: T) => t.optional();
const stringList = (label: string) => z.array(str(`Each ${label} element`), { error: `${label} must be a list of strings.` });

const logSpec = z.strictObject({ logGroupId: opt(str('logGroupId')), logId: opt(str('logId')) });

const infrastructureSpec = z.strictObject({
  compartmentId: opt(str('compartmentId')),
  projectId: opt(str('projectId')),
  shapeName: opt(str('shapeName')),
  shapeConfigDetails: opt(z.strictObject({ ocpus: opt(num('ocpus')), memoryInGBs: opt(num('memoryInGBs')), cpuBaseline: opt(str('cpuBaseline')) })),
  blockStorageSize: opt(num('blockStorageSize')),
  replica: opt(num('replica')),
  scalingPolicy: opt(z.record(z.string(), z.unknown(), { error: 'scalingPolicy must be a mapping (the SDK AutoScalingPolicy).' })),
  bandwidthMbps: opt(num('bandwidthMbps')),
  maximumBandwidthMbps: opt(num('maximumBandwidthMbps')),
  webConcurrency: opt(num('webConcurrency').int('webConcurrency must be a whole number.').min(1, 'webConcurrency must be at least 1.')),
  accessLog: opt(logSpec),
  predictLog: opt(logSpec),
  logGroupId: opt(str('logGroupId')),
  logId: opt(str('logId')),
  subnetId: opt(str('subnetId')),
  privateEndpointId: opt(str('privateEndpointId')),
  networkAccessType: opt(str('networkAccessType')),
});

// ADS writes environment values as YAML scalars; the service takes text.
const envSpec = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean()], { error: 'Environment variable values must be text, numbers or booleans.' }).transform(String),
  { error: 'env must be a mapping of names to values.' },
);

const buildCondaSpec = z.strictObject({
  name: str('uri.name'),
  destination: opt(str('uri.destination')),
  gpu: opt(z.boolean()),
  overwrite: opt(z.boolean()),
  keepLocal: opt(z.boolean()),
  localCondaDir: opt(str('uri.localCondaDir')),
  scoreCode: opt(str('uri.scoreCode')),
});

const runtimeSpec = z.strictObject({
  modelUri: opt(str('modelUri')),
  env: opt(envSpec),
  secretEnv: opt(stringList('secretEnv')),
  uri: opt(z.union([z.string(), buildCondaSpec], { error: 'uri must be a conda environment slug or path, or a mapping to build one (name, destination).' })),
  pythonVersion: opt(z.union([z.string(), z.number()], { error: 'pythonVersion must be a version such as 3.11.' }).transform(String)),
  image: opt(str('image')),
  imageDigest: opt(str('imageDigest')),
  imageSignatureId: opt(str('imageSignatureId')),
  cmd: opt(stringList('cmd')),
  entrypoint: opt(stringList('entrypoint')),
  serverPort: opt(num('serverPort')),
  healthCheckPort: opt(num('healthCheckPort')),
  inferenceServer: opt(str('inferenceServer')),
  deploymentMode: opt(z.enum(['HTTPS_ONLY', 'STREAM_ONLY'], { error: 'deploymentMode must be HTTPS_ONLY or STREAM_ONLY.' })),
  predictApiSpecification: opt(str('predictApiSpecification')),
  customHttpEndpoints: opt(z.array(z.unknown(), { error: 'customHttpEndpoints must be a list.' })),
});

export const deploymentSpecSchema = z.strictObject({
  kind: z.literal('deployment', { error: 'kind must be deployment.' }),
  spec: z.strictObject(
    {
      displayName: opt(str('displayName')),
      description: opt(str('description')),
      freeformTags: opt(z.record(z.string(), str('A freeform tag value'))),
      definedTags: opt(z.record(z.string(), z.record(z.string(), z.unknown()))),
      infrastructure: z.strictObject(
        {
          kind: opt(z.literal('infrastructure', { error: 'infrastructure kind must be infrastructure.' })),
          type: z.enum(['modelDeployment', 'datascienceModelDeployment'], { error: 'infrastructure type must be modelDeployment.' }),
          spec: infrastructureSpec,
        },
        { error: 'spec.infrastructure is required: the shape, replicas and logs of the deployment.' },
      ),
      runtime: z.strictObject(
        {
          kind: opt(z.literal('runtime', { error: 'runtime kind must be runtime.' })),
          type: z.enum(['conda', 'container'], { error: 'runtime type must be conda or container.' }),
          spec: runtimeSpec,
        },
        { error: 'spec.runtime is required: a conda or container runtime.' },
      ),
    },
    { error: 'spec is required.' },
  ),
}) satisfies z.ZodType<DeploymentSpec, unknown>;

export interface LocatedProblem extends YamlProblem {
  /** The spec path as text: spec.runtime.spec.serverPort, or "(document)". */
  where: string;
  /** 1-based line of the key, or of its nearest present parent when the key is missing. */
  line: number | null;
}

export interface DeploymentYamlResult {
  /** False while any problem is an error (an invalid spec, or one the local provider refuses). */
  ok: boolean;
  /** The checked details: present once the spec is valid, even when the local provider refuses it. */
  details: CreateModelDeploymentDetails | null;
  condaEnvironment: CondaEnvironment | null;
  problems: LocatedProblem[];
}

const pathText = (path: YamlPath) => (path.length === 0 ? '(document)' : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join(''));

/** The line of the deepest node of `path` that exists: the key itself, or where it should go. */
function lineOf(doc: Document, lines: LineCounter, path: YamlPath): number | null {
  let node: unknown = doc.contents;
  let offset: number | undefined = doc.contents?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = (node as Node).range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? null : lines.linePos(offset).line;
}

const PLACEHOLDER = /<[^<>\n]+>|\{[a-z_]+\}/;
// Only identifiers and references: a description or an env value may well hold "<b>" on purpose.
const REFERENCE_KEYS = new Set(['projectId', 'compartmentId', 'logGroupId', 'logId', 'subnetId', 'privateEndpointId', 'modelUri', 'image', 'imageDigest', 'uri', 'destination']);

/** Template text left in (seed 003's <unique_ID>, {region}): a value nobody meant to send. */
function placeholders(value: unknown, path: YamlPath, out: YamlProblem[]): void {
  const key = path.at(-1);
  if (typeof value === 'string') {
    const m = typeof key === 'string' && REFERENCE_KEYS.has(key) ? PLACEHOLDER.exec(value) : null;
    if (m) out.push({ severity: 'error', kind: 'invalid', path, message: `${String(key)} still holds the template placeholder ${m[0]}: replace it with the real value.` });
    else if (value === SECRET_EXPORT_PLACEHOLDER) out.push({ severity: 'error', kind: 'invalid', path, message: `${String(key)} is a secret the export left out: write its value (it is stored apart and masked once created).` });
  } else if (Array.isArray(value)) value.forEach((v, i) => placeholders(v, [...path, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) placeholders(v, [...path, k], out);
}

const issuePath = (path: readonly PropertyKey[]): YamlPath => path.filter((p): p is string | number => typeof p !== 'symbol');

function zodProblems(error: z.ZodError, toYaml: (p: YamlPath) => YamlPath): YamlProblem[] {
  return error.issues.flatMap((issue): YamlProblem[] => {
    const path = toYaml(issuePath(issue.path));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ severity: 'error', kind: 'invalid', path: [...path, key], message: `Unknown key "${key}" in ${pathText(path)}.` }));
    }
    return [{ severity: 'error', kind: 'invalid', path, message: issue.message }];
  });
}

function originOf(origins: Origin[], path: YamlPath): YamlPath {
  let best: Origin | undefined;
  for (const o of origins) {
    if (o.details.length <= path.length && o.details.every((p, i) => p === path[i]) && (!best || o.details.length > best.details.length)) best = o;
  }
  return best ? [...best.yaml, ...path.slice(best.details.length)] : [];
}

export function parseDeploymentYaml(text: string, context: SpecContext = {}): DeploymentYamlResult {
  const lines = new LineCounter();
  const failed = (problems: LocatedProblem[]): DeploymentYamlResult => ({ ok: false, details: null, condaEnvironment: null, problems });
  if (Buffer.byteLength(text, 'utf8') > DEPLOYMENT_YAML_MAX_BYTES) {
    return failed([{ severity: 'error', kind: 'invalid', path: [], where: '(document)', line: null, message: `The spec is larger than ${formatBytes(DEPLOYMENT_YAML_MAX_BYTES)}.` }]);
  }
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return failed(doc.errors.map((e) => ({
      severity: 'error', kind: 'invalid', path: [], where: '(document)', line: lines.linePos(e.pos[0]).line,
      message: `Not valid YAML: ${e.message.split('\n')[0] ?? e.code}`,
    })));
  }
  const locate = (p: YamlProblem): LocatedProblem => ({ ...p, where: pathText(p.path), line: lineOf(doc, lines, p.path) });
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  // 3.10 as a YAML number is 3.1: the version is taken as written.
  const version = doc.getIn(['spec', 'runtime', 'spec', 'pythonVersion'], true);
  if (isScalar(version) && typeof version.value === 'number' && version.range) {
    doc.setIn(['spec', 'runtime', 'spec', 'pythonVersion'], text.slice(version.range[0], version.range[1]).trim());
  }
  const early: YamlProblem[] = [];
  placeholders(value, [], early);
  const shape = deploymentSpecSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
  if (!shape.success) return failed([...early, ...zodProblems(shape.error, (p) => p)].map(locate));

  const mapping = specToDetails(shape.data, context);
  const checked = createModelDeploymentDetailsSchema.safeParse(mapping.details);
  const problems = [...early, ...mapping.problems, ...(checked.success ? [] : zodProblems(checked.error, (p) => originOf(mapping.origins, p)))];
  // A placeholder also fails its OCID check: say it once, as the placeholder.
  const placeholderPaths = new Set(early.map((p) => pathText(p.path)));
  // Shared logGroupId/logId feed both log categories: one problem each, not two.
  const seen = new Set<string>();
  const kept = problems.filter((p, i) => {
    const key = `${pathText(p.path)}\n${p.message}`;
    // One error a key: a missing shapeName is "required", not also "unknown shape".
    const errorKey = p.severity === 'error' ? pathText(p.path) : key;
    if (seen.has(key) || seen.has(errorKey)) return false;
    seen.add(key).add(errorKey);
    return i < early.length || !placeholderPaths.has(pathText(p.path)) || p.severity === 'warning';
  });
  return {
    ok: !kept.some((p) => p.severity === 'error'),
    details: checked.success && early.length === 0 ? checked.data : null,
    condaEnvironment: mapping.condaEnvironment,
    problems: kept.map(locate),
  };
}
