// Which TCP ports a container's processes listen on, read from /proc/net/tcp and /proc/net/tcp6
// inside it. Pure parsing: the text comes from `docker exec cat ...` or the host's /proc/<pid>/net.

export interface ListeningSocket {
  /** Dotted IPv4 or a compact IPv6 address; '0.0.0.0' and '::' mean every address. */
  address: string;
  port: number;
}

const LISTEN = '0A';

function ipv4(hex: string): string {
  // The kernel prints the address as one little-endian 32-bit word.
  const bytes = hex.match(/../g) ?? [];
  return bytes.map((b) => parseInt(b, 16)).reverse().join('.');
}

function ipv6(hex: string): string {
  // Four little-endian 32-bit words; each word's bytes are reversed.
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((w) => (w.match(/../g) ?? []).reverse());
  const groups: string[] = [];
  for (let i = 0; i < bytes.length; i += 2) groups.push(String(parseInt(`${bytes[i]}${bytes[i + 1]}`, 16).toString(16)));
  if (groups.every((g) => g === '0')) return '::';
  if (groups.slice(0, 7).every((g) => g === '0') && groups[7] === '1') return '::1';
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') return `::ffff:${ipv4(words[3] ?? '')}`;
  return groups.join(':');
}

/** The listening sockets in /proc/net/tcp or tcp6 text (both may be concatenated). */
export function parseProcNetTcp(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    if (!local || cols[3] !== LISTEN || !/^[0-9A-Fa-f]+:[0-9A-Fa-f]{4}$/.test(local)) continue;
    const [addrHex = '', portHex = ''] = local.split(':');
    const address = addrHex.length === 8 ? ipv4(addrHex) : addrHex.length === 32 ? ipv6(addrHex) : null;
    if (address === null) continue;
    const socket = { address, port: parseInt(portHex, 16) };
    const key = `${socket.address}|${socket.port}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(socket);
    }
  }
  return out.sort((a, b) => a.port - b.port || a.address.localeCompare(b.address));
}

const LOOPBACK = (address: string) => address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');

/** Whether a published port reaches the socket: it must not be bound to loopback only. */
export const reachableFromOutside = (s: ListeningSocket) => !LOOPBACK(s.address);

/** "8080, 127.0.0.1:9000": what the container listens on, for a message. */
export const describeSockets = (sockets: ListeningSocket[]): string =>
  [...new Set(sockets.map((s) => (reachableFromOutside(s) ? String(s.port) : `${s.address}:${s.port}`)))].join(', ');
