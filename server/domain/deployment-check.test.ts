import { describe, expect, it } from 'vitest';
import {
  checkLabels,
  checkOutcome,
  effectiveCommand,
  judgeCommand,
  judgeCurl,
  failureVerdict,
  FAILURE_ITEM,
  healthPassed,
  judgeImageSize,
  judgeListening,
  judgePortRules,
  judgePredict,
  judgeProcess,
  type ImageFacts,
} from './deployment-check';

const image: ImageFacts = { sizeBytes: 134e6, entrypoint: null, cmd: ['gunicorn', '-c', '/opt/berth/gunicorn.conf.py', 'berth_model_server:app'], exposedPorts: [8080] };
const TRACEBACK = [
  "2026-12-01 09:00:00,000 ERROR [7] berth.model_server: Loading the model failed: ModuleNotFoundError: No module named 'sklearnx'",
  'Traceback (most recent call last):',
  '  File "/opt/berth/berth_model_server.py", line 160, in _load',
  '    spec.loader.exec_module(module)',
  '  File "/opt/ds/model/deployed_model/score.py", line 1, in <module>',
  '    import sklearnx',
  "ModuleNotFoundError: No module named 'sklearnx'",
  '[2026-12-01 09:00:01 +0000] [1] [INFO] Booting worker with pid: 8',
].join('\n');

describe('the command', () => {
  it("runs the image's CMD when nothing is given", () => {
    expect(judgeCommand(image, {})).toEqual({ status: 'pass', reason: "Runs gunicorn -c /opt/berth/gunicorn.conf.py berth_model_server:app (from the image's CMD)." });
  });

  it('drops the image CMD when an entrypoint is given, as docker run --entrypoint does', () => {
    expect(effectiveCommand(image, { entrypoint: ['python3', 'app.py'] })).toEqual({ entrypoint: ['python3', 'app.py'], cmd: [], source: 'the entrypoint given here' });
    expect(effectiveCommand({ entrypoint: ['/entry.sh'], cmd: ['serve'] }, { cmd: ['train'] })).toMatchObject({ entrypoint: ['/entry.sh'], cmd: ['train'] });
  });

  it('fails when nothing would start the server, and over 2048 bytes', () => {
    const none = judgeCommand({ ...image, cmd: null }, {});
    expect(none.status).toBe('fail');
    expect(none.hint).toMatch(/Dockerfile/);
    const long = judgeCommand(image, { entrypoint: ['python3', 'x'.repeat(2100)] });
    expect(long).toMatchObject({ status: 'fail' });
    expect(long.reason).toMatch(/2107 bytes; they must stay under 2048 bytes/);
  });
});

describe('the image size', () => {
  it('passes under 16 GB and fails over it', () => {
    expect(judgeImageSize(134e6)).toEqual({ status: 'pass', reason: '0.13 GB uncompressed, of 16.0 GB allowed.' });
    const big = judgeImageSize(17.5e9);
    expect(big.status).toBe('fail');
    expect(big.reason).toBe('The image is 17.5 GB uncompressed; model deployments take images up to 16.0 GB.');
  });
});

describe('the port rules of seed 001', () => {
  it('fails ports below 1024 and the reserved ones', () => {
    const r = judgePortRules('container', { serverPort: 80, healthPort: 8446 }, []);
    expect(r.status).toBe('fail');
    expect(r.reason).toBe('Port 80 is outside 1024 to 65535. Port 8446 is reserved by the service (24224, 8446, 8447 cannot be used).');
  });

  it('passes allowed ports, and warns when the image EXPOSEs others', () => {
    expect(judgePortRules('container', { serverPort: 5000, healthPort: 5000 }, [5000])).toMatchObject({ status: 'pass' });
    expect(judgePortRules('container', { serverPort: 9000, healthPort: 9000 }, [8080])).toMatchObject({
      status: 'warn',
      reason: 'Server and health check port 9000 keep the rules, but the image EXPOSEs 8080, not 9000.',
    });
    expect(judgePortRules('conda', { serverPort: 8080, healthPort: 8080 }, [])).toMatchObject({ status: 'pass' });
  });
});

describe('the process', () => {
  it('passes a running process and fails one that died after its start was judged, with its output', () => {
    expect(judgeProcess({ running: true, exitCode: null, oomKilled: false, observedMs: 3200, log: '' })).toEqual({ status: 'pass', reason: 'Still running after 3.2 s.' });
    const died = judgeProcess({ running: false, exitCode: 139, oomKilled: false, observedMs: 4000, log: 'serving\nSegmentation fault\n' });
    expect(died).toMatchObject({ status: 'fail', reason: 'The process exited with code 139 within 4.0 s of its start.', excerpt: 'serving\nSegmentation fault' });
    expect(judgeProcess({ running: false, exitCode: 137, oomKilled: true, observedMs: 4000, log: '' }).reason).toMatch(/killed for memory/);
  });
});

