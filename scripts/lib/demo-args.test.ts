import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from './demo-args';
import { Failure } from './run';

const STEPS = ['sign-in', 'create-project', 'operations'];

describe('parseDemoArgs', () => {
  it('defaults to a headless, normally paced run of every step on port 6600', () => {
    expect(parseDemoArgs([], STEPS, {})).toEqual({ headed: false, slow: false, readmeScreenshots: false, port: 6600, help: false });
  });

  it('reads the flags, the step and the port', () => {
    expect(parseDemoArgs(['--headed', '--slow', '--step', 'create-project', '--port', '6610', '--out', '/tmp/x'], STEPS, {})).toEqual({
      headed: true,
      slow: true,
      step: 'create-project',
      out: '/tmp/x',
      readmeScreenshots: false,
      port: 6610,
      help: false,
    });
    expect(parseDemoArgs([], STEPS, { BERTH_DEMO_PORT: '6620' }).port).toBe(6620);
  });

  it('names an unknown step with the steps there are', () => {
    expect(() => parseDemoArgs(['--step', 'deploy-it'], STEPS, {})).toThrow(/no demo step "deploy-it".*sign-in, create-project, operations/);
  });

  it('refuses an unknown option, a bad port, and the README pictures of half a story', () => {
    expect(() => parseDemoArgs(['--fast'], STEPS, {})).toThrow(Failure);
    expect(() => parseDemoArgs(['--port', '80'], STEPS, {})).toThrow(/from 1024/);
    expect(() => parseDemoArgs([], STEPS, { BERTH_DEMO_PORT: 'abc' })).toThrow(/not "abc"/);
    expect(() => parseDemoArgs(['--readme-screenshots', '--step', 'sign-in'], STEPS, {})).toThrow(/whole story/);
  });
});
