'use client';

import { useCallback, useRef, useState } from 'react';
import type { CheckId, CheckItem, CheckReport } from '@/server/domain/deployment-check';
import type { ModelDeploymentConfigurationDetails } from '@/server/domain/oci-types';
import { checkEventSchema } from '@/server/validation/deployment-check';

// The browser side of POST /api/deployment-checks: sends the configuration, reads the NDJSON
// events as they come (each parsed with the same schema the server writes them by), and keeps
// the list of items with the ones decided so far.

export type CheckState =
  | { phase: 'idle' }
  | { phase: 'running'; planned: { id: CheckId; label: string }[]; decided: Partial<Record<CheckId, CheckItem>>; step: string; checked: string }
  | { phase: 'done'; report: CheckReport; checked: string }
  | { phase: 'failed'; message: string };

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown };
    if (typeof body.message === 'string') return body.message;
  } catch {
    // Not JSON: the status says enough.
  }
  return `The check could not start: the console answered ${res.status}.`;
}

export function useDeploymentCheck() {
  const [state, setState] = useState<CheckState>({ phase: 'idle' });
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async (config: ModelDeploymentConfigurationDetails) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const checked = JSON.stringify(config);
    setState({ phase: 'running', planned: [], decided: {}, step: 'Sending the configuration…', checked });
    let res: Response;
    try {
      res = await fetch('/api/deployment-checks', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ modelDeploymentConfigurationDetails: config }),
        signal: controller.signal,
      });
    } catch {
      if (!controller.signal.aborted) setState({ phase: 'failed', message: 'The console could not be reached. Check that it is running and try again.' });
      return;
    }
    if (!res.ok || !res.body) return setState({ phase: 'failed', message: await errorMessage(res) });

    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    let ended = false;
    const take = (line: string) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return;
      }
      const parsed = checkEventSchema.safeParse(json);
      if (!parsed.success) return;
      const e = parsed.data;
      if (e.type === 'report') {
        ended = true;
        return setState({ phase: 'done', report: e.report, checked });
      }
      if (e.type === 'error') {
        ended = true;
        return setState({ phase: 'failed', message: e.message });
      }
      setState((s) => {
        if (s.phase !== 'running') return s;
        if (e.type === 'plan') return { ...s, planned: e.items };
        if (e.type === 'step') return { ...s, step: e.message };
        return { ...s, decided: { ...s.decided, [e.item.id]: e.item } };
      });
    };
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          take(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
        }
      }
      take(buffered);
    } catch {
      if (controller.signal.aborted) return;
    }
    if (!ended) setState({ phase: 'failed', message: 'The check ended before it reported; the details are in the server log.' });
  }, []);

  return { state, run };
}
