// Code samples for calling a predict endpoint, filled with the real endpoint and request body.
// OCI signs predict requests; so does the local gateway with BERTH_PREDICT_AUTH=signed, where the
// samples sign with the caller's API key. With `open` they send plain requests.

export type SnippetId = 'curl' | 'python' | 'typescript' | 'oci-cli';

export interface Snippet {
  id: SnippetId;
  label: string;
  code: string;
}

/** A POSIX shell single-quoted word: ' becomes '\'' so any JSON survives the shell. */
export const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The body as compact JSON when it parses, else as typed (the samples still show the endpoint). */
function compact(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body));
  } catch {
    return body.trim();
  }
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return JSON.stringify(body);
  }
}

export function buildSnippets(endpoint: string, body: string, signed = false): Snippet[] {
  const json = compact(body);
  return signed ? signedSnippets(endpoint, body, json) : [
    {
      id: 'curl',
      label: 'curl',
      code: [
        `curl -sS -X POST ${shellQuote(endpoint)} \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -d ${shellQuote(json)}`,
      ].join('\n'),
    },
    {
      id: 'python',
      label: 'Python (requests)',
      code: [
        'import json',
        'import requests',
        '',
        `endpoint = ${JSON.stringify(endpoint)}`,
        `body = json.loads(${JSON.stringify(json)})`,
        '',
        '# Against OCI, sign the request: auth=oci.signer.Signer(tenancy, user, fingerprint, key_file)',
        'response = requests.post(endpoint, json=body, timeout=60)',
        'print(response.status_code, response.headers.get("opc-request-id"))',
        'print(response.json())',
      ].join('\n'),
    },
    {
      id: 'typescript',
      label: 'TypeScript (fetch)',
      code: [
        `const endpoint = ${JSON.stringify(endpoint)};`,
        `const body = ${pretty(body)};`,
        '',
        'const response = await fetch(endpoint, {',
        "  method: 'POST',",
        "  headers: { 'Content-Type': 'application/json' },",
        '  body: JSON.stringify(body),',
        '  signal: AbortSignal.timeout(60_000),',
        '});',
        "console.log(response.status, response.headers.get('opc-request-id'));",
        'console.log(await response.json());',
      ].join('\n'),
    },
    ociCliSnippet(endpoint, json),
  ];
}

/** The OCI CLI's raw-request, which signs with the API key of ~/.oci/config: the same signed or open. */
function ociCliSnippet(endpoint: string, json: string): Snippet {
  return {
    id: 'oci-cli',
    label: 'OCI CLI',
    code: [
      '# The OCI CLI signs the request with your API key (~/.oci/config).',
      `oci raw-request --http-method POST \\`,
      `  --target-uri ${shellQuote(endpoint)} \\`,
      `  --request-body ${shellQuote(json)}`,
    ].join('\n'),
  };
}

/** Signed samples: the OCI CLI, the Python SDK's signer and oci-common's, with ~/.oci/config. */
function signedSnippets(endpoint: string, body: string, json: string): Snippet[] {
  return [
    ociCliSnippet(endpoint, json),
    {
      id: 'python',
      label: 'Python (oci signer)',
      code: [
        'import json',
        'import oci',
        'import requests',
        '',
        'config = oci.config.from_file()',
        'auth = oci.signer.Signer(config["tenancy"], config["user"], config["fingerprint"], config["key_file"])',
        `endpoint = ${JSON.stringify(endpoint)}`,
        `body = json.loads(${JSON.stringify(json)})`,
        'response = requests.post(endpoint, json=body, auth=auth, timeout=60)',
        'print(response.status_code, response.headers.get("opc-request-id"))',
        'print(response.json())',
      ].join('\n'),
    },
    {
      id: 'typescript',
      label: 'TypeScript (oci-common)',
      code: [
        "import * as common from 'oci-common';",
        '',
        `const endpoint = ${JSON.stringify(endpoint)};`,
        `const body = JSON.stringify(${pretty(body)});`,
        'const auth = new common.ConfigFileAuthenticationDetailsProvider();',
        "const headers = new Headers({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });",
        "const request: common.HttpRequest = { method: 'POST', uri: endpoint, headers, body };",
        'await new common.DefaultRequestSigner(auth).signHttpRequest(request);',
        "const response = await fetch(endpoint, { method: 'POST', headers: request.headers, body });",
        'console.log(response.status, await response.json());',
      ].join('\n'),
    },
  ];
}
