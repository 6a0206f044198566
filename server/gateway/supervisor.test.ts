import { describe, expect, it } from 'vitest';
import { createGatewaySupervisor, type ProbeResult } from './supervisor';

// The supervisor's policy with a scripted gateway and a hand-moved clock: each checkOnce() is one
// poll, so restarts, back-off and the down/up reports are observed step by step.

function scripted() {
  let clock = 0;
  let answering: ProbeResult = { ok: true, pid: 100 };
  let nextPid = 101;
  let failStarts = 0;
  const events: string[] = [];
  const supervisor = createGatewaySupervisor({
    url: 'http://127.0.0.1:3780',
    now: () => clock,
    probe: async () => answering,
    start: async () => {
      events.push(`start@${clock}`);
      if (failStarts > 0) {
        failStarts -= 1;
        throw new Error('The gateway stopped (exit code 1) before answering.');
      }
      const pid = nextPid++;
      answering = { ok: true, pid };
      return { pid };
    },
    kill: (pid) => events.push(`kill ${pid}`),
    onDown: (cause) => events.push(`down: ${cause}`),
    onUp: ({ pid }) => events.push(`up ${pid}`),
    log: () => undefined,
    backoffMs: [0, 1000, 5000],
    stableMs: 60_000,
    hungAfter: 3,
  });
  return {
    supervisor,
    events,
    advance: (ms: number) => (clock += ms),
    die: (reason: 'refused' | 'timeout' = 'refused') => (answering = { ok: false, reason, detail: reason === 'refused' ? 'connection refused' : 'no answer within 1000 ms' }),
    failNextStarts: (n: number) => (failStarts = n),
  };
}

describe('gateway supervisor', () => {
  it('restarts a dead gateway on the first refused check and reports down, then up', async () => {
    const g = scripted();
    await g.supervisor.checkOnce();
    expect(g.supervisor.state()).toMatchObject({ status: 'up', pid: 100, restarts: 0 });
    g.die();
    await g.supervisor.checkOnce();
    expect(g.events).toEqual(['down: connection refused', 'start@0', 'up 101']);
    expect(g.supervisor.state()).toMatchObject({ status: 'up', pid: 101, restarts: 1, lastDown: { cause: 'connection refused' } });
  });

  it('backs off while the gateway keeps dying, and starts over after a stable run', async () => {
    const g = scripted();
    g.die();
    await g.supervisor.checkOnce(); // restart 1, at once
    g.die();
    await g.supervisor.checkOnce(); // died again: the next try waits 1 s
    expect(g.events.filter((e) => e.startsWith('start'))).toEqual(['start@0']);
    expect(g.supervisor.state()).toMatchObject({ status: 'down', nextAttemptAt: 1000 });
    g.advance(999);
    await g.supervisor.checkOnce();
    expect(g.events.filter((e) => e.startsWith('start'))).toHaveLength(1);
    g.advance(1);
    await g.supervisor.checkOnce();
    expect(g.events.filter((e) => e.startsWith('start'))).toEqual(['start@0', 'start@1000']);
    expect(g.supervisor.state().status).toBe('up');

    // Up for a minute: the next death is restarted at once again.
    g.advance(60_000);
    await g.supervisor.checkOnce();
    g.die();
    await g.supervisor.checkOnce();
    expect(g.events.at(-2)).toBe('start@61000');
    expect(g.supervisor.state().status).toBe('up');
  });

  it('keeps trying a gateway that fails to start, with growing pauses', async () => {
    const g = scripted();
    g.die();
    g.failNextStarts(2);
    await g.supervisor.checkOnce();
    expect(g.supervisor.state()).toMatchObject({ status: 'down', nextAttemptAt: 1000, lastError: expect.stringContaining('before answering') });
    g.advance(1000);
    await g.supervisor.checkOnce();
    expect(g.supervisor.state()).toMatchObject({ status: 'down', nextAttemptAt: 6000 });
    g.advance(5000);
    await g.supervisor.checkOnce();
    expect(g.supervisor.state()).toMatchObject({ status: 'up', restarts: 1, lastError: null });
    // One outage, one report each way, however many tries it took.
    expect(g.events.filter((e) => e.startsWith('down') || e.startsWith('up'))).toEqual(['down: connection refused', 'up 101']);
  });

  it('waits out slow answers, then stops a hung gateway that holds its port before starting another', async () => {
    const g = scripted();
    await g.supervisor.checkOnce();
    g.die('timeout');
    await g.supervisor.checkOnce();
    await g.supervisor.checkOnce();
    expect(g.events).toEqual([]);
    await g.supervisor.checkOnce();
    expect(g.events).toEqual(['down: no answer within 1000 ms', 'kill 100', 'start@0', 'up 101']);
  });
});
