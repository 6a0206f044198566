// The ~/.oci/config profile for one API key, as the OCI console offers it after a key is added.

export const OCI_KEY_FILE = '~/.oci/berth_api_key.pem';

export interface OciProfileInput {
  userId: string;
  fingerprint: string;
  tenancyId: string;
  region: string;
  /** Where the SDK and CLI reach this installation's OCI-compatible API. */
  endpoint: string;
}

export function ociConfigProfile({ userId, fingerprint, tenancyId, region, endpoint }: OciProfileInput): string {
  return [
    '[DEFAULT]',
    `user=${userId}`,
    `fingerprint=${fingerprint}`,
    `tenancy=${tenancyId}`,
    `region=${region}`,
    `key_file=${OCI_KEY_FILE}`,
    `# endpoint for the SDK and CLI: ${endpoint} (oci --endpoint ${endpoint}; Python SDK: service_endpoint="${endpoint}")`,
    '',
  ].join('\n');
}
