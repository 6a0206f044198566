import { STATISTICS } from './metric-stats';
import { err, ok, type Result } from './result';

// An OCI Monitoring alarm expression, as autoscaling custom rules and alarms use it:
//   Metric[interval]{dim = "v", dim2 != "w"}.grouping().statistic() > 70
// Parsed by hand, character by character, so that every error says where it is: a user typing a
// query in a form needs the column of the offending token, not just "invalid query".

export const COMPARISON_OPERATORS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface ExpressionFilter {
  dimension: string;
  op: '=' | '!=' | '=~';
  value: string;
  /** Where the quoted value starts (0-based), so a check on it can point there. */
  valueIndex: number;
}

export interface AlarmExpression {
  metric: string;
  interval: string;
  intervalIndex: number;
  filters: ExpressionFilter[];
  /** The functions in order: a statistic and, optionally, grouping(). */
  functions: { name: string; index: number }[];
  statistic: string;
  op: ComparisonOperator;
  opIndex: number;
  threshold: number;
  /** The query without the comparison: what the metric store evaluates. */
  metricQuery: string;
}

export interface ExpressionError {
  message: string;
  /** 0-based index of the offending token in the query. */
  index: number;
  /** The offending token, or '' at the end of the query. */
  token: string;
}

export type ExpressionResult = Result<AlarmExpression, ExpressionError>;

/** Bounded before anything reads it; OCI's alarms allow queries of this order. */
export const MAX_EXPRESSION_LENGTH = 2000;

const NAME = /[A-Za-z_]\w*/y;
const DIMENSION = /[A-Za-z_][\w.]*/y;
const NUMBER = /-?\d+(?:\.\d+)?/y;
const WORD = /[^\s[\]{}().,"<>=!&]+|./y;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] ?? '')) this.i++;
  }
  match(re: RegExp): string | null {
    this.skip();
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) return null;
    this.i += m[0].length;
    return m[0];
  }
  take(literal: string): boolean {
    this.skip();
    if (!this.s.startsWith(literal, this.i)) return false;
    this.i += literal.length;
    return true;
  }
  /** The token at the cursor, for an error message. */
  tokenAt(index: number): string {
    if (index >= this.s.length) return '';
    WORD.lastIndex = index;
    return WORD.exec(this.s)?.[0] ?? '';
  }
}

class ParseFailure extends Error {
  constructor(readonly detail: ExpressionError) {
    super(detail.message);
  }
}

function fail(c: Cursor, expected: string, index = (c.skip(), c.i)): never {
  const token = c.tokenAt(index);
  const found = token ? `"${token}"` : 'the end of the query';
  throw new ParseFailure({ message: `Expected ${expected} at column ${index + 1}, found ${found}.`, index, token });
}

export function parseAlarmExpression(query: string): ExpressionResult {
  if (query.length > MAX_EXPRESSION_LENGTH) {
    return err({ message: `The query is ${query.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}.`, index: MAX_EXPRESSION_LENGTH, token: '' });
  }
  try {
    return ok(parse(new Cursor(query)));
  } catch (e) {
    if (e instanceof ParseFailure) return err(e.detail);
    throw e;
  }
}

function parse(c: Cursor): AlarmExpression {
  const metric = c.match(NAME) ?? fail(c, 'a metric name such as CpuUtilization');
  if (!c.take('[')) fail(c, '"[" and an interval such as 1m');
  c.skip();
  const intervalIndex = c.i;
  const interval = c.match(/\d+[a-z]/y) ?? fail(c, 'an interval such as 1m');
  if (!c.take(']')) fail(c, '"]" after the interval');

  const filters: ExpressionFilter[] = [];
  if (c.take('{')) {
    if (!c.take('}')) {
      for (;;) {
        const dimension = c.match(DIMENSION) ?? fail(c, 'a dimension name such as resourceId');
        const op = (c.take('=~') ? '=~' : c.take('!=') ? '!=' : c.take('=') ? '=' : null) ?? fail(c, '"=", "!=" or "=~"');
        c.skip();
        const valueIndex = c.i;
        const quoted = c.match(/"((?:[^"\\]|\\.)*)"/y) ?? fail(c, 'a quoted value such as "ocid1..."');
        filters.push({ dimension, op, value: quoted.slice(1, -1).replace(/\\(.)/g, '$1'), valueIndex });
        if (c.take('}')) break;
        if (!c.take(',') && !c.take('&&')) fail(c, '"," or "&&" between dimension filters, or "}"');
      }
    }
  }

  const functions: AlarmExpression['functions'] = [];
  while (c.take('.')) {
    c.skip();
    const index = c.i;
    const name = c.match(/\w+/y) ?? fail(c, 'a function name after "."');
    if (!c.take('(') || !c.take(')')) fail(c, `"()" after ${name}`);
    if (name !== 'grouping' && !(STATISTICS as readonly string[]).includes(name)) {
      fail(c, `grouping() or a statistic (${STATISTICS.join(', ')})`, index);
    }
    if (functions.some((f) => f.name === name || (name !== 'grouping' && f.name !== 'grouping'))) {
      fail(c, name === 'grouping' ? 'grouping() only once' : 'only one statistic', index);
    }
    functions.push({ name, index });
  }
  const statistic = functions.find((f) => f.name !== 'grouping')?.name ?? fail(c, `a statistic such as .mean() (${STATISTICS.join(', ')})`);
  const metricQuery = c.s.slice(0, c.i).trim();

  c.skip();
  const opIndex = c.i;
  const op = COMPARISON_OPERATORS.find((o) => c.take(o)) ?? fail(c, 'a comparison (>, >=, <, <=, ==, !=) and a threshold');
  const number = c.match(NUMBER) ?? fail(c, 'a number after the comparison');
  c.skip();
  if (c.i < c.s.length) fail(c, 'the end of the query');
  return { metric, interval, intervalIndex, filters, functions, statistic, op, opIndex, threshold: Number(number), metricQuery };
}

/** What the SDK's examples put where the deployment's OCID goes; the service substitutes it. */
export const RESOURCE_ID_PLACEHOLDER = 'MODEL_DEPLOYMENT_OCID';

/** The query with the placeholder replaced by the deployment's OCID: what the metric store runs. */
export function withResourceId(query: string, resourceId: string): string {
  return query.replaceAll(`"${RESOURCE_ID_PLACEHOLDER}"`, `"${resourceId}"`);
}

/** Whether a value meets the expression's trigger rule. */
export function compare(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}
