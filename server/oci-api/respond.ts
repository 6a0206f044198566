import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { ERROR_STATUS, type DomainError, type ErrorCode } from '@/server/domain/result';

// What a handler of the OCI-compatible API answers, before it becomes an HTTP response: a status,
// a JSON body (or a byte stream for artifact content), and OCI's headers.

export interface OciAnswer {
  status: number;
  /** JSON-serialisable; undefined: no body. */
  json?: unknown;
  stream?: Readable;
  headers?: Record<string, string>;
}

export type OciOutcome = { ok: true; answer: OciAnswer } | { ok: false; error: DomainError };

export const answer = (json: unknown, headers: Record<string, string> = {}, status = 200): OciOutcome => ({ ok: true, answer: { status, json, headers } });

export const noContent = (headers: Record<string, string> = {}, status = 204): OciOutcome => ({ ok: true, answer: { status, headers } });

export const failure = (error: DomainError): OciOutcome => ({ ok: false, error });

export const fail = (code: ErrorCode, message: string): OciOutcome => failure({ code, message });

/**
 * A resource's etag: the hash of what the API shows of it, so any change visible to a client
 * (a state, a name, a tag) is a new etag, and two reads of an unchanged resource agree.
 */
export function etagOf(resource: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(resource)).digest('hex');
}

/** A single resource with its etag, as OCI answers gets, creates and synchronous updates. */
export const resourceAnswer = (resource: unknown, headers: Record<string, string> = {}, status = 200): OciOutcome =>
  answer(resource, { etag: etagOf(resource), ...headers }, status);

/** if-match against the resource's current etag: 412 when the client's copy is stale. */
export function checkIfMatch(headers: Headers, current: unknown): DomainError | null {
  const given = headers.get('if-match');
  if (given === null || given === '*') return null;
  const tags = given.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'));
  if (tags.includes(etagOf(current))) return null;
  return { code: 'PreconditionFailed', message: 'The if-match etag does not match the resource\'s current etag: it changed since it was read. Read it again and retry.' };
}

export function errorBody(error: DomainError): { status: number; body: { code: string; message: string } } {
  return { status: ERROR_STATUS[error.code], body: { code: error.code, message: error.message } };
}
