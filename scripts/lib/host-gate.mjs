// The console server's own checks before a request reaches Next: the Host allow-list (which
// closes DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1 still sends
// `Host: evil.example`), and which of TLS or loopback the console may serve on. Plain JavaScript,
// as console-server.mjs runs without a TypeScript loader: server/domain/request-gate.ts and
// serving-mode.ts are the typed originals, and request-gate.test.ts holds both to one table.

export const LOOPBACK_HOST_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

const WILDCARD_BIND_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);
const NAME = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)$/;

/** @param {string} name */
function normalizeHostName(name) {
  const n = name.trim().toLowerCase();
  return n.includes(':') && !n.startsWith('[') ? `[${n}]` : n;
}

/**
 * Loopback names, the bound address unless it is a wildcard, and BERTH_ALLOWED_HOSTS's names.
 * @param {string} bindHost
 * @param {string | undefined} extraText comma-separated
 * @returns {Set<string>}
 */
export function allowedHostNames(bindHost, extraText) {
  const names = new Set(LOOPBACK_HOST_NAMES);
  const bound = normalizeHostName(bindHost);
  if (!WILDCARD_BIND_HOSTS.has(bound)) names.add(bound);
  for (const e of (extraText ?? '').split(',')) if (e.trim()) names.add(normalizeHostName(e));
  return names;
}

/**
 * The name part of a Host header ('[::1]:3000' -> '[::1]'), or null when it is malformed.
 * @param {string | null | undefined} hostHeader
 */
export function hostNameOf(hostHeader) {
  if (!hostHeader) return null;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim().toLowerCase());
  if (!m?.[1] || !NAME.test(m[1])) return null;
  return m[1];
}

/**
 * @param {string | null | undefined} hostHeader
 * @param {ReadonlySet<string>} allowed
 */
export function isAllowedHost(hostHeader, allowed) {
  const name = hostNameOf(hostHeader);
  return name !== null && allowed.has(name);
}

/** @param {string | null | undefined} hostHeader */
export function hostRefusalMessage(hostHeader) {
  const shown = hostHeader ? `'${hostHeader.slice(0, 200)}'` : 'none';
  return `This console does not answer to the host name ${shown}. Open it by an address it serves (127.0.0.1, localhost, or a name in BERTH_ALLOWED_HOSTS).`;
}

/**
 * 127.0.0.0/8, ::1 and localhost.
 * @param {string} host
 */
export function isLoopbackAddress(host) {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h.replace(/^::ffff:/, ''));
  return v4 !== null && v4.slice(1).every((p) => Number(p) <= 255);
}
