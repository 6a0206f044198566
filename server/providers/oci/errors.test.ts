import * as common from 'oci-common';
import { describe, expect, it } from 'vitest';
import { call, fromOciError } from './errors';

const ociError = (status: number, code: string, message: string, requestId: string | null = 'req-1') =>
  new common.OciError(status, code, message, requestId, 'DataScience', 'GetProject', '2026-01-01T00:00:00Z', 'http://127.0.0.1:1', '');

describe('OCI errors in words', () => {
  it('keeps a service code Berth knows, with message and opc-request-id', () => {
    expect(fromOciError(ociError(404, 'NotAuthorizedOrNotFound', 'Project x was not found.'), 'here')).toEqual({
      code: 'NotAuthorizedOrNotFound',
      message: 'Project x was not found. (OCI NotAuthorizedOrNotFound, HTTP 404; opc-request-id req-1)',
    });
  });

  it('names a code Berth does not know by its HTTP status, keeping OCI words', () => {
    const e = fromOciError(ociError(400, 'LimitExceeded2', 'Too many deployments in the region.', null), 'here');
    expect(e).toEqual({ code: 'InvalidParameter', message: 'Too many deployments in the region. (OCI LimitExceeded2, HTTP 400; opc-request-id none)' });
    expect(fromOciError(ociError(502, 'BadGateway', 'upstream'), 'here').code).toBe('InternalServerError');
    expect(fromOciError(ociError(409, 'IncorrectState', 'busy'), 'here').code).toBe('IncorrectState');
  });

  it('says where OCI could not be reached', async () => {
    const r = await call('http://127.0.0.1:9', () => Promise.reject(new Error('connect ECONNREFUSED')));
    expect(r).toEqual({ ok: false, error: { code: 'ServiceUnavailable', message: 'OCI could not be reached at http://127.0.0.1:9: connect ECONNREFUSED' } });
    expect(await call('x', async () => 42)).toEqual({ ok: true, data: 42 });
  });
});
