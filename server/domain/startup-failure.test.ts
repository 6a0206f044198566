import { describe, expect, it } from 'vitest';
import { parseProcNetTcp } from './listening-ports';
import { classifyStartup, lastTraceback, parseModelServerHealth, type StartupFailureClass, type StartupSignals } from './startup-failure';

const IMPORT_LOG = `2026-12-01 09:00:00 INFO [7] gunicorn.error: Listening at: http://0.0.0.0:8080 (7)
2026-12-01 09:00:01 ERROR [8] berth.model_server: Loading the model failed: ModuleNotFoundError: No module named 'nosuchpkg'
Traceback (most recent call last):
  File "/opt/berth/berth_model_server.py", line 160, in _load
    spec.loader.exec_module(module)
  File "<frozen importlib._bootstrap_external>", line 940, in exec_module
  File "<frozen importlib._bootstrap>", line 241, in _call_with_frames_removed
  File "/opt/ds/model/deployed_model/score.py", line 1, in <module>
    import nosuchpkg
ModuleNotFoundError: No module named 'nosuchpkg'
2026-12-01 09:00:01 INFO [9] gunicorn.error: Booting worker with pid: 9`;

const LOAD_LOG = `ERROR [8] berth.model_server: Loading the model failed: RuntimeError: no weights
Traceback (most recent call last):
  File "/opt/ds/model/deployed_model/score.py", line 3, in load_model
    raise RuntimeError("no weights")
RuntimeError: no weights`;

const running = { running: true, exitCode: 0, oomKilled: false, oomEvents: 0, restartCount: 0, restarting: false };
const base: StartupSignals = {
  subject: 'Instance 1',
  container: running,
  health: { path: '/health', port: 8080, last: null, sameFor: 0 },
  listening: { declared: [{ port: 8080, role: 'server port' }], sockets: null, sameFor: 0 },
  logTail: '',
  elapsedMs: 1000,
  timeoutMs: 600_000,
};
const http = (status: number, body: unknown, sameFor = 1) => ({
  health: { path: '/health', port: 8080, last: { kind: 'http' as const, status, body: typeof body === 'string' ? body : JSON.stringify(body) }, sameFor },
});
const listens = (ports: number[], sameFor = 2, address = '0.0.0.0') => ({
  listening: { declared: [{ port: 9000, role: 'health check port' }], sockets: ports.map((port) => ({ address, port })), sameFor },
});

