import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { debianMirrorFor, parseDeb822Sources, parseOneLineSources, readAptSources, resolveDebianMirror } from './apt-sources';

// Mirror names here are made up (example.org, example.net): nothing real is written into the code.

const ONE_LINE = `
# the main archive
deb http://mirror.example.org/debian bookworm main contrib
deb-src http://mirror.example.org/debian bookworm main
deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] https://security.example.org/debian-security bookworm-security main
deb https://vendor.example.net/apt stable main # a vendor's repository
`;

const DEB822 = `Types: deb
# http://snapshot.example.org/archive/debian/20250520T000000Z
URIs: http://ftp.example.org/debian/
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://ftp.example.org/debian-security
Suites: bookworm-security
Components: main

Types: deb
URIs: http://off.example.org/debian
Suites: bookworm
Components: main
Enabled: no
`;

describe('apt sources', () => {
  it('reads one-line sources with options and comments', () => {
    const s = parseOneLineSources(ONE_LINE, 'sources.list');
    expect(s.map((x) => [x.types[0], x.uris[0], x.suites[0], x.components])).toEqual([
      ['deb', 'http://mirror.example.org/debian', 'bookworm', ['main', 'contrib']],
      ['deb-src', 'http://mirror.example.org/debian', 'bookworm', ['main']],
      ['deb', 'https://security.example.org/debian-security', 'bookworm-security', ['main']],
      ['deb', 'https://vendor.example.net/apt', 'stable', ['main']],
    ]);
  });

  it('reads deb822 stanzas, several suites each, comments between fields, and Enabled: no', () => {
    const s = parseDeb822Sources(DEB822, 'debian.sources');
    expect(s).toHaveLength(3);
    expect(s[0]).toMatchObject({ uris: ['http://ftp.example.org/debian/'], suites: ['bookworm', 'bookworm-updates'], enabled: true });
    expect(s[2]?.enabled).toBe(false);
  });

  it('picks the first enabled binary source of the suite itself with main, without a trailing slash', () => {
    expect(debianMirrorFor(parseDeb822Sources(DEB822, 'f'), 'bookworm')).toBe('http://ftp.example.org/debian');
    expect(debianMirrorFor(parseOneLineSources(ONE_LINE, 'f'), 'bookworm')).toBe('http://mirror.example.org/debian');
    // Security and updates suites, deb-src, disabled stanzas and other suites never count.
    expect(debianMirrorFor(parseOneLineSources('deb-src http://a.example.org/debian bookworm main\ndeb http://b.example.org/debian trixie main', 'f'), 'bookworm')).toBeNull();
  });

  it('reads sources.list and sources.list.d/*.list and *.sources, ignoring other files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-apt-'));
    try {
      fs.mkdirSync(path.join(dir, 'd'));
      fs.writeFileSync(path.join(dir, 'sources.list'), '# empty\n');
      fs.writeFileSync(path.join(dir, 'd', 'debian.sources'), DEB822);
      fs.writeFileSync(path.join(dir, 'd', 'vendor.list'), 'deb http://v.example.net/apt bookworm main\n');
      fs.writeFileSync(path.join(dir, 'd', 'old.list.disabled'), 'deb http://never.example.net/debian bookworm main\n');
      const sources = readAptSources({ list: path.join(dir, 'sources.list'), dir: path.join(dir, 'd') });
      expect(sources.map((s) => s.uris[0])).toEqual(['http://ftp.example.org/debian/', 'http://ftp.example.org/debian-security', 'http://off.example.org/debian', 'http://v.example.net/apt']);
      expect(readAptSources({ list: path.join(dir, 'missing'), dir: path.join(dir, 'missing.d') })).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes BERTH_DEBIAN_MIRROR over the sources, refuses a non-URL, and says what to do when nothing is found', () => {
    const none = () => [];
    expect(resolveDebianMirror('bookworm', { BERTH_DEBIAN_MIRROR: 'http://local.example.org/debian/' }, none)).toEqual({
      ok: true,
      mirror: 'http://local.example.org/debian',
      from: 'BERTH_DEBIAN_MIRROR',
    });
    expect(resolveDebianMirror('bookworm', { BERTH_DEBIAN_MIRROR: 'mirror.example.org' }, none)).toMatchObject({ ok: false, message: expect.stringContaining('must be an http') });
    const missing = resolveDebianMirror('bookworm', {}, none);
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('Set BERTH_DEBIAN_MIRROR') });
    expect(resolveDebianMirror('bookworm', {}, () => parseDeb822Sources(DEB822, '/etc/apt/sources.list.d/debian.sources'))).toEqual({
      ok: true,
      mirror: 'http://ftp.example.org/debian',
      from: '/etc/apt/sources.list.d/debian.sources',
    });
  });
});
