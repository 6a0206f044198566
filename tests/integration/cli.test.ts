import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '@/server/config';
import { createAppContext } from '@/server/services/context';
import { addApiKey, newApiKeyPair } from '@/tests/support/oci-sdk';
import { zipStream } from '@/tests/support/provider-fixtures';
import { startConsoleWithProject, stopConsole, type ConsoleProcess } from './console';
import { docker } from './support';

// `npx berth` as a CI job runs it: the bin shim in a child process, a ~/.oci/config profile in a
// throwaway HOME, the endpoint from BERTH_ENDPOINT, against the console as `npm start` serves it.
// One model and one deployment go through upload, create --wait, list, get, predict, update and
// delete; the failures a script branches on (a bad spec, not found, a refused key) by exit code.

const PORT = 6100;
const GATEWAY_PORT = 6101;
const BIN = path.join(PROJECT_ROOT, 'cli', 'bin.mjs');

// Answers with the environment's GREETING, so an update of the variables is seen in a prediction.
const SCORE_PY = 'import os\n\ndef predict(data, model=None):\n    return {"greeting": os.environ.get("GREETING"), "echo": data}\n';
const RUNTIME_YAML = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';

const spec = (greeting: string) => `kind: deployment
spec:
  infrastructure:
    kind: infrastructure
    type: modelDeployment
    spec:
      shapeName: VM.Standard.E4.Flex
      shapeConfigDetails:
        ocpus: 1
        memoryInGBs: 6
      replica: 1
      bandwidthMbps: 10
  runtime:
    kind: runtime
    type: conda
    spec:
      env:
        GREETING: ${greeting}
`;

let consoleProcess: ConsoleProcess | undefined;
let work: string;
let tenancyId: string;
let compartmentId: string;
let projectId: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function berth(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: work,
      // Nothing of the runner's environment but PATH: no OCI_* or BERTH_* setting leaks in.
      env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', HOME: work, BERTH_ENDPOINT: consoleProcess?.url ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = <T>(r: Run): T => JSON.parse(r.stdout) as T;
const said = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

async function writeZip(file: string, files: Record<string, string>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of zipStream(files)) chunks.push(c as Buffer);
  fs.writeFileSync(file, Buffer.concat(chunks));
}

beforeAll(async () => {
  const started = await startConsoleWithProject('cli project', { port: PORT, gatewayPort: GATEWAY_PORT });
  consoleProcess = started.console;
  ({ compartmentId, projectId } = started);
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: consoleProcess.dataDir, BERTH_REGION: 'it' }));
  tenancyId = ctx.installation.tenancyId;
  const userId = ctx.installation.userId;
  const key = addApiKey(ctx.db, userId);
  ctx.db.$client.close();

  work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-it-cli-'));
  fs.mkdirSync(path.join(work, '.oci'));
  fs.writeFileSync(path.join(work, '.oci', 'berth_api_key.pem'), key.privateKeyPem, { mode: 0o600 });
  // The profile as the API keys page shows it, and one whose key the console never saw.
  const stranger = newApiKeyPair();
  fs.writeFileSync(path.join(work, '.oci', 'stranger.pem'), stranger.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(
    path.join(work, '.oci', 'config'),
    [
      '[DEFAULT]', `user=${userId}`, `fingerprint=${key.fingerprint}`, `tenancy=${tenancyId}`, 'region=it', 'key_file=~/.oci/berth_api_key.pem', '',
      '[STRANGER]', `user=${userId}`, `fingerprint=${stranger.fingerprint}`, `tenancy=${tenancyId}`, 'region=it', 'key_file=~/.oci/stranger.pem', '',
    ].join('\n'),
  );
  await writeZip(path.join(work, 'model.zip'), { 'score.py': SCORE_PY, 'runtime.yaml': RUNTIME_YAML });
  fs.writeFileSync(path.join(work, 'spec.yaml'), spec('hello'));
  fs.writeFileSync(path.join(work, 'in.json'), '{"x": [1, 2]}');
});

