// Sizes in words, one way everywhere: "512 B", "1.5 KB", "10 MB", "12.3 GB". Binary units under
// the names people read (KB = 1,024 bytes), as OCI's limits mean them ("The payload size limit is
// 10 MB" is 10,485,760 bytes), with one decimal at most.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i += 1;
  }
  let rounded = Math.round(v * 10) / 10;
  // 1023.96 KB reads as 1 MB, not 1024 KB.
  if (rounded >= 1024 && i < UNITS.length - 1) {
    rounded = Math.round((rounded / 1024) * 10) / 10;
    i += 1;
  }
  return `${bytes < 0 ? '-' : ''}${rounded} ${UNITS[i] ?? 'B'}`;
}

/**
 * "0.13 GB", "17.5 GB": decimal gigabytes, for the limits OCI states in them (a model artifact of
 * 2 GB for a direct upload, 6 GB in all; a container image of 16 GB), so a size and its limit
 * compare in one unit.
 */
export function formatDecimalGigabytes(bytes: number): string {
  return `${(bytes / 1000 ** 3).toFixed(bytes >= 1000 ** 3 ? 1 : 2)} GB`;
}
