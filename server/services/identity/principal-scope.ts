import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '@/server/domain/principal';

// The principal of the work in progress. Set by the front doors (server actions, route
// handlers, the signed OCI API) around what they call, and read by the authorizing provider, so
// every path to a resource is checked without each service passing the principal along.
const scope = new AsyncLocalStorage<Principal>();

export const runAs = <T>(principal: Principal, fn: () => T): T => scope.run(principal, fn);

export const scopedPrincipal = (): Principal | undefined => scope.getStore();
