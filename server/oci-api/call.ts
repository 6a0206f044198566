import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { DataScienceProvider, ListParams } from '@/server/providers/types';
import { domainError, type DomainError } from '@/server/domain/result';
import { invalidParameterOf } from './validation';
import type { OciOutcome } from './respond';

// One request to an operation of the API, as handlers see it: the path's parameters, the query,
// the headers, and the body (parsed JSON, or the raw stream of an artifact upload).

export interface OciCall {
  provider: DataScienceProvider;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed JSON of a signed body; undefined without one. */
  body: unknown;
  /** The unread body of an operation that streams it (CreateModelArtifact). */
  stream?: Readable;
}

export type OciHandler = (call: OciCall) => Promise<OciOutcome>;

export const param = (call: OciCall, name: string): string => call.params[name] ?? '';

/** The query as an object; a repeated parameter is an error rather than a silent pick. */
export function queryObject(query: URLSearchParams): { ok: true; value: Record<string, string> } | { ok: false; error: DomainError } {
  const out: Record<string, string> = {};
  for (const [key, value] of query) {
    if (key in out) return { ok: false, error: domainError('InvalidParameter', `The query parameter ${key} is given more than once.`) };
    out[key] = value;
  }
  return { ok: true, value: out };
}

export const limitSchema = z.coerce.number({ error: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be 1 to 100.').max(100, 'limit must be 1 to 100.');
export const sortOrderSchema = z.enum(['ASC', 'DESC'], { error: 'sortOrder must be ASC or DESC.' });

/** Parses a list's query with `schema`; a missing compartmentId is OCI's MissingParameter. */
export function parseListQuery<S extends z.ZodType>(call: OciCall, schema: S, required: readonly string[] = ['compartmentId']): { ok: true; value: z.output<S> } | { ok: false; error: DomainError } {
  const q = queryObject(call.query);
  if (!q.ok) return q;
  for (const name of required) {
    if (!q.value[name]) return { ok: false, error: domainError('MissingParameter', `The query parameter ${name} is required.`) };
  }
  const parsed = schema.safeParse(q.value);
  if (!parsed.success) return { ok: false, error: invalidParameterOf(parsed.error) };
  return { ok: true, value: parsed.data };
}

/** The provider's ListParams from OCI's query: the SDK's names map one to one. */
export function listParamsOf(q: { compartmentId: string; lifecycleState?: string; displayName?: string; limit?: number; page?: string; sortBy?: 'timeCreated' | 'displayName'; sortOrder?: 'ASC' | 'DESC' }): ListParams {
  return {
    compartmentId: q.compartmentId,
    ...(q.lifecycleState ? { lifecycleState: q.lifecycleState } : {}),
    ...(q.displayName ? { displayName: q.displayName } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.page ? { page: q.page } : {}),
    ...(q.sortBy ? { sortBy: q.sortBy } : {}),
    ...(q.sortOrder ? { sortOrder: q.sortOrder } : {}),
  };
}

/** The headers of a list page. */
export function pageHeaders(page: { nextPage?: string; prevPage?: string }): Record<string, string> {
  return { ...(page.nextPage ? { 'opc-next-page': page.nextPage } : {}), ...(page.prevPage ? { 'opc-prev-page': page.prevPage } : {}) };
}

/** A body parsed with `schema`: 400 InvalidParameter naming the field otherwise. */
export function parseBody<S extends z.ZodType>(call: OciCall, schema: S, what: string): { ok: true; value: z.output<S> } | { ok: false; error: DomainError } {
  if (call.body === undefined) return { ok: false, error: domainError('MissingParameter', `The request body (${what}) is required.`) };
  const parsed = schema.safeParse(call.body);
  if (!parsed.success) return { ok: false, error: invalidParameterOf(parsed.error) };
  return { ok: true, value: parsed.data };
}

export const changeCompartmentSchema = z.strictObject({ compartmentId: z.string().min(1) });
