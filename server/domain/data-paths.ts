// Work-request logs and errors are read in the console, where a host path such as
// /home/me/berth/.data/artifacts/ocid1.../v1 says more about the machine than the resource. Paths
// under the data directory are shown relative to it ("artifacts/ocid1.../v1").

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every absolute path under `dataDir` written relative to it; the directory itself reads "the data directory". */
export function relativizePaths(text: string, dataDir: string): string {
  const root = dataDir.replace(/\/+$/, '');
  if (root === '' || !text.includes(root)) return text;
  // Only whole path segments: /data must not match inside /database.
  const re = new RegExp(`${escapeRegExp(root)}(?=/|$|[\\s,;:'")\\]]|\\.(?:\\s|$))(/+)?`, 'g');
  return text.replace(re, (_m, slash: string | undefined) => (slash ? '' : 'the data directory'));
}
