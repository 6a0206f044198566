import type { GatewayHealthView } from '@/server/services/gateway-supervision';

// The data plane as the console sees it: whether the gateway answers, and what the supervisor
// did about it when it did not. While it is down, predictions fail before the gateway could
// count them, so the error rates below it say nothing; this panel is where the outage shows.

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2 text-sm">
      <dt className="w-40 shrink-0 text-gray-500">{label}</dt>
      <dd className="text-gray-900">{children}</dd>
    </div>
  );
}

export function GatewayStatusPanel({ view }: { view: GatewayHealthView }) {
  const { url, answeringPid, supervision: state } = view;
  const answering = answeringPid !== null;
  const down = !answering || (state !== null && state.status !== 'up');
  return (
    <div className={`flex flex-col gap-2 rounded-lg border p-4 ${down ? 'border-red-300 bg-red-50' : 'border-gray-200 bg-white'}`}>
      <p role={down ? 'alert' : 'status'} className={`text-sm font-medium ${down ? 'text-red-800' : 'text-gray-900'}`}>
        {answering
          ? `The gateway answers at ${url} (pid ${answeringPid}).`
          : `No gateway answers at ${url}: every prediction fails${state ? '; Berth is restarting it' : ''}.`}
      </p>
      <dl className="flex flex-col gap-1">
        {state ? (
          <>
            <Line label="Supervision">
              {state.status === 'up' ? 'Up' : state.status === 'restarting' ? 'Restarting' : 'Down'} since {time(state.since)}
              {state.nextAttemptAt && state.status === 'down' ? `; next start at ${time(state.nextAttemptAt)}` : ''}
            </Line>
            <Line label="Restarts by Berth">{state.restarts}</Line>
            {state.lastDown ? (
              <Line label="Last stopped">
                {time(state.lastDown.at)} ({state.lastDown.cause})
              </Line>
            ) : null}
            {state.lastRestart ? (
              <Line label="Last restart">
                {time(state.lastRestart.at)}, pid {state.lastRestart.pid}, took {state.lastRestart.tookMs} ms
              </Line>
            ) : null}
            {state.lastError ? <Line label="Last start failed">{state.lastError.split('\n')[0]}</Line> : null}
          </>
        ) : (
          <Line label="Supervision">Off: this console does not restart the gateway (BERTH_GATEWAY_SUPERVISE=0).</Line>
        )}
      </dl>
    </div>
  );
}
