import { OCI_CAPABILITIES } from '@/server/providers/oci';
import { openProfile, probeProfile, profileNames, type OciProfile, type OciProfileSource } from '@/server/providers/oci/profiles';
import type { DataScienceProvider, ProviderCapabilities } from '@/server/providers/types';

// The contexts a console session can work in: "Local" (this machine's provider) and each profile
// of the OCI config file. Which one a session uses is the session's choice (a cookie); the
// profiles' keys stay on the server, and the browser only ever sees a profile's name and region.

export const LOCAL_CONTEXT_ID = 'local';
const OCI_PREFIX = 'oci:';

export interface SessionContext {
  id: string;
  kind: 'local' | 'oci';
  label: string;
  provider: DataScienceProvider;
  capabilities: ProviderCapabilities;
  /** Where lists open when the address names no compartment. */
  defaultCompartmentId: string;
}

/** A context as the switch shows it: never a key, a fingerprint or a user. */
export interface ContextOption {
  id: string;
  kind: 'local' | 'oci';
  label: string;
  region: string;
  /** Why the context cannot be used (a missing key file, a refused signature); null when it can. */
  problem: string | null;
  /** Its provider's `promotionTarget`: a local deployment can be promoted into it. */
  acceptsPromotion: boolean;
}

export interface ProviderContexts {
  local: SessionContext;
  /** Every context, each OCI profile checked against OCI (answers kept for a minute). */
  options(): Promise<ContextOption[]>;
  /** The usable context of that id, or null (unknown, or a profile with a problem). */
  resolve(id: string): SessionContext | null;
}

const PROBE_TTL_MS = 60_000;

export function createProviderContexts(deps: { local: DataScienceProvider; localDefaultCompartmentId: string; region: string; oci: OciProfileSource; now?: () => number }): ProviderContexts {
  const now = deps.now ?? Date.now;
  const local: SessionContext = { id: LOCAL_CONTEXT_ID, kind: 'local', label: 'Local', provider: deps.local, capabilities: deps.local.capabilities, defaultCompartmentId: deps.localDefaultCompartmentId };
  const opened = new Map<string, OciProfile>();
  const probes = new Map<string, { at: number; problem: Promise<string | null> }>();

  function profile(name: string): OciProfile {
    let p = opened.get(name);
    if (!p) {
      p = openProfile(deps.oci, name);
      opened.set(name, p);
    }
    return p;
  }

  function names(): string[] {
    try {
      return profileNames(deps.oci.configFile);
    } catch {
      return [];
    }
  }

  function probe(p: OciProfile): Promise<string | null> {
    const cached = probes.get(p.name);
    if (cached && now() - cached.at < PROBE_TTL_MS) return cached.problem;
    const problem = probeProfile(p).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    probes.set(p.name, { at: now(), problem });
    return problem;
  }

  return {
    local,
    async options() {
      const profiles = names().map(profile);
      const problems = await Promise.all(profiles.map(probe));
      return [
        { id: LOCAL_CONTEXT_ID, kind: 'local' as const, label: 'Local', region: deps.region, problem: null, acceptsPromotion: deps.local.capabilities.promotionTarget },
        ...profiles.map((p, i) => ({
          id: `${OCI_PREFIX}${p.name}`,
          kind: 'oci' as const,
          label: p.name,
          region: p.region,
          problem: problems[i] ?? null,
          // A profile that cannot be opened has no provider yet; what it would offer is OCI's.
          acceptsPromotion: (p.provider?.capabilities ?? OCI_CAPABILITIES).promotionTarget,
        })),
      ];
    },
    resolve(id) {
      if (id === LOCAL_CONTEXT_ID) return local;
      if (!id.startsWith(OCI_PREFIX)) return null;
      const name = id.slice(OCI_PREFIX.length);
      if (!names().includes(name)) return null;
      const p = profile(name);
      if (!p.provider) return null;
      return { id, kind: 'oci', label: p.name, provider: p.provider, capabilities: p.provider.capabilities, defaultCompartmentId: p.defaultCompartmentId };
    },
  };
}
