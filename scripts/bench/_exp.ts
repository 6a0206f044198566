import fs from 'node:fs';
import { loadConfig } from '@/server/config';
import { createAppContext } from '@/server/services/context';
import { seedDeployments } from './scale-seed';
async function main() {
  const dataDir = '/tmp/berth-scale-exp';
  const fresh = !fs.existsSync(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'bench', BERTH_LOAD_CHECK_S: '0' }));
  if (fresh) seedDeployments(ctx.db, { compartmentId: ctx.installation.defaultCompartmentId, createdBy: 'u', deployments: 100000 });
  const c = ctx.installation.defaultCompartmentId;
  const qs = (process.argv[2] ?? '').split(';;');
  for (const q of qs) {
    if (q.startsWith("create")) { ctx.db.$client.exec(q); continue; }
    const st = ctx.db.$client.prepare(q);
    const a = performance.now(); let n = 0;
    for (let i = 0; i < 5; i++) n = st.all(...(q.includes("?1") ? [c] : [c])).length;
    console.log(((performance.now() - a) / 5).toFixed(1), 'ms', n, 'rows', JSON.stringify(ctx.db.$client.prepare('explain query plan ' + q).all(c).map((r) => (r as { detail: string }).detail)), q.slice(0, 80));
  }
}
void main();
