import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { assertNoConsoleRunning } from './serve';

// A second `npm start` finds the port taken: by a Berth console it names it, by anything else it
// says the port is in use. Ports from this suite's range; each server is closed after its test.

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

function listen(port: number, handler: http.RequestListener): Promise<void> {
  const server = http.createServer(handler);
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
}

describe('assertNoConsoleRunning', () => {
  it('says Berth already runs at its URL when a console answers on the port', async () => {
    await listen(3731, (req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.url === '/api/health' ? { status: 'ok', provider: 'local', region: 'local' } : {}));
    });
    await expect(assertNoConsoleRunning('127.0.0.1', 3731)).rejects.toThrow(/^Berth already runs at http:\/\/127\.0\.0\.1:3731 \(provider local\)/);
  });

  it('says the port is in use when something else holds it', async () => {
    await listen(3732, (_req, res) => res.writeHead(404).end('not berth'));
    await expect(assertNoConsoleRunning('127.0.0.1', 3732)).rejects.toThrow(/Port 3732 on 127\.0\.0\.1 is already in use/);
  });

  it('passes on a free port', async () => {
    await expect(assertNoConsoleRunning('127.0.0.1', 3733)).resolves.toBeUndefined();
  });
});
