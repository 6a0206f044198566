// What score.py's predict() reads from its input, found by reading the source (never running it):
// the keys it subscripts on its data argument, as in `data["x"]`. A model without an input schema
// then still gets an invoke sample with the keys it needs. Keys read with .get() are optional and
// are left out: a sample that sets them may switch on a branch the user did not ask for.

const MAX_KEYS = 20;

/** The first parameter of a top-level `def predict(...)`, or null when there is none. */
function predictParameter(source: string): { name: string; bodyStart: number } | null {
  const m = /^(?:async\s+)?def\s+predict\s*\(\s*\*{0,2}\s*([A-Za-z_][A-Za-z0-9_]*)/m.exec(source);
  return m?.[1] ? { name: m[1], bodyStart: m.index + m[0].length } : null;
}

/** predict()'s body: from its signature to the next line that starts at column 0 with code. */
function predictBody(source: string, from: number): string {
  const rest = source.slice(from);
  const lines = rest.split('\n');
  const out: string[] = [lines[0] ?? ''];
  for (const line of lines.slice(1)) {
    if (/^[^\s#)]/.test(line)) break;
    out.push(line);
  }
  return out.join('\n');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The string keys predict() subscripts on its data argument, in the order they first appear. */
export function predictInputKeys(source: string): string[] {
  const param = predictParameter(source);
  if (!param) return [];
  const body = predictBody(source, param.bodyStart);
  const re = new RegExp(`(?<![A-Za-z0-9_.])${escapeRegExp(param.name)}\\s*\\[\\s*(?:"([^"\\n]{1,100})"|'([^'\\n]{1,100})')\\s*\\]`, 'g');
  const keys: string[] = [];
  for (const m of body.matchAll(re)) {
    const key = m[1] ?? m[2];
    if (key !== undefined && !keys.includes(key)) keys.push(key);
    if (keys.length >= MAX_KEYS) break;
  }
  return keys;
}
