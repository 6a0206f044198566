import * as common from 'oci-common';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT, toCliError } from './errors';
import { deploymentTable } from './output';

const ociError = (status: number, code: string, message: string) =>
  new common.OciError(status, code, message, 'REQ-1', 'DataScience', 'GetModelDeployment', '2026-01-01T00:00:00Z', 'http://127.0.0.1:6100', '');

describe('failures as a CI job reads them', () => {
  it('maps OCI errors to exit codes with the code, message and opc-request-id', () => {
    expect(toCliError(ociError(404, 'NotAuthorizedOrNotFound', 'No such deployment.'), 'deployments get', undefined)).toMatchObject({
      exitCode: EXIT.notFound,
      message: 'deployments get failed: 404 NotAuthorizedOrNotFound: No such deployment.',
      details: ['opc-request-id: REQ-1'],
    });
    expect(toCliError(ociError(401, 'NotAuthenticated', 'Unknown key.'), 'x', undefined).exitCode).toBe(EXIT.auth);
    expect(toCliError(ociError(409, 'IncorrectState', 'Busy.'), 'x', undefined).exitCode).toBe(EXIT.failed);
  });

  it('says which endpoint could not be reached', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6199'), { code: 'ECONNREFUSED' }) });
    expect(toCliError(refused, 'deployments list', 'http://127.0.0.1:6199')).toMatchObject({ exitCode: EXIT.failed, message: 'deployments list failed: cannot reach http://127.0.0.1:6199 (ECONNREFUSED).' });
    // What the SDK itself rejects with when no answer came.
    const sdk = { message: 'fetch failed', requestEndpoint: 'GET http://127.0.0.1:6199/20190101/modelDeployments', troubleshootingPage: 'See ...' };
    expect(toCliError(sdk, 'deployments list', undefined)).toMatchObject({ exitCode: EXIT.failed, message: 'deployments list failed: cannot reach GET http://127.0.0.1:6199/20190101/modelDeployments (fetch failed).' });
  });

  it('passes a CliError through as it is', () => {
    const e = new CliError('The spec s.yaml has a problem; nothing was sent.', EXIT.usage, ['s.yaml:3: spec: x']);
    expect(toCliError(e, 'x', undefined)).toBe(e);
  });
});

describe('deploymentTable', () => {
  it('aligns the columns and says so when there is nothing', () => {
    const rows = [
      { id: 'ocid1.datasciencemodeldeployment.oc1.iad.aaaa', displayName: 'iris', lifecycleState: 'ACTIVE', timeCreated: '2026-01-01T00:00:00.000Z' },
      { id: 'ocid1.datasciencemodeldeployment.oc1.iad.bbbb', displayName: 'a longer name', lifecycleState: 'FAILED', timeCreated: new Date('2026-01-02T00:00:00.000Z') },
    ];
    expect(deploymentTable(rows).split('\n')).toEqual([
      'OCID                                           NAME           STATE   CREATED',
      'ocid1.datasciencemodeldeployment.oc1.iad.aaaa  iris           ACTIVE  2026-01-01T00:00:00.000Z',
      'ocid1.datasciencemodeldeployment.oc1.iad.bbbb  a longer name  FAILED  2026-01-02T00:00:00.000Z',
      '',
    ]);
    expect(deploymentTable([])).toBe('No model deployments.\n');
  });
});
