// One line per figure that `npm run bench` (scripts/bench/all.ts) collects from each benchmark's
// output into its closing table. A benchmark run alone prints the same lines; they read as text.

export interface SummaryRow {
  benchmark: string;
  figure: string;
  /** As printed: "0 of 10,412", "0.98". */
  value: string;
  target: string;
  /** null: a figure with no target (printed for information). */
  pass: boolean | null;
}

export const SUMMARY_PREFIX = 'BENCH-SUMMARY ';

export function emitSummary(rows: SummaryRow[]): void {
  for (const r of rows) console.log(`${SUMMARY_PREFIX}${JSON.stringify(r)}`);
}

export function parseSummaryLine(line: string): SummaryRow | null {
  if (!line.startsWith(SUMMARY_PREFIX)) return null;
  try {
    const v = JSON.parse(line.slice(SUMMARY_PREFIX.length)) as Partial<SummaryRow>;
    if (typeof v.benchmark !== 'string' || typeof v.figure !== 'string' || typeof v.value !== 'string' || typeof v.target !== 'string') return null;
    return { benchmark: v.benchmark, figure: v.figure, value: v.value, target: v.target, pass: typeof v.pass === 'boolean' ? v.pass : null };
  } catch {
    return null;
  }
}

export const count = (n: number) => n.toLocaleString('en');
export const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A table with columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
