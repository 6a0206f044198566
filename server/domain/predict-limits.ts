import { formatBytes } from './bytes';

// OCI's predict payload limit (OCI-SPEC E: over it, 413 PayloadTooLarge "The payload size limit is
// 10 MB"), which the gateway enforces and the Invoke tab and its route check before sending.

export const PREDICT_PAYLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** OCI's words for the limit, for the gateway's 413 and the console's own refusals. */
export function payloadLimitMessage(maxBytes: number = PREDICT_PAYLOAD_MAX_BYTES): string {
  return `The payload size limit is ${formatBytes(maxBytes)}`;
}