describe('named start failures', () => {
  const importError = { failureClass: 'IMPORT_ERROR' as const, message: "The container: score.py could not be imported: ModuleNotFoundError: No module named 'x'", excerpt: TRACEBACK, hint: 'Add the missing package.' };
  it('go on the item they concern, as failures with class, excerpt and hint', () => {
    expect(FAILURE_ITEM.IMPORT_ERROR).toBe('health');
    expect(FAILURE_ITEM.PORT_NOT_LISTENING).toBe('ports-listen');
    expect(FAILURE_ITEM.CONTAINER_EXITED).toBe('process');
    expect(FAILURE_ITEM.IMAGE_NOT_FOUND).toBe('image');
    expect(failureVerdict(importError, 20_000)).toEqual({ status: 'fail', reason: importError.message, excerpt: TRACEBACK, hint: 'Add the missing package.', failureClass: 'IMPORT_ERROR' });
  });

  it("make running out of the check's short wait a warning, not a failure", () => {
    const timeout = { failureClass: 'TIMEOUT' as const, message: 'The container did not pass its health check on /health within 20 s (last: HTTP 503 {"status": "loading"}).', excerpt: '', hint: 'The model was still loading.' };
    const v = failureVerdict(timeout, 20_000);
    expect(v.status).toBe('warn');
    expect(v.reason).toMatch(/^No healthy answer within the check's 20.0 s: .* A deployment waits up to its startup timeout\.$/);
    expect(v).not.toHaveProperty('excerpt');
    expect(healthPassed(8080, 1500)).toEqual({ status: 'pass', reason: 'Answered with a 2xx status on port 8080 after 1.5 s.' });
  });
});

describe('the listening ports', () => {
  const ports = { serverPort: 9000, healthPort: 8080 };
  it('names where the process listens when a declared port is silent', () => {
    const r = judgeListening({ serverPort: 8080, healthPort: 8080 }, [{ port: 5000, address: '0.0.0.0' }], { processUp: true, healthAnswered: false });
    expect(r).toMatchObject({
      status: 'fail',
      reason: 'Nothing listens on 8080 (server and health check port). The process listens on 5000.',
      hint: 'Set the server and health check port to 5000, or make the server listen on 8080.',
    });
    const health = judgeListening(ports, [{ port: 9000, address: '0.0.0.0' }], { processUp: true, healthAnswered: false });
    expect(health.reason).toBe('Nothing listens on 8080 (health check port). The process listens on 9000.');
  });

  it('fails a server bound to the loopback only', () => {
    const r = judgeListening({ serverPort: 8080, healthPort: 8080 }, [{ port: 8080, address: '127.0.0.1' }], { processUp: true, healthAnswered: false });
    expect(r).toMatchObject({ status: 'fail', hint: 'Bind the server to 0.0.0.0.' });
  });

  it('passes when both listen, and falls back on the HTTP answer when sockets cannot be read', () => {
    const both = [{ port: 8080, address: '::' }, { port: 9000, address: '0.0.0.0' }];
    expect(judgeListening(ports, both, { processUp: true, healthAnswered: true })).toEqual({ status: 'pass', reason: '9000 (server port) and 8080 (health check port) listen.' });
    expect(judgeListening(ports, null, { processUp: true, healthAnswered: true }).status).toBe('pass');
    expect(judgeListening(ports, null, { processUp: false, healthAnswered: false })).toMatchObject({ status: 'warn', reason: 'Not checked: the process is not running.' });
  });
});

describe('the predict check', () => {
  const c = { kind: 'conda' as const, path: '/predict', healthy: true, sampleFromSchema: true, log: TRACEBACK };
  it('passes a 2xx with the answer', () => {
    expect(judgePredict({ status: 200, body: '{"prediction": [2]}', ms: 12.4 }, c)).toEqual({ status: 'pass', reason: 'Answered 200 in 12 ms: {"prediction": [2]}.' });
  });
  it('fails a 500 to a sample from the schema, but only warns for a generic sample', () => {
    expect(judgePredict({ status: 500, body: '{"code": "InternalServerError"}', ms: 5 }, c).status).toBe('fail');
    expect(judgePredict({ status: 500, body: '', ms: 5 }, { ...c, sampleFromSchema: false })).toMatchObject({ status: 'warn', hint: expect.stringMatching(/input schema/) });
  });
  it('fails a missing route and skips when unhealthy', () => {
    expect(judgePredict({ status: 404, body: '', ms: 5 }, { ...c, kind: 'container' })).toMatchObject({ status: 'fail', hint: expect.stringMatching(/MODEL_DEPLOY_PREDICT_ENDPOINT/) });
    expect(judgePredict(null, { ...c, healthy: false }).status).toBe('warn');
  });
});

describe('curl and the outcome', () => {
  it('fails a custom image without curl, saying why OCI needs it', () => {
    const r = judgeCurl('container', { found: false, detail: 'exec: "curl": executable file not found in $PATH' });
    expect(r.status).toBe('fail');
    expect(r.reason).toMatch(/HEALTHCHECK/);
    expect(judgeCurl('container', { found: true, detail: 'curl 7.88.1 (x86_64-pc-linux-gnu)\nRelease-Date: 2023-02-20' })).toEqual({ status: 'pass', reason: 'curl 7.88.1 (x86_64-pc-linux-gnu).' });
    expect(judgeCurl('container', { found: null, detail: 'the engine did not answer.' }).status).toBe('warn');
  });

  it('is the worst status, and labels name the paths', () => {
    expect(checkOutcome([{ status: 'pass' }, { status: 'warn' }])).toBe('warn');
    expect(checkOutcome([{ status: 'warn' }, { status: 'fail' }])).toBe('fail');
    expect(checkOutcome([{ status: 'pass' }])).toBe('pass');
    const labels = checkLabels('container', { serverPort: 9000, healthPort: 9000, healthPath: '/ready', predictPath: '/infer' });
    expect(labels.health).toBe('GET /ready answers');
    expect(labels.predict).toBe('POST /infer answers the sample');
  });
});
