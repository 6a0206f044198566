import * as common from 'oci-common';
import type { DataScienceClient } from 'oci-datascience';
import { domainError, err } from '@/server/domain/result';
import { postPredict, predictUrlOf } from '../predict-http';
import type { PredictApi } from '../types';
import { call } from './errors';

// Predict as OCI's endpoint takes it: a POST to the deployment's own URL (GetModelDeployment's
// modelDeploymentUrl), signed with the profile's API key by oci-common's signer, as `oci
// raw-request` and the SDK samples sign it. The data plane is no SDK client, so this is plain fetch.

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function createOciPredict(deps: { ds: DataScienceClient; auth: common.AuthenticationDetailsProvider; where: string }): PredictApi {
  const signer = new common.DefaultRequestSigner(deps.auth);
  return {
    async predictModelDeployment(id, request) {
      const md = await call(deps.where, async () => (await deps.ds.getModelDeployment({ modelDeploymentId: id })).modelDeployment);
      if (!md.ok) return md;
      const target = predictUrlOf(md.data.modelDeploymentUrl);
      if (!target.ok) return target;
      // The key's signature goes over TLS; plain HTTP only to this machine (a Berth cloud in tests).
      if (target.data.protocol !== 'https:' && !(target.data.protocol === 'http:' && LOOPBACK.has(target.data.hostname))) {
        return err(domainError('InvalidParameter', `The deployment's URL ${target.data.origin} is neither HTTPS nor this machine: the signed request is not sent there.`));
      }
      const headers = new Headers({ 'content-type': 'application/json', accept: 'application/json', 'content-length': String(Buffer.byteLength(request.body)), 'opc-request-id': request.requestId });
      const signed: common.HttpRequest = { method: 'POST', uri: target.data.toString(), headers, body: request.body };
      try {
        await signer.signHttpRequest(signed);
      } catch (cause) {
        return err(domainError('NotAuthenticated', `The request could not be signed with the profile's key: ${cause instanceof Error ? cause.message : String(cause)}`));
      }
      return postPredict(target.data, { headers: signed.headers, body: request.body, timeoutMs: request.timeoutMs }, 'The deployment’s predict endpoint');
    },
  };
}
