import { loadConfig, type BerthConfig } from '@/server/config';
import type { Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { readInstallation, type Installation } from '@/db/seed';
import { createWorkRequestRunner, type WorkRequestRunner } from '@/server/jobs/runner';
import { createLocalJobHandlers, createLocalProvider, createLocalRuntime, type LocalRuntime } from '@/server/providers/local';
import type { DataScienceProvider } from '@/server/providers/types';
import { createProjectsService, type ProjectsService } from './projects';
import { createReconciler, type Reconciler } from '@/server/providers/local/deployments/reconciler';
import { createScaler, type Scaler } from '@/server/providers/local/deployments/scaler';

export interface AppContext {
  config: BerthConfig;
  db: Db;
  runner: WorkRequestRunner;
  provider: DataScienceProvider;
  installation: Installation;
  projects: ProjectsService;
  local: LocalRuntime;
  reconciler: Reconciler;
  scaler: Scaler;
}

/** The composition root: one database, one runner, one provider, wired together. */
export function createAppContext(config: BerthConfig, now: () => Date = () => new Date()): AppContext {
  const db = migrateDatabase(config.dbFile, { region: config.region, now });
  const installation = readInstallation(db);
  if (!installation) throw new Error('The database has no installation record after seeding.');
  const local = createLocalRuntime({ db, config, tenancyId: installation.tenancyId, userId: installation.userId, now });
  const runner = createWorkRequestRunner({ db, region: config.region, handlers: createLocalJobHandlers(local), now });
  const provider = createLocalProvider(local, runner);
  const projects = createProjectsService(provider, installation.defaultCompartmentId);
  const reconciler = createReconciler(local, runner);
  const scaler = createScaler(local, runner);
  return { config, db, runner, provider, installation, projects, local, reconciler, scaler };
}

// Next bundles instrumentation, route handlers and server actions separately, so a module-level
// singleton could exist several times in one process; globalThis makes it one.
const KEY = Symbol.for('berth.appContext');
type GlobalWithContext = typeof globalThis & { [KEY]?: AppContext };

export function getAppContext(): AppContext {
  const g = globalThis as GlobalWithContext;
  g[KEY] ??= createAppContext(loadConfig());
  return g[KEY];
}
