export const LOOPBACK_HOST_NAMES: readonly string[];
export function allowedHostNames(bindHost: string, extraText: string | undefined): Set<string>;
export function hostNameOf(hostHeader: string | null | undefined): string | null;
export function isAllowedHost(hostHeader: string | null | undefined, allowed: ReadonlySet<string>): boolean;
export function hostRefusalMessage(hostHeader: string | null | undefined): string;
export function isLoopbackAddress(host: string): boolean;
