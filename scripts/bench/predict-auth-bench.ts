import type { IncomingMessage } from 'node:http';
import * as common from 'oci-common';
import { createPredictAuthenticator } from '@/server/gateway/predict-auth';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { addApiKey } from '@/tests/support/oci-sdk';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@/server/config';
import { createAppContext } from '@/server/services/context';

// A benchmark that prints figures; it is not a test and asserts nothing.
//   node node_modules/tsx/dist/cli.mjs scripts/bench/predict-auth-bench.ts
// The gateway's cost of a signed predict request: the authenticator over requests the SDK's own
// signer signed (the client's cost is left out), with the keys cached as in the gateway. Compare
// with the gateway's CPU per request from gateway-bench (56-115 µs on the CI machine kind).

const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-auth-'));
  const c = createAppContext(loadConfig({ BERTH_DATA_DIR: dir, BERTH_REGION: 'bench' }));
  const md = (await createEchoDeployment(c)).md.id;
  const key = addApiKey(c.db, c.installation.userId);
  const auth = new common.SimpleAuthenticationDetailsProvider(c.installation.tenancyId, c.installation.userId, key.fingerprint, key.privateKeyPem, null, common.Region.US_ASHBURN_1);
  const signer = new common.DefaultRequestSigner(auth);
  // About 1 KB of JSON, as gateway-bench sends.
  const body = JSON.stringify({ data: Array.from({ length: 20 }, (_, i) => Array.from({ length: 8 }, (_, j) => i * 8 + j + 0.25)) });
  const bytes = Buffer.from(body);
  const requests: IncomingMessage[] = [];
  const bodies: Buffer[] = [];
  for (let i = 0; i < N; i++) {
    // Each request its own body, so each is a signature to verify (no two alike).
    const own = body.replace('0.25', String(i + 0.25));
    const bytes = Buffer.from(own);
    bodies.push(bytes);
    const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(bytes.length), 'opc-request-id': `bench-${i}` });
    const r: common.HttpRequest = { method: 'POST', uri: `http://127.0.0.1:3080/${md}/predict`, headers, body: own };
    await signer.signHttpRequest(r);
    requests.push({ method: 'POST', url: `/${md}/predict`, headers: Object.fromEntries([...r.headers.entries(), ['host', '127.0.0.1:3080']]) } as unknown as IncomingMessage);
  }
  const authenticate = createPredictAuthenticator({ db: c.db, tenancyId: c.installation.tenancyId, mode: 'signed', consoleToken: 'bench' });
  const perCall: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = process.cpuUsage();
    // A fresh authenticator a round: nothing verified yet, the keys read once.
    const fresh = createPredictAuthenticator({ db: c.db, tenancyId: c.installation.tenancyId, mode: 'signed', consoleToken: 'bench' });
    requests.forEach((req, i) => {
      if (fresh(req, bodies[i] as Buffer, md) !== null) throw new Error('a signed request was refused');
    });
    const used = process.cpuUsage(t0);
    perCall.push((used.user + used.system) / N);
  }
  perCall.sort((a, b) => a - b);
  const median = perCall[Math.floor(perCall.length / 2)] ?? NaN;
  console.log(`signed predict check: ${median.toFixed(1)} µs CPU per request (median of ${ROUNDS} rounds of ${N}; min ${perCall[0]?.toFixed(1)}, max ${perCall.at(-1)?.toFixed(1)})`);
  const unsigned = createPredictAuthenticator({ db: c.db, tenancyId: c.installation.tenancyId, mode: 'open', consoleToken: 'bench' });
  // The same signed request again (one body many times within a second): the verified cache.
  const repeated = requests[0] as IncomingMessage;
  const first = bodies[0] as Buffer;
  authenticate(repeated, first, md);
  const t2 = process.cpuUsage();
  for (let i = 0; i < N * 10; i++) authenticate(repeated, first, md);
  const r = process.cpuUsage(t2);
  console.log(`the same signed request again (verified cache): ${((r.user + r.system) / (N * 10)).toFixed(2)} µs CPU per request`);
  const plain = { method: 'POST', url: `/${md}/predict`, headers: { 'content-type': 'application/json' } } as unknown as IncomingMessage;
  const t1 = process.cpuUsage();
  for (let i = 0; i < N * 10; i++) unsigned(plain, bytes, md);
  const u = process.cpuUsage(t1);
  console.log(`open mode, unsigned request: ${((u.user + u.system) / (N * 10)).toFixed(2)} µs CPU per request`);
  c.db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
