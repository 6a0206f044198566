import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The console forwards its own users' invokes to the gateway after checking them itself; with
// BERTH_PREDICT_AUTH=signed the gateway trusts those by this token, a file in the data directory
// only the console's and the gateway's user can read.
export const CONSOLE_TOKEN_HEADER = 'x-berth-console-token';

export function consoleToken(dataDir: string): string {
  const file = path.join(dataDir, 'gateway-console.token');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const token = crypto.randomBytes(32).toString('base64url');
    try {
      // wx: when both processes start at once, the first file written wins and both read it.
      fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
      return token;
    } catch {
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}
