// Code samples for calling a predict endpoint, filled with the real endpoint and request body.
// OCI signs predict requests; the local gateway does not check signatures, so the samples work
// as they are here and say what to add against OCI.

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

export function buildSnippets(endpoint: string, body: string): Snippet[] {
  const json = compact(body);
  return [
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
    {
      id: 'oci-cli',
      label: 'OCI CLI',
      code: [
        '# The OCI CLI signs the request with your API key (~/.oci/config).',
        `oci raw-request --http-method POST \\`,
        `  --target-uri ${shellQuote(endpoint)} \\`,
        `  --request-body ${shellQuote(json)}`,
      ].join('\n'),
    },
  ];
}
