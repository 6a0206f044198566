// The container contract's numeric rules (seed 001, "BYOC Required Interfaces"), in one place for
// the validation schemas and the pre-create check alike.

export const CONTAINER_PORT_MIN = 1024;
export const CONTAINER_PORT_MAX = 65535;
/** Used by the service's own agents inside the instance. */
export const RESERVED_PORTS: readonly number[] = [24224, 8446, 8447];
/** CMD and entrypoint together, in UTF-8 bytes. */
export const COMMAND_MAX_BYTES = 2048;
/** "The size of the container image is limited to 16 GB in uncompressed form." */
export const IMAGE_MAX_BYTES = 16 * 1000 ** 3;

/** Why a port breaks the contract's rules, or null when it keeps them. */
export function portRuleIssue(port: number): string | null {
  if (!Number.isInteger(port) || port < CONTAINER_PORT_MIN || port > CONTAINER_PORT_MAX) {
    return `Port ${port} is outside ${CONTAINER_PORT_MIN} to ${CONTAINER_PORT_MAX}.`;
  }
  if (RESERVED_PORTS.includes(port)) return `Port ${port} is reserved by the service (${RESERVED_PORTS.join(', ')} cannot be used).`;
  return null;
}
