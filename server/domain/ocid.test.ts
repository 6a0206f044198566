import { describe, expect, it } from 'vitest';
import { generateOcid, isOcid, OCID_TYPES, parseOcid, shortenOcids, shortOcid, splitOcids } from './ocid';

const zeros = (bytes: Uint8Array) => bytes.fill(0);
const counting = (bytes: Uint8Array) => bytes.map((_, i) => i);

describe('generateOcid', () => {
  it('builds a regional OCID with the OCI unique-id look', () => {
    const id = generateOcid('datasciencemodeldeployment', { region: 'iad' });
    expect(id).toMatch(/^ocid1\.datasciencemodeldeployment\.oc1\.iad\.aaaaaaaa[a-z2-7]{52}$/);
  });

  it('leaves the region out for identity resources, like OCI', () => {
    for (const type of ['tenancy', 'compartment', 'user', 'tagnamespace', 'tagdefinition'] as const) {
      expect(generateOcid(type, { region: 'iad' })).toMatch(new RegExp(`^ocid1\\.${type}\\.oc1\\.\\.aaaaaaaa[a-z2-7]{52}$`));
    }
  });

  it('keeps the region for projects, models, work requests and logs', () => {
    for (const type of ['datascienceproject', 'datasciencemodel', 'datascienceworkrequest', 'loggroup', 'log'] as const) {
      expect(parseOcid(generateOcid(type, { region: 'local' }))?.region).toBe('local');
    }
  });

  it('uses the injected random source and the requested realm', () => {
    expect(generateOcid('datasciencemodel', { region: 'phx', realm: 'oc2', random: zeros })).toBe(
      `ocid1.datasciencemodel.oc2.phx.aaaaaaaa${'a'.repeat(52)}`,
    );
    const unique = parseOcid(generateOcid('log', { region: 'phx', random: counting }))?.unique ?? '';
    expect(unique.slice(8, 8 + 34)).toBe('abcdefghijklmnopqrstuvwxyz234567ab');
  });

  it('gives different ids on each call by default', () => {
    const ids = new Set(Array.from({ length: 50 }, () => generateOcid('datasciencemodel', { region: 'iad' })));
    expect(ids.size).toBe(50);
  });

  it('refuses a regional type without a region', () => {
    expect(() => generateOcid('datasciencemodel', { region: '' })).toThrow(/region is required/);
  });
});

describe('parseOcid', () => {
  it('round-trips every generated type', () => {
    for (const type of OCID_TYPES) {
      const parsed = parseOcid(generateOcid(type, { region: 'us-ashburn-1' }));
      expect(parsed?.resourceType).toBe(type);
      expect(parsed?.realm).toBe('oc1');
    }
  });

  it('parses regionless and regional OCIDs as OCI prints them', () => {
    expect(parseOcid('ocid1.compartment.oc1..xxxx')).toEqual({ resourceType: 'compartment', realm: 'oc1', region: null, unique: 'xxxx' });
    expect(parseOcid('ocid1.datasciencemodeldeployment.oc1.iad.xxxx')).toEqual({
      resourceType: 'datasciencemodeldeployment',
      realm: 'oc1',
      region: 'iad',
      unique: 'xxxx',
    });
  });

  it('accepts the reserved future-use segment', () => {
    expect(parseOcid('ocid1.instance.oc1.phx.abc.uniq')?.unique).toBe('uniq');
  });

  it('rejects things that are not OCIDs', () => {
    for (const bad of ['', 'ocid1', 'ocid2.log.oc1.iad.x', 'ocid1.log.oc1.iad.', 'ocid1.Log.oc1.iad.x', 'ocid1.log.oc1.iad.x y', 'a.b.c.d.e.f.g']) {
      expect(parseOcid(bad)).toBeNull();
    }
  });
});

describe('isOcid', () => {
  it('checks the resource type when given', () => {
    const id = generateOcid('datascienceproject', { region: 'iad' });
    expect(isOcid(id)).toBe(true);
    expect(isOcid(id, 'datascienceproject')).toBe(true);
    expect(isOcid(id, 'datasciencemodel')).toBe(false);
    expect(isOcid(42)).toBe(false);
    expect(isOcid('not-an-ocid')).toBe(false);
  });
});

describe('shortOcid', () => {
  it('shows the last six characters', () => {
    expect(shortOcid('ocid1.datasciencemodel.oc1.iad.aaaaaaaabcdef123456')).toBe('...123456');
  });
});

describe('splitOcids and shortenOcids', () => {
  const md = 'ocid1.datasciencemodeldeployment.oc1.local.aaaaaaaa7k2qa3xyz4mnbv';
  const compartment = 'ocid1.compartment.oc1..aaaaaaaaq3xbcd';

  it('shortens every OCID in a log line, keeping the rest', () => {
    expect(shortenOcids(`POST /${md}/predict 200 3.2 ms`)).toBe('POST /...z4mnbv/predict 200 3.2 ms');
    expect(shortenOcids(`moved to ${compartment}.`)).toBe(`moved to ...${compartment.slice(-6)}.`);
  });

  it('returns the parts with the full OCID beside its short form', () => {
    expect(splitOcids(`a ${md} b`)).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'ocid', ocid: md, short: shortOcid(md) },
      { kind: 'text', text: ' b' },
    ]);
  });

  it('leaves text without OCIDs whole', () => {
    expect(splitOcids('ocid2.not.one')).toEqual([{ kind: 'text', text: 'ocid2.not.one' }]);
    expect(splitOcids('')).toEqual([]);
  });

  it('passes over long inputs that almost match', () => {
    const text = 'ocid1.'.repeat(200_000);
    expect(shortenOcids(text)).toBe(text);
  });
});
