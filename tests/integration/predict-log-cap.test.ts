import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { LOG_RECORD_MAX_BYTES, utf8Length } from '@/server/domain/log-cap';
import { BASE_IMAGE } from '@/server/providers/local/docker/base-image';
import { LABELS } from '@/server/providers/local/deployments/containers';
import { createPredictLogFollower } from '@/server/providers/local/telemetry/predict-logs';
import { docker } from './support';

// A real container prints one 9 MB line (a model echoing its input), then a short one. The predict
// log stores a 16 KB record marked as cut, and the line after it whole: Docker splits long lines
// into 16 KB pieces on its side, which must not turn into hundreds of rows either.

const INSTALLATION = `ocid1.tenancy.oc1..aaaaaaaacap${Date.now()}`;
const MD = 'ocid1.datasciencemodeldeployment.oc1.it.aaaaaaaalogcap';
const INSTANCE = 'ocid1.datasciencemodeldeploymentinstance.oc1.it.aaaaaaaacap1';
const LINE_BYTES = 9 * 1024 * 1024;

let dir: string;
let containerId: string;
let db: ReturnType<typeof migrateDatabase>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-it-logcap-'));
  db = migrateDatabase(path.join(dir, 'berth.sqlite'), { region: 'it' });
  const container = await docker.createContainer({
    Image: BASE_IMAGE,
    Cmd: ['sh', '-c', `echo "echo: $(head -c ${LINE_BYTES} /dev/zero | tr '\\0' 'y')"; echo after-the-long-line; sleep 600`],
    Labels: {
      'berth.test': 'true',
      [LABELS.managed]: 'true',
      [LABELS.installation]: INSTALLATION,
      [LABELS.role]: 'instance',
      [LABELS.deployment]: MD,
      [LABELS.instance]: INSTANCE,
    },
    HostConfig: { Memory: 256 * 1024 * 1024 },
  });
  await container.start();
  containerId = container.id;
});

afterAll(async () => {
  await docker.getContainer(containerId).remove({ force: true }).catch(() => undefined);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Row = { message: string; data: string };
const rows = () => db.$client.prepare("SELECT message, data FROM log_records WHERE resource_id = ? AND category = 'predict' ORDER BY id").all(MD) as Row[];

describe('predict log cap', () => {
  it('stores a 9 MB line as one 16 KB record marked as cut, and the next line whole', async () => {
    const follower = createPredictLogFollower({ docker, sqlite: db.$client, installationId: INSTALLATION, flushIntervalMs: 200 });
    follower.start();
    try {
      // Wait on the real signal: the short line after the long one is stored.
      const deadline = Date.now() + 120_000;
      while (!rows().some((r) => r.message === 'after-the-long-line')) {
        if (Date.now() > deadline) throw new Error(`no record after the long line; stored: ${rows().map((r) => r.message.slice(0, 40)).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      follower.stop();
    }
    const stored = rows();
    expect(stored.map((r) => r.message.slice(0, 12))).toEqual(['echo: yyyyyy', 'after-the-lo']);
    const [long] = stored;
    expect(utf8Length(long?.message ?? '')).toBeLessThanOrEqual(LOG_RECORD_MAX_BYTES);
    expect(long?.message).toMatch(/… \[9(\.0)? MB cut: log records are kept up to 16 KB\] …$/);
    const data = JSON.parse(long?.data ?? '{}') as { cutBytes?: number };
    expect(data.cutBytes).toBeGreaterThan(LINE_BYTES - LOG_RECORD_MAX_BYTES);
  });
});
