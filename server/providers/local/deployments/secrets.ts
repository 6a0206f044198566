import crypto from 'node:crypto';
import type { Db, DbOrTx } from '@/db/client';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { deleteSecretRowsExcept, getSecretRows, insertSecretRow, listSecretRows } from '@/db/queries/secrets';
import { listWorkRequestRowsByStatus, insertWorkRequestLog, insertWorkRequestRow } from '@/db/queries/work-requests';
import type { ModelDeploymentConfigurationDetails } from '@/server/domain/oci-types';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import { SECRET_MASK, SECRET_REF_PREFIX, isSecretName, isSecretRef, redactDeep, redactSecrets, secretRef, secretRefId } from '@/server/domain/secrets';

// Where secret environment variables live in the local provider: their values in
// deployment_secrets, references in the configuration. Sealing happens when a configuration is
// accepted (create, update), unsealing only when a container is started.

type Vars = Record<string, string>;

export interface SealOptions {
  /** Names the user marked secret beyond those the name rule catches. */
  marked?: readonly string[];
  /** The variables as stored now (references included): a masked value keeps its reference. */
  current?: Vars;
  now: string;
}

/** The variables to store: each secret's value moved to its own row, a reference in its place. */
export function sealVariables(db: DbOrTx, modelDeploymentId: string, vars: Vars, options: SealOptions): Vars {
  const marked = new Set(options.marked ?? []);
  const out: Vars = {};
  for (const [name, given] of Object.entries(vars)) {
    const kept = options.current?.[name];
    // A secret stored in the configuration before secrets had a table comes back masked too:
    // its stored value is what the mask stands for, and it moves to the table now.
    const value = given === SECRET_MASK && kept !== undefined && !isSecretRef(kept) && isSecretName(name) ? kept : given;
    // The console showed the mask (or an API client sent back the reference it was given): unchanged.
    if (kept !== undefined && isSecretRef(kept) && (value === SECRET_MASK || value === kept)) {
      out[name] = kept;
      continue;
    }
    if (!isSecretName(name) && !marked.has(name) && !(kept !== undefined && isSecretRef(kept))) {
      out[name] = value;
      continue;
    }
    // A secret, new or with a new value (which stays secret even when its name does not say so).
    const id = crypto.randomBytes(12).toString('hex');
    insertSecretRow(db, { id, modelDeploymentId, name, value, timeCreated: options.now });
    out[name] = secretRef(id);
  }
  return out;
}

/** A configuration with its variables sealed, for create and update. */
export function sealConfiguration(db: DbOrTx, modelDeploymentId: string, config: ModelDeploymentConfigurationDetails, options: SealOptions): ModelDeploymentConfigurationDetails {
  const env = config.environmentConfigurationDetails;
  if (!env?.environmentVariables) return config;
  return { ...config, environmentConfigurationDetails: { ...env, environmentVariables: sealVariables(db, modelDeploymentId, env.environmentVariables, options) } };
}

/** The real values, for the container only. A reference whose row is gone becomes empty. */
export function unsealVariables(db: DbOrTx, vars: Vars): Vars {
  const ids = Object.values(vars).flatMap((v) => secretRefId(v) ?? []);
  const values = new Map(getSecretRows(db, ids).map((r) => [r.id, r.value]));
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, isSecretRef(v) ? (values.get(secretRefId(v) ?? '') ?? '') : v]));
}

export function unsealConfiguration(db: DbOrTx, config: ModelDeploymentConfigurationDetails): ModelDeploymentConfigurationDetails {
  const env = config.environmentConfigurationDetails;
  if (!env?.environmentVariables) return config;
  return { ...config, environmentConfigurationDetails: { ...env, environmentVariables: unsealVariables(db, env.environmentVariables) } };
}

/** Every secret value the deployment has had and may still run with: what logs must never show. */
export const secretValuesOf = (db: DbOrTx, modelDeploymentId: string): string[] => listSecretRows(db, modelDeploymentId).map((r) => r.value);

