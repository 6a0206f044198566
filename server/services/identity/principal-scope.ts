import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '@/server/domain/principal';

// The principal of the work in progress. Set by the front doors (server actions, route
// handlers, the signed OCI API) around what they call, and read by the authorizing provider, so
// every path to a resource is checked without each service passing the principal along.
// Next bundles route handlers, actions and instrumentation separately, so this module can exist
// several times in one process: the store lives on globalThis, so a route's runAs is what the
// app context's provider (made by whichever bundle came first) reads.
const KEY = Symbol.for('berth.principalScope');
type GlobalWithScope = typeof globalThis & { [KEY]?: AsyncLocalStorage<Principal> };
const g = globalThis as GlobalWithScope;
const scope = (g[KEY] ??= new AsyncLocalStorage<Principal>());

export const runAs = <T>(principal: Principal, fn: () => T): T => scope.run(principal, fn);

export const scopedPrincipal = (): Principal | undefined => scope.getStore();
