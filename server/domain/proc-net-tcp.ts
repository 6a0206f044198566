import type { ListeningSocket } from './deployment-check';

// Linux's /proc/net/tcp and /proc/net/tcp6: one socket a line, "local_address" as hex IP:port,
// "st" 0A for LISTEN. Read from a container's network namespace, it names the ports its
// process really listens on, whatever the configuration declares.

const LISTEN = '0A';

function ipv4(hex: string): string {
  const bytes = hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? [];
  // Each 32-bit word is in host (little-endian) byte order.
  return bytes.reverse().join('.');
}

function ipv6(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse());
  const groups = (bytes.join('').match(/.{4}/g) ?? []).map((g) => parseInt(g, 16));
  if (groups.every((g) => g === 0)) return '::';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return '::1';
  // An IPv4-mapped address (::ffff:a.b.c.d) reads as the IPv4 one.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [a = 0, b = 0] = groups.slice(6);
    return [a >> 8, a & 255, b >> 8, b & 255].join('.');
  }
  return groups.map((g) => g.toString(16)).join(':');
}

/** The listening sockets of one or more /proc/net/tcp{,6} texts, each port and address once. */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const out = new Map<string, ListeningSocket>();
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (!cols[0]?.endsWith(':') || !local || cols[3] !== LISTEN) continue;
    const [addr = '', portHex = ''] = local.split(':');
    const port = parseInt(portHex, 16);
    if (!Number.isFinite(port)) continue;
    const address = addr.length === 8 ? ipv4(addr) : addr.length === 32 ? ipv6(addr) : addr;
    out.set(`${address}:${port}`, { port, address });
  }
  return [...out.values()].sort((a, b) => a.port - b.port || a.address.localeCompare(b.address));
}
