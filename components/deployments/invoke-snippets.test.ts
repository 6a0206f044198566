import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildSnippets, shellQuote } from './invoke-snippets';

const ENDPOINT = 'http://127.0.0.1:3080/ocid1.datasciencemodeldeployment.oc1.local.abc/predict';

describe('invoke snippets', () => {
  it('quotes any text for the shell', () => {
    const tricky = `{"q": "it's \\"quoted\\" $HOME \`x\`"}`;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(tricky)}`], { encoding: 'utf8' })).toBe(tricky);
  });

  it('fills every sample with the endpoint and the body', () => {
    const snippets = buildSnippets(ENDPOINT, '{\n  "x": [1, 2, 3]\n}');
    expect(snippets.map((s) => s.id)).toEqual(['curl', 'python', 'typescript', 'oci-cli']);
    for (const s of snippets) expect(s.code).toContain(ENDPOINT);
    const [curl, python, ts, cli] = snippets.map((s) => s.code);
    expect(curl).toContain(`-d '{"x":[1,2,3]}'`);
    expect(python).toContain('body = json.loads("{\\"x\\":[1,2,3]}")');
    expect(ts).toContain('const body = {\n  "x": [\n    1,');
    expect(cli).toContain(`--request-body '{"x":[1,2,3]}'`);
    expect(cli).toContain('oci raw-request --http-method POST');
  });

  it('keeps a body that is not JSON as typed', () => {
    const [curl, , ts] = buildSnippets(ENDPOINT, ' not json ').map((s) => s.code);
    expect(curl).toContain(`-d 'not json'`);
    expect(ts).toContain('const body = " not json ";');
  });
});
