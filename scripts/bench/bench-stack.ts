import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { PROJECT_ROOT, loadConfig } from '@/server/config';
import type { CreateModelDeploymentDetails, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { LABELS } from '@/server/providers/local/deployments/containers';
import { createAppContext, type AppContext } from '@/server/services/context';
import { zipFolderOf } from '../../tests/integration/support';

// What the update, autoscaling and bandwidth benchmarks run on: a console context (runner,
// rollouts, scaler) over a throwaway data directory, and the real gateway as its own process
// (scripts/gateway.ts, telemetry on, as `npm start` runs it) on a port the caller names. Only the
// tenancy's 150 predict requests per second are lifted (BERTH_PREDICT_RATE_LIMIT=0): the
// benchmarks measure the rollouts and the bandwidth meter, not OCI's service limit.

export const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });
const TSX = path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface BenchStack {
  ctx: AppContext;
  gatewayUrl: string;
  dataDir: string;
  /** A project and a model whose artifact holds these files. */
  newModel(name: string, files: Record<string, string>): Promise<{ compartmentId: string; projectId: string; modelId: string }>;
  /** Creates and waits for the work request; throws unless the deployment is ACTIVE. */
  create(details: CreateModelDeploymentDetails): Promise<{ id: string; url: string }>;
  /** Queues an update; `done` resolves when its work request has finished, rejecting unless it succeeded. */
  update(id: string, details: UpdateModelDeploymentDetails): Promise<{ done: Promise<void> }>;
  dispose(): Promise<void>;
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not within ${timeoutMs} ms`);
}

function startGatewayProcess(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, [TSX, path.join(PROJECT_ROOT, 'scripts/gateway.ts')], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BERTH_DATA_DIR: dataDir, BERTH_GATEWAY_PORT: String(port), BERTH_PREDICT_RATE_LIMIT: '0' },
  });
}

export async function startBenchStack(options: { gatewayPort: number; env?: Record<string, string> }): Promise<BenchStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
  const env = { BERTH_DATA_DIR: dataDir, BERTH_REGION: 'bench', BERTH_GATEWAY_PORT: String(options.gatewayPort), BERTH_RECONCILE_INTERVAL_MS: '0', BERTH_LOAD_CHECK_S: '0', ...options.env };
  const ctx = createAppContext(loadConfig(env));
  ctx.runner.start();
  const gatewayUrl = ctx.config.gatewayUrl;
  const gateway = startGatewayProcess(dataDir, options.gatewayPort);
  let exited = false;
  gateway.once('exit', () => (exited = true));
  let disposed: Promise<void> | null = null;
  const dispose = () => (disposed ??= disposeOnce());
  const disposeOnce = async () => {
    ctx.scaler.stop();
    await ctx.runner.idle();
    // Every container of this installation, whatever state the run left it in.
    const mine = await docker.listContainers({ all: true, filters: { label: [`${LABELS.installation}=${ctx.installation.tenancyId}`] } });
    for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    if (!exited) {
      await new Promise<void>((resolve) => {
        gateway.once('exit', () => resolve());
        gateway.kill('SIGTERM');
      });
    }
    ctx.db.$client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  // A time limit (scripts/bench/all.ts) ends a run with SIGTERM: its containers go with it.
  const onSignal = () => void dispose().finally(() => process.exit(143));
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    await waitUntil('the gateway answering', async () => !exited && (await fetch(`${gatewayUrl}/_berth/health`)).ok, 60_000);
  } catch (e) {
    await dispose();
    throw e;
  }

  const workRequestDone = async (workRequestId: string) => {
    await waitUntil(
      `work request ${workRequestId} finishing`,
      async () => {
        const wr = await ctx.provider.getWorkRequest(workRequestId);
        return wr.ok && wr.data.status !== 'ACCEPTED' && wr.data.status !== 'IN_PROGRESS';
      },
      300_000,
    );
    const wr = await ctx.provider.getWorkRequest(workRequestId);
    if (!wr.ok || wr.data.status !== 'SUCCEEDED') {
      const errors = await ctx.provider.listWorkRequestErrors(workRequestId);
      throw new Error(`work request ${workRequestId} ${wr.ok ? wr.data.status : 'missing'}: ${JSON.stringify(errors.ok ? errors.data : errors.error)}`);
    }
  };

  return {
    ctx,
    gatewayUrl,
    dataDir,
    async newModel(name, files) {
      const compartmentId = ctx.installation.defaultCompartmentId;
      const project = await ctx.provider.createProject({ compartmentId, displayName: name });
      if (!project.ok) throw new Error(project.error.message);
      const model = await ctx.provider.createModel({ compartmentId, projectId: project.data.id, displayName: name });
      if (!model.ok) throw new Error(model.error.message);
      const artifact = await ctx.provider.createModelArtifact(model.data.id, zipFolderOf(files), 'model.zip');
      if (!artifact.ok) throw new Error(artifact.error.message);
      return { compartmentId, projectId: project.data.id, modelId: model.data.id };
    },
    async create(details) {
      const r = await ctx.provider.createModelDeployment(details);
      if (!r.ok) throw new Error(r.error.message);
      await workRequestDone(r.data.workRequestId);
      const md = await ctx.provider.getModelDeployment(r.data.resource.id);
      if (!md.ok || md.data.lifecycleState !== 'ACTIVE') throw new Error(`not ACTIVE: ${md.ok ? md.data.lifecycleDetails : md.error.message}`);
      return { id: md.data.id, url: `${md.data.modelDeploymentUrl}/predict` };
    },
    async update(id, details) {
      const r = await ctx.provider.updateModelDeployment(id, details);
      if (!r.ok) throw new Error(r.error.message);
      return { done: workRequestDone(r.data.workRequestId) };
    },
    dispose,
  };
}