afterAll(async () => {
  if (tenancyId) {
    const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${tenancyId}`] } });
    for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  await stopConsole(consoleProcess);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('npx berth against a running console', () => {
  it('uploads a model and runs a deployment of it through its life, each step a command', async () => {
    const upload = await berth(['models', 'upload', '--name', 'greeter', '--artifact', 'model.zip', '--compartment-id', compartmentId, '--wait']);
    expect(upload.code, said(upload)).toBe(0);
    const model = json<{ id: string; projectId: string; lifecycleState: string }>(upload);
    // The compartment's only ACTIVE project, found without --project-id.
    expect([model.projectId, model.lifecycleState]).toEqual([projectId, 'ACTIVE']);

    // A bad spec: exit 2 with the YAML path and line, and nothing created.
    fs.writeFileSync(path.join(work, 'bad.yaml'), spec('hello').replace('      env:', '      serverPrt: 5001\n      env:'));
    const bad = await berth(['deployments', 'create', '--name', 'greeter-md', '-m', 'greeter', '--compartment-id', compartmentId, '--config', 'deploy-config-file=bad.yaml']);
    expect(bad.code, said(bad)).toBe(2);
    expect(bad.stderr).toContain('bad.yaml:17: spec.runtime.spec.serverPrt: Unknown key "serverPrt" in spec.runtime.spec.');
    expect(bad.stderr).toContain('nothing was sent');

    // Create by the model's display name, following the work request to the end.
    const created = await berth(['deployments', 'create', '--name', 'greeter-md', '-m', 'greeter', '--compartment-id', compartmentId, '--config', 'deploy-config-file=spec.yaml', '--wait']);
    expect(created.code, said(created)).toBe(0);
    const md = json<{ id: string; lifecycleState: string; projectId: string; modelDeploymentConfigurationDetails: { modelConfigurationDetails: { modelId: string } } }>(created);
    expect([md.lifecycleState, md.projectId, md.modelDeploymentConfigurationDetails.modelConfigurationDetails.modelId]).toEqual(['ACTIVE', projectId, model.id]);
    expect(created.stderr).toMatch(/MODEL_DEPLOYMENT_CREATE ocid1\.datascienceworkrequest\.\S+: SUCCEEDED 100%/);

    const listed = await berth(['deployments', 'list', '--compartment-id', compartmentId, '--output', 'json']);
    expect(listed.code, said(listed)).toBe(0);
    expect(json<{ id: string }[]>(listed).map((d) => d.id)).toEqual([md.id]);
    const table = await berth(['deployments', 'list', '--compartment-id', compartmentId, '--state', 'active']);
    expect(table.stdout.split('\n')[1]).toMatch(new RegExp(`^${md.id.replaceAll('.', '\\.')}\\s+greeter-md\\s+ACTIVE\\s+\\d{4}-`));

    const got = await berth(['deployments', 'get', 'greeter-md', '--compartment-id', compartmentId]);
    expect([got.code, json<{ id: string }>(got).id]).toEqual([0, md.id]);

    const predicted = await berth(['deployments', 'predict', md.id, '--input-path', 'in.json']);
    expect(predicted.code, said(predicted)).toBe(0);
    expect(json(predicted)).toEqual({ greeting: 'hello', echo: { x: [1, 2] } });

    // The edited spec: only the variable changes, and the new instance answers with it.
    fs.writeFileSync(path.join(work, 'spec.yaml'), spec('bonjour'));
    const updated = await berth(['deployments', 'update', md.id, '--config', 'deploy-config-file=spec.yaml', '--wait']);
    expect(updated.code, said(updated)).toBe(0);
    expect(updated.stderr).toContain('modelDeploymentConfigurationDetails; work request');
    expect(updated.stderr).toMatch(/MODEL_DEPLOYMENT_UPDATE \S+: SUCCEEDED 100%/);
    const again = await berth(['deployments', 'predict', md.id, '--input-path', 'in.json', '--output-path', 'out.json']);
    expect(again.code, said(again)).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(work, 'out.json'), 'utf8'))).toEqual({ greeting: 'bonjour', echo: { x: [1, 2] } });
    const unchanged = await berth(['deployments', 'update', md.id, '--config', 'deploy-config-file=spec.yaml']);
    expect([unchanged.code, unchanged.stderr]).toEqual([0, expect.stringContaining('nothing to update')]);

    const deleted = await berth(['deployments', 'delete', md.id, '--wait']);
    expect(deleted.code, said(deleted)).toBe(0);
    expect(json<{ status: string }>(deleted).status).toBe('SUCCEEDED');
    const gone = await berth(['deployments', 'get', md.id]);
    expect(json<{ lifecycleState: string }>(gone).lifecycleState).toBe('DELETED');
  });

  it('answers exit 3 for a name nothing has and exit 4 for a key the console does not know, with OCI\'s code', async () => {
    const missing = await berth(['deployments', 'get', 'no-such-deployment', '--compartment-id', compartmentId]);
    expect([missing.code, missing.stderr]).toEqual([3, expect.stringContaining(`No model deployment named "no-such-deployment" in compartment ${compartmentId}.`)]);
    const stranger = await berth(['deployments', 'list', '--profile', 'STRANGER', '--compartment-id', compartmentId]);
    expect(stranger.code, said(stranger)).toBe(4);
    expect(stranger.stderr).toMatch(/401 NotAuthenticated: .+\n\s+opc-request-id: \S+/);
    // Said once, by the CLI: not again by the SDK's retrier.
    expect(stranger.stderr).not.toContain('Not Retrying');
    const noProfile = await berth(['deployments', 'list', '--profile', 'NOPE']);
    expect([noProfile.code, noProfile.stderr]).toEqual([4, expect.stringContaining('The profile [NOPE] cannot be read')]);
  });
});
