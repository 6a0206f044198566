// How the console may be served, decided from its bind address and TLS settings. Off loopback a
// session cookie crosses a network, so plain HTTP is allowed only on loopback; elsewhere either
// the console has a certificate or the operator says a reverse proxy in front terminates TLS.
// scripts/lib/console-server.mjs repeats the loopback test (it runs without TypeScript).

export type ServingMode =
  | { kind: 'loopback-http' }
  | { kind: 'tls'; certFile: string; keyFile: string }
  | { kind: 'behind-tls-proxy' };

export interface ServingSettings {
  host: string;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  behindTlsProxy: boolean;
}

/** 127.0.0.0/8, ::1 and localhost: addresses nothing off this machine can reach. */
export function isLoopbackAddress(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h.replace(/^::ffff:/, ''));
  return v4 !== null && v4.slice(1).every((p) => Number(p) <= 255);
}

export type ServingModeResult = { ok: true; mode: ServingMode } | { ok: false; message: string };

export function servingMode(s: ServingSettings): ServingModeResult {
  if ((s.tlsCert === undefined) !== (s.tlsKey === undefined)) {
    return { ok: false, message: `BERTH_TLS_CERT and BERTH_TLS_KEY go together: set both (the certificate and its private key, PEM files) or neither.` };
  }
  if (s.tlsCert !== undefined && s.tlsKey !== undefined) {
    if (s.behindTlsProxy) return { ok: false, message: 'Set BERTH_TLS_CERT/BERTH_TLS_KEY (the console serves HTTPS) or BERTH_BEHIND_TLS_PROXY=1 (a proxy in front does), not both.' };
    return { ok: true, mode: { kind: 'tls', certFile: s.tlsCert, keyFile: s.tlsKey } };
  }
  if (s.behindTlsProxy) return { ok: true, mode: { kind: 'behind-tls-proxy' } };
  if (isLoopbackAddress(s.host)) return { ok: true, mode: { kind: 'loopback-http' } };
  return {
    ok: false,
    message:
      `BERTH_HOST=${s.host} would serve the console, and its session cookies, over plain HTTP to the network. ` +
      'Either set BERTH_TLS_CERT and BERTH_TLS_KEY to a certificate and key (PEM files) so the console serves HTTPS, ' +
      'or set BERTH_BEHIND_TLS_PROXY=1 if a reverse proxy in front of it terminates TLS; or keep BERTH_HOST=127.0.0.1.',
  };
}

/** The line `npm start` prints about the mode in force. */
export function describeServingMode(mode: ServingMode, host: string): string {
  switch (mode.kind) {
    case 'loopback-http':
      return `Serving HTTP on ${host} (loopback only: nothing off this machine can reach it)`;
    case 'tls':
      return `Serving HTTPS on ${host} with the certificate ${mode.certFile}`;
    case 'behind-tls-proxy':
      return `Serving HTTP on ${host} behind a reverse proxy that terminates TLS (BERTH_BEHIND_TLS_PROXY=1); cookies are marked Secure`;
  }
}
