import { loadConfig, type BerthConfig } from '@/server/config';
import type { Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { readInstallation, type Installation } from '@/db/seed';
import { createWorkRequestRunner, type WorkRequestRunner } from '@/server/jobs/runner';
import { createLocalJobHandlers, createLocalProvider, createLocalRuntime, type LocalRuntime } from '@/server/providers/local';
import type { DataScienceProvider } from '@/server/providers/types';
import { domainError, err } from '@/server/domain/result';
import { createProjectsService, type ProjectsService } from './projects';
import { createReconciler, type Reconciler } from '@/server/providers/local/deployments/reconciler';
import { createScaler, type Scaler } from '@/server/providers/local/deployments/scaler';
import { createLocalPlatform } from '@/server/providers/local/platform';
import type { LocalPlatform } from '@/server/providers/platform';
import { createAlarmEngine, type AlarmEngine } from './alarms/engine';
import { createIdleGuardEngine, type IdleGuardEngine } from './idle-guard/engine';
import { createRequestPrincipal } from '@/server/auth/request-principal';
import { compartmentParents } from '@/db/queries/users';
import type { Principal } from '@/server/domain/principal';
import { recordAudit } from './identity/audit';
import { authorizedProvider } from './identity/authorized-provider';
import { isOps } from '@/server/domain/access';
import { createProviderContexts, LOCAL_CONTEXT_ID, type ProviderContexts, type SessionContext } from './provider-contexts';
import { sessionProvider } from './session-provider';
import { createUpdatePlansService, type UpdatePlansService } from './update-plans';
import { requestContextId } from '@/server/auth/request-context';

export interface AppContext {
  config: BerthConfig;
  db: Db;
  runner: WorkRequestRunner;
  provider: DataScienceProvider;
  /**
   * The provider unchecked, for work the process does on its own after the request that asked
   * for it has been authorized (update plans, resumed at boot with no one signed in).
   */
  system: DataScienceProvider;
  installation: Installation;
  projects: ProjectsService;
  local: LocalRuntime;
  /** The machine under the local provider, in the services' terms (no Docker client). */
  platform: LocalPlatform;
  /** Multi-group updates run as consecutive steps; one service per context, so per process. */
  updatePlans: UpdatePlansService;
  reconciler: Reconciler;
  scaler: Scaler;
  alarms: AlarmEngine;
  idleGuard: IdleGuardEngine;
  /** The principal of the request in progress; null outside one or without a live session. */
  principal: () => Promise<Principal | null>;
  /** Local and the OCI config file's profiles. */
  contexts: ProviderContexts;
  /** The context the request's session works in (Local outside a request or without a choice). */
  session: () => Promise<SessionContext>;
  /** Where lists open in the session's context when the address names no compartment. */
  defaultCompartment: () => Promise<string>;
}

export interface AppContextOptions {
  /**
   * Where the principal of a request comes from. Given, every provider call is authorized as it;
   * left out (tests, scripts: the person at the machine), the provider is used as is.
   */
  principal?: () => Promise<Principal | null>;
  /** The context id the request's session chose (its cookie); null: Local. */
  contextId?: () => Promise<string | null>;
}

/** The composition root: one database, one runner, one provider, wired together. */
export function createAppContext(config: BerthConfig, now: () => Date = () => new Date(), options: AppContextOptions = {}): AppContext {
  const db = migrateDatabase(config.dbFile, { region: config.region, now });
  const installation = readInstallation(db);
  if (!installation) throw new Error('The database has no installation record after seeding.');
  const local = createLocalRuntime({ db, config, tenancyId: installation.tenancyId, userId: installation.userId, now });
  // Plans are jobs of the runner, and the plans service queues them on it: the handler is looked
  // up when a plan runs, after both exist.
  let updatePlans: UpdatePlansService | undefined;
  const handlers = {
    ...createLocalJobHandlers(local),
    BERTH_UPDATE_PLAN: (job: Parameters<UpdatePlansService['jobHandler']>[0]) => (updatePlans ? updatePlans.jobHandler(job) : Promise.resolve(err(domainError('InternalServerError', 'Update plans are not ready yet.')))),
  };
  const runner = createWorkRequestRunner({ db, region: config.region, handlers, now });
  const localProvider = createLocalProvider(local, runner);
  const platform = createLocalPlatform(local);
  const principal = options.principal ?? (async () => null);
  const localAuthorized = options.principal
    ? authorizedProvider(localProvider, { principal, parents: () => compartmentParents(db), audit: (p, record) => recordAudit(db, p, record), accepted: (p, mdId, wrId) => platform.attributeRevision({ id: wrId, modelDeploymentId: mdId }, { principalId: p.userId, principalName: p.userName }) })
    : localProvider;
  const contexts = createProviderContexts({ local: localAuthorized, localDefaultCompartmentId: installation.defaultCompartmentId, region: config.region, oci: config.oci });
  const contextId = options.contextId ?? (async () => null);
  // An OCI profile acts with the machine's own key, so only the ops role may work through one.
  const session = async (): Promise<SessionContext> => {
    const id = await contextId();
    if (!id || id === LOCAL_CONTEXT_ID) return contexts.local;
    const who = await principal();
    if (options.principal && (!who || !isOps(who, compartmentParents(db)))) return contexts.local;
    return contexts.resolve(id) ?? contexts.local;
  };
  const defaultCompartment = async () => (await session()).defaultCompartmentId;
  const provider = options.contextId ? sessionProvider(session, localAuthorized) : localAuthorized;
  const projects = createProjectsService(provider, defaultCompartment);
  const reconciler = createReconciler(local, runner);
  const scaler = createScaler(local, runner);
  const alarms = createAlarmEngine({ db, provider: localProvider, runner, now });
  const idleGuard = createIdleGuardEngine({ db, provider: localProvider, runner, now });
  // Checked once, at start, as the principal who asked: the steps run on without one. An OCI
  // profile's provider acts with the profile's key, and OCI checks each step itself.
  updatePlans = createUpdatePlansService({ db, jobs: runner, provider: localProvider, providerOf: (id) => contexts.resolve(id)?.provider ?? null, attribution: platform });
  return { config, db, runner, provider, system: localProvider, installation, projects, local, platform, updatePlans, reconciler, scaler, alarms, idleGuard, principal, contexts, session, defaultCompartment };
}

// Next bundles instrumentation, route handlers and server actions separately, so a module-level
// singleton could exist several times in one process; globalThis makes it one.
const KEY = Symbol.for('berth.appContext');
type GlobalWithContext = typeof globalThis & { [KEY]?: AppContext };

export function getAppContext(): AppContext {
  const g = globalThis as GlobalWithContext;
  if (!g[KEY]) {
    const config = loadConfig();
    // The resolver needs the database the context opens; it is read only once a request asks.
    let resolve: () => Promise<Principal | null> = async () => null;
    const ctx = createAppContext(config, undefined, { principal: () => resolve(), contextId: requestContextId });
    resolve = createRequestPrincipal(ctx.db, config.session, ctx.installation.tenancyId);
    g[KEY] = ctx;
  }
  return g[KEY];
}
