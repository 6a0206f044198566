import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The model server is Python (it runs inside the runtime images); its unittest suite runs here so
// that `npm test` covers it. It needs only python3's standard library.
const serverDir = path.resolve(__dirname, '../../../../runtimes/model-server');
const hasPython = !spawnSync('python3', ['--version']).error;

describe('runtimes/model-server (python3 -m unittest)', () => {
  it.skipIf(!hasPython)(
    hasPython ? 'passes its unittest suite' : 'skipped: python3 is not on PATH, so the model server tests cannot run',
    () => {
      const run = spawnSync('python3', ['-B', '-m', 'unittest', 'discover', '-s', serverDir, '-p', 'test_*.py'], {
        cwd: serverDir,
        encoding: 'utf8',
        // -B and this keep __pycache__ out of the folder the runtime image hash covers.
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
        timeout: 60_000,
      });
      // unittest reports on stderr; shown in full when it fails.
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/^OK/m);
    },
  );
});
