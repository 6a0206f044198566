import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from '../args';
import type { Session } from '../client';
import { CliError, EXIT, toCliError } from '../errors';
import { printJson, type CliIo } from '../output';
import { resolveProjectId } from '../resolve';

// berth models upload: a model in the catalog and its artifact, as the SDK makes them (createModel,
// then createModelArtifact streaming the zip). An artifact that is refused takes its new model
// with it, so a failed upload leaves nothing behind.

type UploadCommand = Extract<Command, { kind: 'models upload' }>;

function artifactSize(file: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new CliError(`The artifact ${file} does not exist.`, EXIT.usage);
  }
  if (!stat.isFile()) throw new CliError(`The artifact ${file} is not a file.`, EXIT.usage);
  return stat.size;
}

export async function uploadModel(cmd: UploadCommand, open: () => Session, io: CliIo): Promise<void> {
  const size = artifactSize(cmd.artifact);
  const s = open();
  const compartmentId = cmd.common.compartmentId ?? s.tenancyId;
  const projectId = cmd.common.projectId ?? (await resolveProjectId(s.client, compartmentId, io.err));
  const { model } = await s.client.createModel({ createModelDetails: { compartmentId, projectId, displayName: cmd.name }, opcRetryToken: crypto.randomUUID() });
  io.err(`Created model ${model.displayName} (${model.id}); uploading ${path.basename(cmd.artifact)} (${size} bytes).`);
  try {
    await s.client.createModelArtifact({
      modelId: model.id,
      modelArtifact: fs.createReadStream(cmd.artifact),
      contentLength: size,
      contentDisposition: `attachment; filename=${JSON.stringify(path.basename(cmd.artifact))}`,
    });
  } catch (e) {
    const failure = toCliError(e, 'CreateModelArtifact', s.endpoint);
    const removed = await s.client.deleteModel({ modelId: model.id }).then(
      () => `The model ${model.id} made for it was deleted.`,
      (cause: unknown) => `The model ${model.id} made for it is left without an artifact: ${toCliError(cause, 'DeleteModel', s.endpoint).message}`,
    );
    throw new CliError(failure.message, failure.exitCode, [...failure.details, removed]);
  }
  const deadline = Date.now() + cmd.common.maxWaitSeconds * 1000;
  for (;;) {
    const { model: now } = await s.client.getModel({ modelId: model.id });
    const state = String(now.lifecycleState);
    if (!cmd.wait || state === 'ACTIVE') return printJson(io, now);
    if (state === 'FAILED' || state === 'DELETED') throw new CliError(`Model ${model.id} is ${state}.`, EXIT.failed);
    if (Date.now() >= deadline) throw new CliError(`Model ${model.id} is still ${state} after ${cmd.common.maxWaitSeconds} s.`, EXIT.failed);
    io.err(`Model ${model.id}: ${state}`);
    await delay(1000);
  }
}
