// HAProxy 2.6 (Debian's) with the predict rules Berth's gateway applies, expressed in its own
// configuration, for issue 15's design question: does a data plane built on HAProxy still reach
// nginx's throughput once it carries Berth's work, not only as a bare proxy? Measured beside the
// gateway, nginx and bare HAProxy in gateway-bench.ts. What it carries, per request:
//   - OCI's error answers (404 unknown deployment, 405, 411, 413) in OCI's JSON with an opc-request-id;
//   - an opc-request-id on every answer;
//   - the tenancy's predict rate (a stick table, 429 with Retry-After);
//   - the deployment's load balancer bandwidth (a stick table of bytes per second, 429 above it);
//   - the route from the OCID in the path (a map, as a runtime-API-updated map would be);
//   - Authorization kept from the model server; active health checks; retries on refused connections;
//   - one access log line in 100 sent to a UDP port (the telemetry sample), every request counted in stats.
// What it leaves out, and the gateway does: signed predict (RSA needs a helper outside HAProxy's Lua),
// a token bucket's debt for a response larger than the budget (a sliding rate here), the latency
// histogram (from the sampled lines, not built here), and the generation handover (runtime API).

const json = (code: string, message: string) => `'{"code":"${code}","message":"${message}"}'`;

export interface HaproxyRulesInput {
  port: number;
  upstreamPort: number;
  threads: number;
  modelDeploymentId: string;
  /** Bytes per second the deployment's load balancer allows. */
  bandwidthBytesPerSecond: number;
  /** The tenancy's predict requests per second. */
  requestsPerSecond: number;
  /** Where the sampled access log lines go (127.0.0.1). */
  logPort: number;
  /** The route map and the bandwidth map, written beside the configuration. */
  routesMap: string;
  bandwidthMap: string;
}

/** The configuration text, and the two maps' contents. */
export function haproxyRulesConfig(o: HaproxyRulesInput): { config: string; routes: string; bandwidth: string } {
  const backend = 'md_bench';
  const answer = (status: number, code: string, message: string, cond: string, extra = '') =>
    `  http-request return status ${status} content-type application/json${extra} hdr opc-request-id %[unique-id] lf-string ${json(code, message)} ${cond}`;
  const config = `global
  nbthread ${o.threads}
  maxconn 4096
  log 127.0.0.1:${o.logPort} len 2048 sample 1:100 local0
defaults
  mode http
  log global
  option dontlognull
  log-format "%ID %ST %U %B %Ta %Tr %b %s"
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout http-request 10s
  http-reuse always
  retries 3
  retry-on conn-failure empty-response
  option redispatch
backend tenancy_rate
  stick-table type integer size 1 expire 10s store http_req_rate(1s)
backend deployment_bytes
  stick-table type string len 128 size 100k expire 60s store bytes_in_rate(1s),bytes_out_rate(1s)
frontend predict
  bind 127.0.0.1:${o.port}
  unique-id-format %[uuid(4)]
  http-after-response set-header opc-request-id %[unique-id]
  http-request track-sc0 int(1) table tenancy_rate
${answer(429, 'TooManyRequests', 'Too many requests for the tenancy.', 'if { sc_http_req_rate(0) gt ' + o.requestsPerSecond + ' }', ' hdr retry-after 1')}
  acl predict path_reg ^/[^/]+/predict$
  http-request set-var(txn.md) path,field(2,/)
  http-request set-var(txn.backend) var(txn.md),map(${o.routesMap}) if predict
${answer(404, 'NotAuthorizedOrNotFound', 'Authorization failed or requested resource not found.', 'unless { var(txn.backend) -m found }')}
${answer(405, 'MethodNotAllowed', 'Predict takes POST.', 'unless METH_POST')}
${answer(411, 'LengthRequired', 'A predict request must carry Content-Length.', 'unless { req.hdr(content-length) -m found }')}
${answer(413, 'PayloadTooLarge', 'The predict payload is over 10 MB.', 'if { req.hdr_val(content-length) gt 10485760 }')}
  http-request track-sc1 var(txn.md) table deployment_bytes
  http-request set-var(txn.budget) var(txn.md),map(${o.bandwidthMap})
${answer(429, 'TooManyRequests', 'The deployment is over its load balancer bandwidth.', 'if { sc_bytes_out_rate(1),sub(txn.budget) gt 0 }', ' hdr retry-after 1')}
  use_backend %[var(txn.backend)]
backend ${backend}
  http-request set-path /predict
  http-request del-header authorization
  option httpchk GET /health
  http-error status 503 content-type application/json lf-string ${json('ServiceUnavailable', 'No instance of the deployment is healthy.')}
  server instance-0 127.0.0.1:${o.upstreamPort} check inter 1s
`;
  return {
    config,
    routes: `${o.modelDeploymentId} ${backend}\n`,
    bandwidth: `${o.modelDeploymentId} ${Math.floor(o.bandwidthBytesPerSecond)}\n`,
  };
}

/**
 * Throws unless the running configuration answers as the gateway does where the rules apply, so
 * the benchmark's column measures a proxy that really carries them.
 */
export async function checkHaproxyRules(port: number, modelDeploymentId: string): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const cases: { what: string; send: () => Promise<Response>; status: number; code?: string }[] = [
    { what: 'a predict', send: () => fetch(`${base}/${modelDeploymentId}/predict`, { method: 'POST', body: '{}' }), status: 200 },
    { what: 'an unknown deployment', send: () => fetch(`${base}/ocid1.datasciencemodeldeployment.oc1.bench.unknown/predict`, { method: 'POST', body: '{}' }), status: 404, code: 'NotAuthorizedOrNotFound' },
    { what: 'a GET', send: () => fetch(`${base}/${modelDeploymentId}/predict`), status: 405, code: 'MethodNotAllowed' },
    {
      what: 'a chunked body',
      send: () => fetch(`${base}/${modelDeploymentId}/predict`, { method: 'POST', body: new Blob(['{}']).stream(), duplex: 'half' } as RequestInit),
      status: 411,
      code: 'LengthRequired',
    },
  ];
  for (const c of cases) {
    const res = await c.send();
    const body = await res.text();
    const code = c.code ? ((JSON.parse(body) as { code?: string }).code ?? null) : undefined;
    if (res.status !== c.status || (c.code && code !== c.code) || !res.headers.get('opc-request-id')) {
      throw new Error(`haproxy with Berth's rules answered ${c.what} with ${res.status} ${body.slice(0, 120)} (expected ${c.status}${c.code ? ` ${c.code}` : ''} with an opc-request-id)`);
    }
  }
}
