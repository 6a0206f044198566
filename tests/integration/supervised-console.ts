import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { loadConfig } from '@/server/config';
import type { CreateModelDeploymentDetails, ModelDeployment } from '@/server/domain/oci-types';
import type { GatewaySupervisor } from '@/server/gateway/supervisor';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { createAppContext, type AppContext } from '@/server/services/context';
import { createGatewaySupervision } from '@/server/services/gateway-supervision';
import { buildImage, docker } from './support';

// A console as `npm start` runs it: the gateway in its own process, started and watched by the
// console's supervisor (not in the test's process, so it can be killed like a real one).

// A custom container that answers with its hostname and stops at once on SIGTERM, so an engine
// restart does not wait out Docker's 10 s stop timeout for it.
const SERVER = `
import json, os, signal, socket, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
class H(BaseHTTPRequestHandler):
    def _send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code); self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self):
        self._send(200, {"status": "ok"})
    def do_POST(self):
        n = int(self.headers.get("content-length") or 0); self.rfile.read(n)
        self._send(200, {"host": socket.gethostname(), "secret": os.environ.get("DB_PASSWORD")})
    def log_message(self, *a): pass
print("serving; DB_PASSWORD is " + str(os.environ.get("DB_PASSWORD")), flush=True)
ThreadingHTTPServer(("0.0.0.0", 9000), H).serve_forever()
`;

export interface SupervisedConsole {
  ctx: AppContext;
  supervision: GatewaySupervisor;
  gatewayUrl: string;
  /** What the supervisor logged, each with the deployment's state at that moment (if one is watched). */
  lines: { line: string; state: string | null }[];
  watch(deploymentId: string): void;
  image: string;
  deploy(instanceCount: number, env?: Record<string, string>): Promise<ModelDeployment>;
  dispose(): Promise<void>;
}

export async function startSupervisedConsole(gatewayPort: number): Promise<SupervisedConsole> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-it-sup-'));
  const env = { BERTH_DATA_DIR: dataDir, BERTH_REGION: 'it', BERTH_GATEWAY_PORT: String(gatewayPort), BERTH_RECONCILE_INTERVAL_MS: '0', BERTH_STARTUP_TIMEOUT_S: '120' };
  const config = loadConfig(env);
  const ctx = createAppContext(config);
  ctx.runner.start();
  const lines: SupervisedConsole['lines'] = [];
  let watched: string | null = null;
  const supervision = createGatewaySupervision(ctx, {
    env: { BERTH_HEALTH_INTERVAL_MS: '300' },
    log: (line) => lines.push({ line, state: watched ? (getModelDeploymentRow(ctx.db, watched)?.lifecycleState ?? null) : null }),
  });
  await supervision.checkOnce(); // nothing answers yet: this starts the gateway
  supervision.start();

  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images are missing; run the setup first');
  const image = `berth-it-supervised:${Date.now()}`;
  await buildImage(image, {
    Dockerfile: `FROM ${minimal.data.tag}\nCOPY server.py /opt/app/server.py\nENTRYPOINT ["python3", "/opt/app/server.py"]\n`,
    'server.py': SERVER,
  });
  const project = await ctx.provider.createProject({ compartmentId: ctx.installation.defaultCompartmentId, displayName: 'supervised' });
  if (!project.ok) throw new Error(project.error.message);
  const model = await ctx.provider.createModel({ compartmentId: ctx.installation.defaultCompartmentId, projectId: project.data.id, displayName: 'byoc' });
  if (!model.ok) throw new Error(model.error.message);

  return {
    ctx,
    supervision,
    gatewayUrl: config.gatewayUrl,
    lines,
    image,
    watch: (id) => (watched = id),
    async deploy(instanceCount, extraEnv = {}) {
      const details: CreateModelDeploymentDetails = {
        projectId: project.data.id,
        compartmentId: ctx.installation.defaultCompartmentId,
        displayName: 'supervised',
        modelDeploymentConfigurationDetails: {
          deploymentType: 'SINGLE_MODEL',
          modelConfigurationDetails: {
            modelId: model.data.id,
            instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
            scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount },
            bandwidthMbps: 10,
          },
          environmentConfigurationDetails: {
            environmentConfigurationType: 'OCIR_CONTAINER',
            image,
            serverPort: 9000,
            healthCheckPort: 9000,
            environmentVariables: { MODEL_DEPLOY_HEALTH_ENDPOINT: '/ready', ...extraEnv },
          },
        },
      };
      const created = await ctx.provider.createModelDeployment(details);
      if (!created.ok) throw new Error(created.error.message);
      await ctx.runner.idle();
      const md = await ctx.provider.getModelDeployment(created.data.resource.id);
      if (!md.ok || md.data.lifecycleState !== 'ACTIVE') throw new Error(`deployment is not ACTIVE: ${md.ok ? md.data.lifecycleDetails : md.error.message}`);
      return md.data;
    },
    async dispose() {
      ctx.reconciler.stop();
      await supervision.stop();
      await ctx.runner.idle();
      const pid = supervision.state().pid;
      if (pid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      const mine = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true', `berth.installation=${ctx.installation.tenancyId}`] } });
      for (const c of mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
      await docker.getImage(image).remove({ force: true }).catch(() => undefined);
      ctx.db.$client.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a condition (a real observation each time) until it holds; the pause only spaces the looks. */
export async function until<T>(what: string, look: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await look();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
