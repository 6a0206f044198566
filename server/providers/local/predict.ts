import { domainError, err } from '@/server/domain/result';
import { CONSOLE_TOKEN_HEADER, consoleToken } from '@/server/gateway/console-token';
import { postPredict, predictUrlOf } from '../predict-http';
import type { ModelDeploymentsApi, PredictApi } from '../types';

// Predict through this machine's gateway. The console has checked its user's use of the
// deployment already, so the gateway takes its word by the token in the data directory (also
// with BERTH_PREDICT_AUTH=signed).

export function createLocalPredict(deps: { deployments: Pick<ModelDeploymentsApi, 'getModelDeployment'>; dataDir: string }): PredictApi {
  return {
    async predictModelDeployment(id, request) {
      const md = await deps.deployments.getModelDeployment(id);
      if (!md.ok) return md;
      const target = predictUrlOf(md.data.modelDeploymentUrl);
      if (!target.ok) return target;
      // Only the local gateway: the token must never travel to another host.
      if (target.data.hostname !== '127.0.0.1' || target.data.protocol !== 'http:') {
        return err(domainError('InvalidParameter', `The console only forwards to the local gateway on 127.0.0.1, not to ${target.data.origin}.`));
      }
      const headers = new Headers({ 'content-type': 'application/json', accept: 'application/json', 'opc-request-id': request.requestId, [CONSOLE_TOKEN_HEADER]: consoleToken(deps.dataDir) });
      const answer = await postPredict(target.data, { headers, body: request.body, timeoutMs: request.timeoutMs }, 'The gateway');
      if (!answer.ok && answer.error.code === 'ServiceUnavailable') {
        return err(domainError('ServiceUnavailable', `${answer.error.message} It runs beside the console: restart it with \`npm start\`.`));
      }
      return answer;
    },
  };
}
