// Oracle Cloud Identifiers: ocid1.<resource type>.<realm>.[region][.future use].<unique ID>

export const OCID_TYPES = [
  'tenancy',
  'compartment',
  'user',
  'group',
  'policy',
  'apikey',
  'datascienceproject',
  'datasciencemodel',
  'datasciencemodeldeployment',
  'datascienceworkrequest',
  'datasciencemodelversionset',
  'tagnamespace',
  'tagdefinition',
  'loggroup',
  'log',
  'alarm',
] as const;
export type OcidType = (typeof OCID_TYPES)[number];

// Identity resources live in the home region for the whole tenancy, so OCI leaves the region out.
export const REGIONLESS_OCID_TYPES: readonly OcidType[] = ['tenancy', 'compartment', 'user', 'group', 'policy', 'apikey', 'tagnamespace', 'tagdefinition'];

export const OCID_TYPE_LABELS: Record<OcidType, string> = {
  tenancy: 'tenancy',
  compartment: 'compartment',
  user: 'user',
  group: 'group',
  policy: 'policy',
  apikey: 'API key',
  datascienceproject: 'project',
  datasciencemodel: 'model',
  datasciencemodeldeployment: 'model deployment',
  datascienceworkrequest: 'work request',
  datasciencemodelversionset: 'model version set',
  tagnamespace: 'tag namespace',
  tagdefinition: 'tag definition',
  loggroup: 'log group',
  log: 'log',
  alarm: 'alarm',
};

export interface GenerateOcidOptions {
  /** Region key or name, e.g. `iad` or `us-ashburn-1`; ignored for regionless types. */
  region: string;
  realm?: string;
  /** Fills the array with random bytes; defaults to `crypto.getRandomValues`. */
  random?: (bytes: Uint8Array) => Uint8Array;
}

export interface ParsedOcid {
  resourceType: string;
  realm: string;
  /** Null for regionless resources such as tenancies and compartments. */
  region: string | null;
  unique: string;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const UNIQUE_PREFIX = 'aaaaaaaa';
const UNIQUE_RANDOM_LENGTH = 52;

const defaultRandom = (bytes: Uint8Array): Uint8Array => globalThis.crypto.getRandomValues(bytes);

export const isRegionless = (resourceType: string): boolean =>
  (REGIONLESS_OCID_TYPES as readonly string[]).includes(resourceType);

export function generateOcid(resourceType: OcidType, { region, realm = 'oc1', random = defaultRandom }: GenerateOcidOptions): string {
  const regionless = isRegionless(resourceType);
  if (!regionless && !region) {
    // A programming error, not user input: a regional OCID without a region would be malformed.
    throw new TypeError(`generateOcid: a region is required for ${resourceType} OCIDs`);
  }
  const bytes = random(new Uint8Array(UNIQUE_RANDOM_LENGTH));
  let unique = UNIQUE_PREFIX;
  // 256 is a multiple of 32, so taking the low five bits keeps every character equally likely.
  for (const byte of bytes) unique += BASE32[byte & 31];
  return `ocid1.${resourceType}.${realm}.${regionless ? '' : region}.${unique}`;
}

const SEGMENT = /^[a-z0-9]+$/;
const REGION_SEGMENT = /^[a-z0-9-]+$/;

export function parseOcid(s: string): ParsedOcid | null {
  const parts = s.split('.');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [version, resourceType = '', realm = '', region = ''] = parts;
  const unique = parts[parts.length - 1] ?? '';
  if (version !== 'ocid1') return null;
  if (!SEGMENT.test(resourceType) || !SEGMENT.test(realm) || !SEGMENT.test(unique)) return null;
  if (region !== '' && !REGION_SEGMENT.test(region)) return null;
  if (parts.length === 6 && !SEGMENT.test(parts[4] ?? '')) return null;
  return { resourceType, realm, region: region === '' ? null : region, unique };
}

// Given a string, the answer says nothing of its type: a refused one is still a string, which the
// predicate alone would narrow to `never` in the else branch.
export function isOcid(value: string, resourceType?: OcidType): boolean;
export function isOcid(value: unknown, resourceType?: OcidType): value is string;
export function isOcid(value: unknown, resourceType?: OcidType): boolean {
  if (typeof value !== 'string') return false;
  const parsed = parseOcid(value);
  return parsed !== null && (resourceType === undefined || parsed.resourceType === resourceType);
}

/** The console's short form: the last six characters, e.g. `...x7k2qa`. */
export const shortOcid = (ocid: string): string => `...${ocid.slice(-6)}`;

// Anything shaped like an OCID inside free text (log lines, URLs): type, realm, optional region and
// unique part. Bounded quantifiers keep the scan linear.
const OCID_IN_TEXT = /ocid1\.[a-z0-9]{1,64}\.[a-z0-9]{1,32}\.[a-z0-9-]{0,32}(?:\.[a-z0-9]{1,64})?\.[a-z0-9]{6,128}/g;

export type TextPart = { kind: 'text'; text: string } | { kind: 'ocid'; ocid: string; short: string };

/**
 * Splits text into plain runs and OCIDs, each OCID with its short form, so a log line can show
 * "POST /...x7k2qa/predict" (full OCID on hover) instead of one 90-character word.
 */
export function splitOcids(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(OCID_IN_TEXT)) {
    const at = m.index;
    if (at > last) parts.push({ kind: 'text', text: text.slice(last, at) });
    parts.push({ kind: 'ocid', ocid: m[0], short: shortOcid(m[0]) });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The text with every OCID in its short form. */
export const shortenOcids = (text: string): string => splitOcids(text).map((p) => (p.kind === 'text' ? p.text : p.short)).join('');
