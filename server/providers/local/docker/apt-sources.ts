import fs from 'node:fs';
import path from 'node:path';

// Where this machine gets its Debian packages: apt's own sources, in both formats (one-line
// sources.list and deb822 .sources files). The base image is bootstrapped from the same mirror, so
// a machine that can apt-get can build it, and no mirror's name is written into the code.

export interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  enabled: boolean;
  /** The file it came from, to name it in messages. */
  file: string;
}

/** `deb [arch=amd64 signed-by=...] http://host/debian bookworm main contrib`, one entry a line. */
export function parseOneLineSources(text: string, file: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const withoutOptions = line.replace(/\[[^\]]*\]/g, ' ').trim();
    const [type, uri, suite, ...components] = withoutOptions.split(/\s+/);
    if (!type || !uri || !suite || (type !== 'deb' && type !== 'deb-src')) continue;
    out.push({ types: [type], uris: [uri], suites: [suite], components, enabled: true, file });
  }
  return out;
}

/** deb822: stanzas of `Field: value` separated by blank lines; values may continue on indented lines. */
export function parseDeb822Sources(text: string, file: string): AptSource[] {
  const out: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | null = null;
    for (const raw of stanza.split('\n')) {
      if (raw.trimStart().startsWith('#')) continue;
      if (/^\s/.test(raw) && last) {
        fields.set(last, `${fields.get(last) ?? ''} ${raw.trim()}`);
        continue;
      }
      const m = raw.match(/^([A-Za-z0-9-]+):\s*(.*)$/);
      if (!m) continue;
      last = (m[1] ?? '').toLowerCase();
      fields.set(last, (m[2] ?? '').trim());
    }
    const list = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter(Boolean);
    if (list('types').length === 0 || list('uris').length === 0) continue;
    out.push({
      types: list('types'),
      uris: list('uris'),
      suites: list('suites'),
      components: list('components'),
      enabled: !/^(no|false|0)$/i.test(fields.get('enabled') ?? 'yes'),
      file,
    });
  }
  return out;
}

/**
 * The mirror to bootstrap `suite` from: the first enabled binary (deb) source that serves the
 * suite itself (not -security or -updates) with the main component. Null when there is none.
 */
export function debianMirrorFor(sources: readonly AptSource[], suite: string): string | null {
  for (const s of sources) {
    if (!s.enabled || !s.types.includes('deb') || !s.suites.includes(suite) || !s.components.includes('main')) continue;
    const uri = s.uris.find((u) => /^https?:\/\//.test(u));
    if (uri) return uri.replace(/\/+$/, '');
  }
  return null;
}

export const APT_SOURCE_FILES = { list: '/etc/apt/sources.list', dir: '/etc/apt/sources.list.d' } as const;

/** Every source of this machine's apt configuration; unreadable files count as empty. */
export function readAptSources(files: { list: string; dir: string } = APT_SOURCE_FILES): AptSource[] {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const sources = parseOneLineSources(read(files.list), files.list);
  let names: string[] = [];
  try {
    names = fs.readdirSync(files.dir).sort();
  } catch {
    // No sources.list.d: only sources.list counts.
  }
  for (const name of names) {
    const file = path.join(files.dir, name);
    if (name.endsWith('.list')) sources.push(...parseOneLineSources(read(file), file));
    else if (name.endsWith('.sources')) sources.push(...parseDeb822Sources(read(file), file));
  }
  return sources;
}

export type MirrorResolution = { ok: true; mirror: string; from: string } | { ok: false; message: string };

/**
 * BERTH_DEBIAN_MIRROR when set (it must be an http(s) URL), else the machine's apt sources. The
 * failure says what was looked at and how to set the mirror by hand.
 */
export function resolveDebianMirror(suite: string, env: Record<string, string | undefined> = process.env, sources: () => AptSource[] = readAptSources): MirrorResolution {
  const given = env.BERTH_DEBIAN_MIRROR?.trim();
  if (given) {
    if (!/^https?:\/\/[^\s/]+/.test(given)) return { ok: false, message: `BERTH_DEBIAN_MIRROR must be an http:// or https:// URL of a Debian mirror, not "${given}".` };
    return { ok: true, mirror: given.replace(/\/+$/, ''), from: 'BERTH_DEBIAN_MIRROR' };
  }
  const all = sources();
  const mirror = debianMirrorFor(all, suite);
  const from = all.find((s) => s.uris.some((u) => u.replace(/\/+$/, '') === mirror))?.file ?? '';
  if (mirror) return { ok: true, mirror, from };
  return {
    ok: false,
    message:
      `No Debian mirror for ${suite} was found in this machine's apt sources (${APT_SOURCE_FILES.list}, ${APT_SOURCE_FILES.dir}/*.list and *.sources): ` +
      `the base image is bootstrapped from one. Set BERTH_DEBIAN_MIRROR to a Debian mirror's URL (its /debian folder) and run the command again.`,
  };
}