const cases: { name: string; signals: Partial<StartupSignals>; expected: StartupFailureClass | null; message?: RegExp; excerpt?: RegExp }[] = [
  { name: 'nothing yet', signals: {}, expected: null },
  { name: 'still loading', signals: { ...http(503, { status: 'loading' }, 50) }, expected: null },
  {
    name: 'import error from the model server',
    signals: { ...http(503, { status: 'failed', stage: 'import', error: "ModuleNotFoundError: No module named 'nosuchpkg'" }), logTail: IMPORT_LOG },
    expected: 'IMPORT_ERROR',
    message: /score\.py could not be imported: ModuleNotFoundError: No module named 'nosuchpkg'/,
    excerpt: /^.*Loading the model failed[\s\S]*import nosuchpkg\nModuleNotFoundError: No module named 'nosuchpkg'$/,
  },
  {
    name: 'load_model raising',
    signals: { ...http(503, { status: 'failed', stage: 'load_model', error: 'RuntimeError: no weights' }), logTail: LOAD_LOG },
    expected: 'LOAD_MODEL_ERROR',
    message: /load_model\(\) in score\.py raised RuntimeError: no weights/,
    excerpt: /raise RuntimeError\("no weights"\)\nRuntimeError: no weights$/,
  },
  {
    name: 'an MLflow model served natively failing to load',
    signals: { ...http(503, { status: 'failed', stage: 'load_model', serving: 'mlflow', error: 'FileNotFoundError: MLmodel names nope.pkl, which is not in the artifact' }) },
    expected: 'LOAD_MODEL_ERROR',
    message: /the MLflow model \(no score\.py\) could not be loaded: FileNotFoundError: MLmodel names nope\.pkl/,
  },
  {
    name: "an older server's 'error' body, stage from the exception",
    signals: { ...http(503, { status: 'error', error: 'SyntaxError: invalid syntax (score.py, line 2)' }) },
    expected: 'IMPORT_ERROR',
    excerpt: /SyntaxError/,
  },
  {
    name: 'the container exited',
    signals: { container: { ...running, running: false, exitCode: 3 }, logTail: 'starting\nconfig missing: /etc/app.yaml\n' },
    expected: 'CONTAINER_EXITED',
    message: /stopped \(exit code 3\)/,
    excerpt: /config missing/,
  },
  {
    name: 'OOM kill reported by Docker',
    signals: { container: { ...running, running: false, exitCode: 137, oomKilled: true, memoryLimitBytes: 256 * 1024 ** 2 } },
    expected: 'OOM_KILLED',
    message: /ran out of memory: it was killed \(exit code 137\) at its memory limit of 256 MB/,
  },
  {
    name: 'a worker OOM-killed while the container runs',
    signals: { container: { ...running, oomEvents: 1 }, logTail: 'ERROR gunicorn.error: Worker (pid:9) was sent SIGKILL! Perhaps out of memory?' },
    expected: 'OOM_KILLED',
    excerpt: /Perhaps out of memory/,
  },
  { name: 'a restart loop', signals: { container: { ...running, restarting: true, restartCount: 4, exitCode: 1 } }, expected: 'RESTART_LOOP', message: /4 restarts, last exit code 1/ },
  {
    name: 'gunicorn workers dying over and over',
    signals: { logTail: [1, 2, 3].map((n) => `ERROR gunicorn.error: Worker (pid:${n}) exited with code 139`).join('\n') },
    expected: 'RESTART_LOOP',
    message: /workers died 3 times/,
  },
  { name: 'one worker death is not a loop', signals: { logTail: 'ERROR gunicorn.error: Worker (pid:1) exited with code 1' }, expected: null },
  {
    name: 'wrong health port: it listens elsewhere',
    signals: { ...listens([8080]), logTail: 'Serving on 0.0.0.0:8080' },
    expected: 'PORT_NOT_LISTENING',
    message: /nothing listens on port 9000 \(its health check port\); it listens on 8080/,
    excerpt: /Serving on 0\.0\.0\.0:8080/,
  },
  { name: 'listening elsewhere seen once only', signals: { ...listens([8080], 1) }, expected: null },
  { name: 'listening on nothing yet', signals: { ...listens([], 5) }, expected: null },
  { name: 'listening on nothing at the timeout', signals: { ...listens([], 5), elapsedMs: 600_000 }, expected: 'PORT_NOT_LISTENING', message: /no TCP port at all/ },
  {
    name: 'no sockets read while binding, then loading answers until the timeout',
    signals: { ...listens([], 5), ...http(503, { status: 'loading' }, 100), elapsedMs: 600_000 },
    expected: 'TIMEOUT',
    message: /\(last: HTTP 503/,
  },
  { name: 'bound to loopback only', signals: { ...listens([9000], 2, '127.0.0.1') }, expected: 'PORT_NOT_LISTENING', message: /loopback address only/ },
  { name: 'health path answers 404', signals: { ...http(404, 'Not Found', 3) }, expected: 'HEALTH_CHECK_FAILED', message: /GET \/health on port 8080 answers HTTP 404/ },
  { name: 'a 404 seen twice may be a race', signals: { ...http(404, 'Not Found', 2) }, expected: null },
  { name: 'a custom 503 waits for the timeout', signals: { ...http(503, 'warming up', 100) }, expected: null },
  { name: 'a custom 503 at the timeout', signals: { ...http(503, 'warming up', 100), elapsedMs: 600_000 }, expected: 'HEALTH_CHECK_FAILED', message: /after 600 s/ },
  {
    name: 'still loading at the timeout',
    signals: { ...http(503, { status: 'loading' }, 100), elapsedMs: 600_000, logTail: 'loading weights 40%' },
    expected: 'TIMEOUT',
    message: /within 600 s \(last: HTTP 503/,
    excerpt: /loading weights/,
  },
  { name: 'image missing', signals: { image: 'acme/app:1', createError: { imageMissing: true, message: 'No such image: acme/app:1' } }, expected: 'IMAGE_NOT_FOUND', message: /acme\/app:1 is not on this machine/ },
  { name: 'other create error', signals: { createError: { imageMissing: false, message: 'port is already allocated' } }, expected: 'CONTAINER_START_ERROR' },
];

describe('classifyStartup', () => {
  it.each(cases)('$name', ({ signals, expected, message, excerpt }) => {
    const f = classifyStartup({ ...base, ...signals });
    expect(f?.failureClass ?? null).toBe(expected);
    if (message) expect(f?.message).toMatch(message);
    if (excerpt) expect(f?.excerpt).toMatch(excerpt);
    if (f) expect(f.hint.length).toBeGreaterThan(20);
  });

  it('prefers the container having died over a stale health answer', () => {
    const f = classifyStartup({ ...base, ...http(503, { status: 'loading' }), container: { ...running, running: false, exitCode: 1 } });
    expect(f?.failureClass).toBe('CONTAINER_EXITED');
  });
});

describe('parseModelServerHealth', () => {
  it('reads the states', () => {
    expect(parseModelServerHealth('{"status":"loading"}')).toEqual({ status: 'loading' });
    expect(parseModelServerHealth('{"status":"failed","stage":"load_model","error":"KeyError: 1"}')).toEqual({ status: 'failed', stage: 'load_model', error: 'KeyError: 1' });
    expect(parseModelServerHealth('{"status":"failed","stage":"load_model","serving":"mlflow","error":"E"}')).toEqual({ status: 'failed', stage: 'load_model', serving: 'mlflow', error: 'E' });
    expect(parseModelServerHealth('not json')).toBeNull();
    expect(parseModelServerHealth('{"status":"weird"}')).toBeNull();
  });
});

describe('lastTraceback', () => {
  it('leaves out the frames of Python\'s own import machinery', () => {
    expect(lastTraceback(IMPORT_LOG)).not.toContain('<frozen');
    expect(lastTraceback(IMPORT_LOG)).toContain('score.py", line 1, in <module>');
  });

  it('takes the last traceback up to its exception line', () => {
    expect(lastTraceback(IMPORT_LOG + '\n' + LOAD_LOG)?.split('\n').at(-1)).toBe('RuntimeError: no weights');
    expect(lastTraceback('no traceback here')).toBeNull();
  });
});

describe('parseProcNetTcp', () => {
  it('reads listening IPv4 and IPv6 sockets, skipping the rest', () => {
    const tcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1 0 100 0 0 10 0
   1: 0100007F:2328 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 2 1 0 100 0 0 10 0
   2: 0200000A:1F90 0300000A:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 3 1 0 100 0 0 10 0`;
    const tcp6 = `  sl  local_address                         remote_address                        st
   0: 00000000000000000000000000000000:1F91 00000000000000000000000000000000:0000 0A 0
   1: 00000000000000000000000001000000:1F92 00000000000000000000000000000000:0000 0A 0`;
    expect(parseProcNetTcp(`${tcp}\n${tcp6}`)).toEqual([
      { address: '0.0.0.0', port: 8080 },
      { address: '::', port: 8081 },
      { address: '::1', port: 8082 },
      { address: '127.0.0.1', port: 9000 },
    ]);
  });
});
