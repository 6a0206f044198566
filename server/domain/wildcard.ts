// MQL's `=~` takes `*` as "any run of characters". Turning each `*` into `.*` of a regular
// expression backtracks exponentially ("o*******q" against a long id stalled the console), so the
// match is done by hand: the literal pieces between stars are found in order, each by KMP, which
// reads every character of the value at most twice. Leftmost placement of each piece is always
// safe: if any placement of the pieces fits, the leftmost one leaves the most room for the rest.

export interface WildcardPattern {
  /** The literal pieces between stars, in order (empty pieces dropped: `a**b` is `a*b`). */
  pieces: string[];
  anchoredStart: boolean;
  anchoredEnd: boolean;
  /** Without any star the pattern is an exact comparison. */
  exact: string | null;
}

export function compileWildcard(pattern: string): WildcardPattern {
  if (!pattern.includes('*')) return { pieces: [], anchoredStart: true, anchoredEnd: true, exact: pattern };
  const parts = pattern.split('*');
  return {
    pieces: parts.filter((p) => p !== ''),
    anchoredStart: !pattern.startsWith('*'),
    anchoredEnd: !pattern.endsWith('*'),
    exact: null,
  };
}

/** The number of `*` runs in a pattern (`a**b` has one), what the query bound counts. */
export const wildcardCount = (pattern: string): number => (pattern.match(/\*+/g) ?? []).length;

/** Whether `value` matches the compiled pattern, in time linear in value and pattern lengths. */
export function matchWildcard(p: WildcardPattern, value: string): boolean {
  if (p.exact !== null) return value === p.exact;
  const { pieces } = p;
  let from = 0;
  let first = 0;
  if (p.anchoredStart) {
    const head = pieces[0] ?? '';
    if (!value.startsWith(head)) return false;
    from = head.length;
    first = 1;
  }
  let end = value.length;
  let last = pieces.length;
  // Both ends anchored means a star sits between them, so head and tail are different pieces.
  if (p.anchoredEnd) {
    const tail = pieces[pieces.length - 1] ?? '';
    end = value.length - tail.length;
    if (end < from || !value.endsWith(tail)) return false;
    last -= 1;
  }
  for (let i = first; i < last; i++) {
    const piece = pieces[i] ?? '';
    const at = indexOfKmp(value, piece, from, end);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/** The first index >= from where `needle` lies wholly before `end`, or -1; Knuth-Morris-Pratt. */
export function indexOfKmp(haystack: string, needle: string, from: number, end = haystack.length): number {
  if (needle.length === 0) return from <= end ? from : -1;
  const fail = new Int32Array(needle.length);
  for (let i = 1, k = 0; i < needle.length; i++) {
    while (k > 0 && needle[i] !== needle[k]) k = fail[k - 1] as number;
    if (needle[i] === needle[k]) k++;
    fail[i] = k;
  }
  for (let i = from, k = 0; i < end; i++) {
    while (k > 0 && haystack[i] !== needle[k]) k = fail[k - 1] as number;
    if (haystack[i] === needle[k]) k++;
    if (k === needle.length) return i - needle.length + 1;
  }
  return -1;
}
