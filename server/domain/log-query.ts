import { domainError, err, ok, type DomainError, type Result } from './result';

// The part of OCI Logging's query language that searching a deployment's logs uses:
//   search "<compartment>[/<log group>[/<log>]]"[, "..."] [| where <condition>] [| sort by datetime [asc|desc]]
// with conditions `field = 'value'` (`*` matches any run of characters), `field != 'value'`,
// `field in ('a', 'b')`, joined by `and` / `or` and grouped in parentheses. Fields are paths
// into a result's logContent (`data.level`, `type`, `source`, `oracle.logid`). Anything else
// is refused naming it, never searched as something it is not.

export interface LogSource {
  compartmentId: string;
  logGroupId?: string;
  logId?: string;
}

export type Condition =
  | { kind: 'eq'; field: string; value: string; negate: boolean }
  | { kind: 'in'; field: string; values: string[] }
  | { kind: 'and' | 'or'; left: Condition; right: Condition };

export interface LogQuery {
  sources: LogSource[];
  where: Condition | null;
  order: 'asc' | 'desc';
}

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'sym'; v: string };

const invalid = (message: string) => err(domainError('InvalidParameter', `searchQuery: ${message}`));

function tokenize(text: string): Result<Token[], DomainError> {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let v = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        v += text[j];
        j++;
      }
      if (j >= text.length) return invalid(`a string opened at ${i + 1} is not closed.`);
      out.push({ t: 'str', v });
      i = j + 1;
    } else if (c === '!' && text[i + 1] === '=') {
      out.push({ t: 'sym', v: '!=' });
      i += 2;
    } else if ('|,()='.includes(c)) {
      out.push({ t: 'sym', v: c });
      i++;
    } else {
      const m = /^[A-Za-z0-9_.-]+/.exec(text.slice(i));
      if (!m) return invalid(`"${c}" at ${i + 1} is not part of the query language Berth answers.`);
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return ok(out);
}

function sourceOf(text: string): Result<LogSource, DomainError> {
  const parts = text.split('/');
  if (parts.length > 3 || parts.some((p) => p.length === 0)) return invalid(`"${text}" is not <compartment>[/<log group>[/<log>]].`);
  const [compartmentId = '', logGroupId, logId] = parts;
  return ok({ compartmentId, ...(logGroupId ? { logGroupId } : {}), ...(logId ? { logId } : {}) });
}

export function parseLogQuery(text: string): Result<LogQuery, DomainError> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const ts = tokens.data;
  let pos = 0;
  const peek = () => ts[pos];
  const word = (w: string) => {
    const t = ts[pos];
    return t?.t === 'word' && t.v.toLowerCase() === w;
  };
  const sym = (s: string) => ts[pos]?.t === 'sym' && ts[pos]?.v === s;

  if (!word('search')) return invalid('it must begin with search "<compartment>/<log group>/<log>".');
  pos++;
  const sources: LogSource[] = [];
  for (;;) {
    const t = peek();
    if (t?.t !== 'str') return invalid('search must name at least one quoted "<compartment>/<log group>/<log>".');
    const s = sourceOf(t.v);
    if (!s.ok) return s;
    sources.push(s.data);
    pos++;
    if (!sym(',')) break;
    pos++;
  }

  function value(): Result<string, DomainError> {
    const t = peek();
    if (t?.t === 'str' || (t?.t === 'word' && /^[0-9.-]+$/.test(t.v))) {
      pos++;
      return ok(t.v);
    }
    return invalid(`a quoted value was expected${t ? ` where "${t.v}" is` : ' at the end'}.`);
  }

  function primary(): Result<Condition, DomainError> {
    if (sym('(')) {
      pos++;
      const inner = or();
      if (!inner.ok) return inner;
      if (!sym(')')) return invalid('a parenthesis is not closed.');
      pos++;
      return inner;
    }
    const f = peek();
    if (f?.t !== 'word') return invalid(`a field was expected${f ? ` where "${f.v}" is` : ' at the end'}.`);
    pos++;
    if (sym('=') || sym('!=')) {
      const negate = peek()?.v === '!=';
      pos++;
      const v = value();
      return v.ok ? ok({ kind: 'eq', field: f.v, value: v.data, negate }) : v;
    }
    if (word('in')) {
      pos++;
      if (!sym('(')) return invalid(`in needs a list: ${f.v} in ('a', 'b').`);
      pos++;
      const values: string[] = [];
      for (;;) {
        const v = value();
        if (!v.ok) return v;
        values.push(v.data);
        if (sym(',')) pos++;
        else break;
      }
      if (!sym(')')) return invalid('the list after in is not closed.');
      pos++;
      return ok({ kind: 'in', field: f.v, values });
    }
    return invalid(`${f.v} must be followed by =, != or in.`);
  }

  function chain(kind: 'and' | 'or', next: () => Result<Condition, DomainError>): Result<Condition, DomainError> {
    let left = next();
    while (left.ok && word(kind)) {
      pos++;
      const right = next();
      if (!right.ok) return right;
      left = ok({ kind, left: left.data, right: right.data });
    }
    return left;
  }
  const and = () => chain('and', primary);
  const or = (): Result<Condition, DomainError> => chain('or', and);

  let where: Condition | null = null;
  let order: 'asc' | 'desc' = 'desc';
  while (sym('|')) {
    pos++;
    if (word('where')) {
      pos++;
      const c = or();
      if (!c.ok) return c;
      where = where ? { kind: 'and', left: where, right: c.data } : c.data;
    } else if (word('sort')) {
      pos++;
      if (!word('by')) return invalid('sort must be followed by "by datetime".');
      pos++;
      if (!word('datetime')) return invalid('results can be sorted by datetime only.');
      pos++;
      if (word('asc') || word('desc')) {
        order = (peek()?.v.toLowerCase() as 'asc' | 'desc') ?? 'desc';
        pos++;
      }
    } else return invalid(`"${peek()?.v ?? ''}" after | is not a command Berth answers (where, sort).`);
  }
  if (pos < ts.length) return invalid(`"${ts[pos]?.v ?? ''}" is not expected there.`);
  return ok({ sources, where, order });
}

function fieldOf(content: Record<string, unknown>, path: string): unknown {
  let v: unknown = content;
  for (const key of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** `*` matches any run; comparison ignores case, as OCI's does for text. */
function like(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'is');
  return re.test(value);
}

// v is a primitive where String() meets it: null, undefined and objects are handled first.
// eslint-disable-next-line @typescript-eslint/no-base-to-string
const text = (v: unknown) => (v === undefined || v === null ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function matchesCondition(c: Condition, content: Record<string, unknown>): boolean {
  switch (c.kind) {
    case 'and':
      return matchesCondition(c.left, content) && matchesCondition(c.right, content);
    case 'or':
      return matchesCondition(c.left, content) || matchesCondition(c.right, content);
    case 'in': {
      const v = text(fieldOf(content, c.field));
      return v !== undefined && c.values.some((x) => like(x, v));
    }
    case 'eq': {
      const v = text(fieldOf(content, c.field));
      const hit = v !== undefined && like(c.value, v);
      return c.negate ? !hit : hit;
    }
  }
}

/** A string for the query language: quotes and backslashes escaped. */
export const quoted = (s: string) => `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