/** A text (a container's output, an error) with the deployment's secret values masked. */
export const redactFor = (db: DbOrTx, modelDeploymentId: string, text: string): string => redactSecrets(text, secretValuesOf(db, modelDeploymentId));

/** An error (message, excerpt, any string in it) with the deployment's secret values masked. */
export const redactErrorFor = <E extends object>(db: DbOrTx, modelDeploymentId: string, error: E): E => redactDeep(error, secretValuesOf(db, modelDeploymentId));

/**
 * Drops the secret rows nothing refers to any more: not the stored configuration, and not work
 * still queued or running for the deployment (an update carries its new configuration).
 */
export function pruneSecrets(db: Db, modelDeploymentId: string): number {
  const row = getModelDeploymentRow(db, modelDeploymentId);
  const referenced = [JSON.stringify(row?.lifecycleState === 'DELETED' ? {} : (row?.modelDeploymentConfigurationDetails ?? {}))];
  for (const wr of listWorkRequestRowsByStatus(db, ['ACCEPTED', 'IN_PROGRESS'])) if (wr.resourceId === modelDeploymentId) referenced.push(JSON.stringify(wr.payload));
  const keep = [...referenced.join('\n').matchAll(new RegExp(`${SECRET_REF_PREFIX}([0-9a-f]+)`, 'g'))].map((m) => m[1] ?? '');
  return deleteSecretRowsExcept(db, modelDeploymentId, keep);
}

export interface RevealDeps {
  db: Db;
  region: string;
  userId: string;
  now: () => Date;
}

/**
 * The value of one secret variable, and a record that it was read: a SUCCEEDED work request on
 * the deployment saying who revealed which variable (not the value), in its history.
 */
export function revealSecret(deps: RevealDeps, modelDeploymentId: string, name: string): Result<{ name: string; value: string; workRequestId: string }, DomainError> {
  const md = getModelDeploymentRow(deps.db, modelDeploymentId);
  if (!md || md.lifecycleState === 'DELETED') return err(notFound('Model deployment', modelDeploymentId));
  const stored = md.modelDeploymentConfigurationDetails.environmentConfigurationDetails?.environmentVariables ?? {};
  const ref = Object.hasOwn(stored, name) ? stored[name] : undefined;
  if (ref === undefined) return err(domainError('InvalidParameter', `The deployment has no environment variable ${name}.`, { name: 'No such variable' }));
  // A secret by its name stored before secrets had their own table is masked all the same.
  if (!isSecretRef(ref) && !isSecretName(name)) return err(domainError('InvalidParameter', `${name} is not a secret; its value is shown as it is.`, { name: 'Not a secret' }));
  const value = isSecretRef(ref) ? getSecretRows(deps.db, [secretRefId(ref) ?? ''])[0]?.value : ref;
  if (value === undefined) return err(domainError('NotAuthorizedOrNotFound', `The value of ${name} is missing from the secret store; set it again.`));
  const time = deps.now().toISOString();
  const id = generateOcid('datascienceworkrequest', { region: deps.region });
  deps.db.transaction((tx) => {
    insertWorkRequestRow(tx, {
      id,
      operationType: 'MODEL_DEPLOYMENT_SECRET_REVEAL',
      status: 'SUCCEEDED',
      compartmentId: md.compartmentId,
      percentComplete: 100,
      resources: [{ actionType: 'RELATED', entityType: 'model-deployment', identifier: md.id, entityUri: `/modelDeployments/${md.id}` }],
      timeAccepted: time,
      timeStarted: time,
      timeFinished: time,
      resourceId: md.id,
      payload: { variable: name },
    });
    insertWorkRequestLog(tx, id, `The value of secret environment variable ${name} was revealed in the console by ${deps.userId}.`, time);
  });
  return ok({ name, value, workRequestId: id });
}
