import crypto from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { models } from 'oci-datascience';
import type { SpecContext } from '@/server/domain/deployment-spec';
import type { CreateModelDeploymentDetails, ModelDeployment, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { USAGE, type Command } from '../args';
import type { Session } from '../client';
import { CliError, EXIT, UsageError } from '../errors';
import { deploymentTable, printJson, type CliIo } from '../output';
import { resolveDeploymentId, resolveModelId, resolveProjectId } from '../resolve';
import { checkSpec, contextFor, precheckSpec, readSpecFile, specReferences, updateFromSpec } from '../spec';
import { followWorkRequest } from '../wait';

// berth deployments create|update|get|delete|list: the SDK's calls, with names resolved, the spec
// checked before anything is sent, and --wait following the work request.

type Of<K extends Command['kind']> = Extract<Command, { kind: K }>;

// The SDK's model types and the console's are the same JSON (both follow the API's field names).
const toSdkCreate = (d: CreateModelDeploymentDetails) => d as unknown as models.CreateModelDeploymentDetails;
const toSdkUpdate = (d: UpdateModelDeploymentDetails) => d as unknown as models.UpdateModelDeploymentDetails;
const fromSdk = (md: models.ModelDeployment) => md as unknown as ModelDeployment;

const compartmentOf = (cmd: { common: { compartmentId?: string } }, s: Session, fromSpec?: string) => cmd.common.compartmentId ?? fromSpec ?? s.tenancyId;

async function finish(s: Session, io: CliIo, id: string, workRequestId: string, wait: boolean, maxWaitSeconds: number): Promise<void> {
  if (wait) await followWorkRequest(s.client, workRequestId, { maxWaitSeconds, say: io.err });
  const { modelDeployment } = await s.client.getModelDeployment({ modelDeploymentId: id });
  printJson(io, modelDeployment);
}

export async function createDeployment(cmd: Of<'deployments create'>, open: () => Session, io: CliIo): Promise<void> {
  const spec = readSpecFile(cmd.specFile);
  const refs = specReferences(spec.text);
  if (!cmd.model && refs.modelUri === undefined) throw new UsageError('-m MODEL is required (or spec.runtime.spec.modelUri in the spec): a model OCID or display name.', USAGE[cmd.kind]);
  const given: SpecContext = {
    displayName: cmd.name,
    ...(cmd.common.projectId ? { projectId: cmd.common.projectId } : {}),
    ...(cmd.common.compartmentId ? { compartmentId: cmd.common.compartmentId } : {}),
  };
  const pending: (keyof SpecContext)[] = [];
  if (refs.projectId === undefined && !cmd.common.projectId) pending.push('projectId');
  if (refs.compartmentId === undefined && !cmd.common.compartmentId) pending.push('compartmentId');
  if (cmd.model) pending.push('modelId');
  precheckSpec(spec, contextFor(refs, given), pending);

  const s = open();
  const compartmentId = compartmentOf(cmd, s, refs.compartmentId);
  const projectId = refs.projectId ?? cmd.common.projectId ?? (await resolveProjectId(s.client, compartmentId, io.err));
  const modelId = cmd.model ? await resolveModelId(s.client, cmd.model, compartmentId, projectId) : undefined;
  const { details, warnings } = checkSpec(spec, contextFor(refs, { ...given, compartmentId, projectId, ...(modelId ? { modelId } : {}) }));
  warnings.forEach(io.err);
  const created = await s.client.createModelDeployment({ createModelDeploymentDetails: toSdkCreate(details), opcRetryToken: crypto.randomUUID() });
  const id = created.modelDeployment.id;
  io.err(`Creating model deployment ${created.modelDeployment.displayName} (${id}), work request ${created.opcWorkRequestId}.`);
  await finish(s, io, id, created.opcWorkRequestId, cmd.wait, cmd.common.maxWaitSeconds);
}

export async function updateDeployment(cmd: Of<'deployments update'>, open: () => Session, io: CliIo): Promise<void> {
  const spec = readSpecFile(cmd.specFile);
  const refs = specReferences(spec.text);
  // The deployment supplies what the spec leaves out; only the spec's own errors count before it is read.
  precheckSpec(spec, contextFor(refs, {}), ['projectId', 'compartmentId', 'modelId']);

  const s = open();
  const id = await resolveDeploymentId(s.client, cmd.target, compartmentOf(cmd, s, refs.compartmentId));
  const got = await s.client.getModelDeployment({ modelDeploymentId: id });
  const current = fromSdk(got.modelDeployment);
  const currentModelId = current.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId;
  const modelId = cmd.model ? await resolveModelId(s.client, cmd.model, current.compartmentId, current.projectId) : refs.modelUri === undefined ? currentModelId : undefined;
  const context = contextFor(refs, { projectId: current.projectId, compartmentId: current.compartmentId, ...(modelId ? { modelId } : {}) });
  const { details, warnings } = checkSpec(spec, context);
  warnings.forEach(io.err);
  const request = updateFromSpec(current, details, spec.path);
  if (Object.keys(request).length === 0) {
    io.err(`Model deployment ${current.displayName} (${id}) already matches ${spec.path}: nothing to update.`);
    printJson(io, got.modelDeployment);
    return;
  }
  const updated = await s.client.updateModelDeployment({ modelDeploymentId: id, ifMatch: got.etag, updateModelDeploymentDetails: toSdkUpdate(request) });
  io.err(`Updating model deployment ${current.displayName} (${id}): ${Object.keys(request).join(', ')}; work request ${updated.opcWorkRequestId}.`);
  await finish(s, io, id, updated.opcWorkRequestId, cmd.wait, cmd.common.maxWaitSeconds);
}

const TRANSITIONAL = new Set(['CREATING', 'UPDATING', 'DELETING']);

export async function getDeployment(cmd: Of<'deployments get'>, open: () => Session, io: CliIo): Promise<void> {
  const s = open();
  const id = await resolveDeploymentId(s.client, cmd.target, compartmentOf(cmd, s));
  const deadline = Date.now() + cmd.common.maxWaitSeconds * 1000;
  let last = '';
  for (;;) {
    const { modelDeployment } = await s.client.getModelDeployment({ modelDeploymentId: id });
    const state = String(modelDeployment.lifecycleState);
    if (!cmd.wait || !TRANSITIONAL.has(state)) return printJson(io, modelDeployment);
    if (state !== last) io.err(`${modelDeployment.displayName} (${id}): ${state}`);
    last = state;
    if (Date.now() >= deadline) throw new CliError(`Model deployment ${id} is still ${state} after ${cmd.common.maxWaitSeconds} s.`, EXIT.failed);
    await delay(1000);
  }
}

export async function deleteDeployment(cmd: Of<'deployments delete'>, open: () => Session, io: CliIo): Promise<void> {
  const s = open();
  const id = await resolveDeploymentId(s.client, cmd.target, compartmentOf(cmd, s));
  const deleted = await s.client.deleteModelDeployment({ modelDeploymentId: id });
  io.err(`Deleting model deployment ${id}, work request ${deleted.opcWorkRequestId}.`);
  const status = cmd.wait ? (await followWorkRequest(s.client, deleted.opcWorkRequestId, { maxWaitSeconds: cmd.common.maxWaitSeconds, say: io.err })).status : 'ACCEPTED';
  printJson(io, { id, opcWorkRequestId: deleted.opcWorkRequestId, status });
}

export async function listDeployments(cmd: Of<'deployments list'>, open: () => Session, io: CliIo): Promise<void> {
  const s = open();
  const compartmentId = compartmentOf(cmd, s);
  const items: models.ModelDeploymentSummary[] = [];
  let page: string | undefined;
  do {
    // OCI takes one filter besides the compartment: the state is asked for, the project checked here.
    const r = await s.client.listModelDeployments({ compartmentId, ...(cmd.state ? { lifecycleState: cmd.state as models.ModelDeploymentLifecycleState } : {}), ...(page ? { page } : {}) });
    items.push(...r.items.filter((d) => !cmd.common.projectId || d.projectId === cmd.common.projectId));
    page = r.opcNextPage;
  } while (page);
  if (cmd.output === 'json') printJson(io, items);
  else io.out(deploymentTable(items));
}
