'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Field } from '@/components/ui/field';
import { Spinner } from '@/components/ui/spinner';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { Textarea } from '@/components/ui/textarea';
import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import type { SampleRequest } from '@/server/domain/sample-request';
import { CodeBlock } from './code-block';
import { explainStatus } from './invoke-explanation';
import { PREDICT_PAYLOAD_MAX_BYTES, payloadLimitMessage } from '@/server/domain/predict-limits';
import type { InvokeResult } from './invoke-result';
import { buildSnippets } from './invoke-snippets';

export interface InvokePanelProps {
  deploymentId: string;
  /** `<modelDeploymentUrl>/predict` */
  endpoint: string;
  state: ModelDeploymentLifecycleState;
  bandwidthMbps: number;
  sample: SampleRequest;
  /** Who answers predictions: score.py behind Berth's model server, or the user's own container. */
  serving: 'conda' | 'container';
  /**
   * Whether the endpoint takes unsigned predict requests: the local gateway's BERTH_PREDICT_AUTH,
   * or `profile` where the endpoint takes signed requests only and the console signs with the
   * context's profile (OCI's).
   */
  predictAuth?: 'open' | 'signed' | 'profile';
}

function jsonIssue(text: string): string | null {
  if (new Blob([text]).size > PREDICT_PAYLOAD_MAX_BYTES) return `${payloadLimitMessage()}: send a smaller request.`;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return `Not valid JSON: ${(e as Error).message}`;
  }
}

const show = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body, null, 2));

