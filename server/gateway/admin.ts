import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './errors';
import type { GatewayHealth, GatewayStatus } from './status-contract';

// '/_berth/' can never start an OCID, so the admin surface shares the data plane's port safely.
export const ADMIN_PREFIX = '/_berth/';

export interface AdminOptions {
  dbFile: string;
  codeVersion: string | null;
  version: () => number;
  reload: () => number;
  status: () => GatewayStatus;
}

export type AdminHandler = (req: IncomingMessage, res: ServerResponse, opcRequestId: string) => void;

/**
 * GET /_berth/health (liveness, and which database this gateway serves), POST /_berth/reload (the
 * console pokes it after writing a route) and GET /_berth/status (what the console waits on during
 * a generation switch).
 */
export function createAdminHandler(options: AdminOptions): AdminHandler {
  const endpoints: Record<string, { method: string; run: () => unknown }> = {
    health: {
      method: 'GET',
      run: (): GatewayHealth => ({ status: 'ok', version: options.version(), pid: process.pid, dbFile: options.dbFile, code: options.codeVersion }),
    },
    reload: { method: 'POST', run: () => ({ version: options.reload() }) },
    status: { method: 'GET', run: () => options.status() },
  };
  return (req, res, opcRequestId) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const name = url.slice(ADMIN_PREFIX.length, q === -1 ? undefined : q);
    const endpoint = Object.hasOwn(endpoints, name) ? endpoints[name] : undefined;
    if (!endpoint) {
      sendError(res, 'NotAuthorizedOrNotFound', `No admin endpoint ${ADMIN_PREFIX}${name}`, opcRequestId);
      return;
    }
    if (req.method !== endpoint.method) {
      sendError(res, 'MethodNotAllowed', `Use ${endpoint.method} on ${ADMIN_PREFIX}${name}`, opcRequestId, {
        headers: { allow: endpoint.method },
      });
      return;
    }
    let body: string;
    try {
      body = JSON.stringify(endpoint.run());
    } catch (err) {
      // A reload that cannot read the database is worth a message, not a dropped connection.
      sendError(res, 'InternalServerError', err instanceof Error ? err.message : String(err), opcRequestId);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      'opc-request-id': opcRequestId,
    });
    res.end(body);
  };
}
