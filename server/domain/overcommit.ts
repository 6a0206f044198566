import { formatBytes } from './bytes';

// Deployments are fitted to the host one by one, so together they can reserve more than the host
// has. The operations page says so in words, with by how much, rather than a bar at 150 %.

const round1 = (n: number) => Math.round(n * 10) / 10;
const cpus = (n: number) => `${round1(n)} CPU${round1(n) === 1 ? '' : 's'}`;

/** Null while the reservations fit the host. */
export function overcommitText(kind: 'cpu' | 'memory', reserved: number, total: number): string | null {
  if (total <= 0 || reserved <= total) return null;
  const pct = Math.round((reserved / total) * 100);
  if (kind === 'cpu') {
    return `Overcommitted: ${pct}% of the host's CPUs are reserved, ${cpus(reserved - total)} more than it has. Instances share the CPUs and each gets less than its shape under load.`;
  }
  return `Overcommitted: ${pct}% of the host's memory is reserved, ${formatBytes(reserved - total)} more than it has. Under load the kernel may stop instances for lack of memory (OOM).`;
}
