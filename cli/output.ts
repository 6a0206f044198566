// What the commands print: JSON on stdout for scripts (jq), a table for people, messages on stderr.

export interface CliIo {
  /** stdout: the command's result. */
  out(text: string): void;
  /** stderr: progress, warnings and errors, one line each. */
  err(line: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

export const printJson = (io: CliIo, value: unknown) => io.out(`${JSON.stringify(value, null, 2)}\n`);

export interface DeploymentRow {
  id: string;
  displayName: string;
  lifecycleState: string;
  timeCreated: Date | string;
}

const iso = (t: Date | string) => (t instanceof Date ? t.toISOString() : String(t));

/** Fixed-width columns, the last one unpadded; an empty list says so instead of printing a bare header. */
export function deploymentTable(rows: DeploymentRow[]): string {
  if (rows.length === 0) return 'No model deployments.\n';
  const header = ['OCID', 'NAME', 'STATE', 'CREATED'];
  const cells = rows.map((r) => [r.id, r.displayName, r.lifecycleState, iso(r.timeCreated)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (cols: string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  return `${[line(header), ...cells.map(line)].join('\n')}\n`;
}