export function InvokePanel({ deploymentId, endpoint, state, bandwidthMbps, sample, serving, predictAuth = 'open' }: InvokePanelProps) {
  const initial = JSON.stringify(sample.body, null, 2);
  const [text, setText] = useState(initial);
  const [issue, setIssue] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<InvokeResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function send() {
    const problem = jsonIssue(text);
    setIssue(problem);
    if (problem) {
      // The answer shown was to another request: next to an invalid one it would mislead.
      setResult(null);
      setFailure(null);
      return;
    }
    setSending(true);
    setFailure(null);
    try {
      const res = await fetch(`/api/model-deployments/${encodeURIComponent(deploymentId)}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
      const json = (await res.json().catch(() => null)) as (InvokeResult & { message?: string }) | null;
      if (res.ok && json) {
        setResult(json);
      } else {
        setResult(null);
        setFailure(json?.message ?? `The console could not forward the request (HTTP ${res.status}).`);
      }
    } catch (e) {
      setResult(null);
      setFailure(`The console did not answer: ${(e as Error).message}. Check that it is still running, then send again.`);
    } finally {
      setSending(false);
    }
  }

  const explanation = result ? explainStatus(result.status, state, bandwidthMbps, serving) : null;
  const ok = result !== null && result.status >= 200 && result.status < 300;
  const snippets = buildSnippets(endpoint, text, predictAuth !== 'open');

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="invoke-endpoint" className="flex flex-col gap-1.5">
        <h3 id="invoke-endpoint" className="text-sm font-semibold text-gray-900">
          Your model HTTP endpoint
        </h3>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded border border-gray-200 bg-gray-50 px-2 py-1 font-mono text-[13px] break-all">{endpoint}</code>
          <CopyButton text={endpoint} label="Copy predict endpoint" variant="secondary" />
        </div>
        {state !== 'ACTIVE' && (
          <p className="text-sm text-amber-800">
            The deployment is not Active, so the endpoint answers 404 for now; its URL does not change when it is activated.
          </p>
        )}
      </section>

      <section aria-labelledby="invoke-request" className="flex flex-col gap-2">
        <h3 id="invoke-request" className="text-sm font-semibold text-gray-900">
          Send a request
        </h3>
        <Field label="Request body (JSON)" hint={sample.note} {...(issue ? { error: issue } : {})}>
          <Textarea
            rows={10}
            spellCheck={false}
            className="font-mono text-xs"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (issue) setIssue(null);
            }}
          />
        </Field>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" loading={sending} onClick={() => void send()}>
            Send
          </Button>
          <Button variant="secondary" disabled={sending || text === initial} onClick={() => setText(initial)}>
            Reset to the sample
          </Button>
          {sending && <span className="text-sm text-gray-600">Waiting for the model&apos;s answer (up to 60 s)…</span>}
        </div>
      </section>

      <section aria-labelledby="invoke-response" aria-live="polite" className="flex flex-col gap-2">
        <h3 id="invoke-response" className="text-sm font-semibold text-gray-900">
          Response
        </h3>
        {failure && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {failure}
          </p>
        )}
        {!result && !failure && (
          <p className="text-sm text-gray-600">{sending ? <Spinner label="Sending" /> : issue ? 'Fix the request above, then send it to see its answer here.' : 'Send a request to see the status, latency and response here.'}</p>
        )}
        {result && (
          <>
            <dl className="flex flex-wrap items-center gap-x-5 gap-y-1 text-sm">
              <div className="flex items-center gap-1.5">
                <dt className="text-gray-500">Status</dt>
                <dd>
                  <Badge tone={ok ? 'success' : 'danger'}>{`HTTP ${result.status}`}</Badge>
                </dd>
              </div>
              <div className="flex items-center gap-1.5">
                <dt className="text-gray-500">Latency</dt>
                <dd className="tabular-nums">{result.latencyMs} ms</dd>
              </div>
              {result.headers['opc-request-id'] && (
                <div className="flex items-center gap-1.5">
                  <dt className="text-gray-500">opc-request-id</dt>
                  <dd className="font-mono text-xs break-all">{result.headers['opc-request-id']}</dd>
                </div>
              )}
              {result.headers['x-berth-fault'] && (
                <div className="flex items-center gap-1.5">
                  <dt className="text-gray-500">Injected by fault</dt>
                  <dd className="font-mono text-xs break-all">{result.headers['x-berth-fault']}</dd>
                </div>
              )}
            </dl>
            {explanation && (
              <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {explanation}
              </p>
            )}
            <pre aria-label="Response body" className="max-h-96 overflow-auto rounded-md border border-gray-200 bg-gray-50 p-3 font-mono text-xs text-gray-800">
              {show(result.body)}
            </pre>
          </>
        )}
      </section>

      <section aria-labelledby="invoke-samples" className="flex flex-col gap-2">
        <h3 id="invoke-samples" className="text-sm font-semibold text-gray-900">
          Code samples
        </h3>
        <p className="text-sm text-gray-600">
          {predictAuth === 'profile'
            ? 'This endpoint takes signed requests only: each sample signs with your API key from ~/.oci/config, as the OCI CLI does. Send above signs with the key of this context’s profile.'
            : predictAuth === 'signed'
            ? 'This endpoint takes signed requests only (BERTH_PREDICT_AUTH=signed), as OCI does: each sample signs with your API key from ~/.oci/config (add one on the API keys page of your account). Send above works without one: the console checks you itself.'
            : 'Each sample sends the request body above. This endpoint takes unsigned requests (BERTH_PREDICT_AUTH=open) and checks a signature when one comes; against OCI, requests are signed with your API key (the OCI CLI does it for you).'}
        </p>
        <Tabs key={predictAuth} defaultValue={snippets[0]?.id ?? 'curl'}>
          <TabsList aria-label="Code samples">
            {snippets.map((s) => (
              <TabsTrigger key={s.id} value={s.id}>
                {s.label}
              </TabsTrigger>
            ))}
          </TabsList>
          {snippets.map((s) => (
            <TabsContent key={s.id} value={s.id}>
              <CodeBlock code={s.code} label={`${s.label} sample`} />
            </TabsContent>
          ))}
        </Tabs>
      </section>
    </div>
  );
}
