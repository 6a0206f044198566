import fs from 'node:fs';
import * as common from 'oci-common';
import type { DataScienceProvider } from '../types';
import { createOciProvider } from './index';
import type { OcirRegistry } from './registry';

// The profiles of an OCI config file (~/.oci/config), read with oci-common's own reader, each a
// context the console can switch to. What is wrong with a profile is said in words, never thrown.

/** What the console may show about a profile: no key, no fingerprint, no user. */
export interface OciProfileSummary {
  name: string;
  region: string;
  tenancyId: string;
  /** The endpoint override, when the profile or BERTH_OCI_ENDPOINT_<PROFILE> sets one. */
  endpoint: string | null;
  /** Why the profile cannot be used, for the switch to show; null when it can. */
  problem: string | null;
}

export interface OciProfile extends OciProfileSummary {
  provider: DataScienceProvider | null;
  defaultCompartmentId: string;
}

export interface OciProfileSource {
  configFile: string;
  /** Endpoint overrides by profile name, upper-cased with every other character as `_`. */
  endpoints: Record<string, string>;
}

/** The BERTH_OCI_ENDPOINT_<PROFILE> suffix of a profile name: `dev-cloud` is `DEV_CLOUD`. */
export const endpointVariableSuffix = (profile: string) => profile.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** The profile names of the config file, DEFAULT first; none when the file is missing. */
export function profileNames(configFile: string): string[] {
  if (!fs.existsSync(common.ConfigFileReader.expandUserHome(configFile))) return [];
  const parsed = common.ConfigFileReader.parseFileFromPath(configFile, null);
  return [...parsed.accumulator.configurationsByProfile.keys()];
}

/**
 * Where the profile's OCIR image references start: berth_ocir_registry when the profile sets it;
 * a Berth cloud (an endpoint override) runs its images by their own names, so none; else OCI's
 * `<region key>.ocir.io/<namespace>`, the namespace read from the tenancy's repositories.
 */
function defaultRegistry(region: string, endpoint: string | null | undefined): OcirRegistry {
  if (endpoint) return { kind: 'fixed', prefix: '' };
  try {
    const code = common.Region.fromRegionId(region).regionCode;
    return { kind: 'lookup', host: `${code ?? region}.ocir.io` };
  } catch {
    return { kind: 'lookup', host: `${region}.ocir.io` };
  }
}

/** Opens one profile: its provider, or the reason it has none. */
export function openProfile(source: OciProfileSource, name: string): OciProfile {
  const base = { name, region: '', tenancyId: '', endpoint: null as string | null, defaultCompartmentId: '' };
  let file: ReturnType<typeof common.ConfigFileReader.parseFileFromPath>;
  try {
    file = common.ConfigFileReader.parseFileFromPath(source.configFile, name);
  } catch (e) {
    return { ...base, provider: null, problem: `The profile cannot be read from ${source.configFile}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const region = file.get('region') ?? '';
  const tenancyId = file.get('tenancy') ?? '';
  const endpoint = source.endpoints[endpointVariableSuffix(name)] ?? file.get('berth_endpoint');
  const defaultCompartmentId = file.get('berth_compartment') ?? tenancyId;
  const known = { ...base, region, tenancyId, endpoint, defaultCompartmentId };
  const missing = ['user', 'fingerprint', 'key_file', 'tenancy', 'region'].filter((k) => !file.get(k));
  if (missing.length > 0) return { ...known, provider: null, problem: `The profile lacks ${missing.join(', ')}.` };
  const keyFile = common.ConfigFileReader.expandUserHome(file.get('key_file') ?? '');
  if (!fs.existsSync(keyFile)) return { ...known, provider: null, problem: `Its key file ${file.get('key_file')} does not exist.` };
  try {
    const auth = new common.ConfigFileAuthenticationDetailsProvider(source.configFile, name);
    const compartmentIds = defaultCompartmentId !== tenancyId ? [defaultCompartmentId] : [];
    const named = file.get('berth_ocir_registry');
    const registry: OcirRegistry = named !== undefined && named !== null ? { kind: 'fixed', prefix: named } : defaultRegistry(region, endpoint);
    return { ...known, problem: null, provider: createOciProvider({ auth, tenancyId, ...(endpoint ? { endpoint } : {}), registry, compartmentIds }) };
  } catch (e) {
    return { ...known, provider: null, problem: `The profile cannot be used: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Asks OCI once with the profile's key (a one-project list in the tenancy): a refused signature
 * or an unreachable endpoint is the problem the switch shows.
 */
export async function probeProfile(profile: OciProfile): Promise<string | null> {
  if (!profile.provider) return profile.problem;
  const r = await profile.provider.listProjects({ compartmentId: profile.defaultCompartmentId, limit: 1 });
  if (r.ok) return null;
  if (r.error.code === 'NotAuthenticated') return `OCI refused the signature: ${r.error.message}`;
  // A 404 on the list says only that this user may not list projects there, not that the key failed.
  return r.error.code === 'NotAuthorizedOrNotFound' ? null : r.error.message;
}
