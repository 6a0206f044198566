import fs from 'node:fs';
import * as common from 'oci-common';
import type { Command } from '../args';
import type { Session } from '../client';
import { CliError, EXIT, ociFailure } from '../errors';
import type { CliIo } from '../output';
import { resolveDeploymentId } from '../resolve';

// berth deployments predict: the input file posted to the deployment's /predict, signed with the
// profile's key by oci-common's own signer, as `oci raw-request` signs it.

type PredictCommand = Extract<Command, { kind: 'deployments predict' }>;

function readInput(path: string): string {
  let body: string;
  try {
    body = fs.readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new CliError(`The input ${path} cannot be read${code === 'ENOENT' ? ': no such file' : `: ${String(code ?? e)}`}.`, EXIT.usage);
  }
  try {
    JSON.parse(body);
  } catch (e) {
    throw new CliError(`The input ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`, EXIT.usage);
  }
  return body;
}

export async function predict(cmd: PredictCommand, open: () => Session, io: CliIo): Promise<void> {
  const body = readInput(cmd.inputPath);
  const s = open();
  const id = await resolveDeploymentId(s.client, cmd.target, cmd.common.compartmentId ?? s.tenancyId);
  const { modelDeployment } = await s.client.getModelDeployment({ modelDeploymentId: id });
  const uri = `${modelDeployment.modelDeploymentUrl.replace(/\/+$/, '')}/predict`;
  const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  const request: common.HttpRequest = { method: 'POST', uri, headers, body };
  await new common.DefaultRequestSigner(s.auth).signHttpRequest(request);
  const response = await fetch(uri, { method: 'POST', headers: request.headers, body });
  const text = await response.text();
  if (!response.ok) {
    let code = response.statusText || 'Error';
    let message = text.trim() || `HTTP ${response.status}`;
    try {
      const parsed = JSON.parse(text) as { code?: unknown; message?: unknown };
      if (typeof parsed.code === 'string') code = parsed.code;
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // Not OCI's error JSON (a model's own answer): the text is the message.
    }
    throw ociFailure('Predict', response.status, code, message, response.headers.get('opc-request-id'));
  }
  if (cmd.outputPath) {
    fs.writeFileSync(cmd.outputPath, text);
    io.err(`Prediction written to ${cmd.outputPath} (${Buffer.byteLength(text)} bytes).`);
  } else {
    io.out(text.endsWith('\n') ? text : `${text}\n`);
  }
}
