import fs from 'node:fs';
import * as common from 'oci-common';
import { DataScienceClient } from 'oci-datascience';
import type { CommonOptions } from './args';
import { CliError, EXIT } from './errors';

// The official SDK, authenticated with a ~/.oci/config profile as the OCI CLI and SDKs read it, so
// the same command works against Berth (--endpoint) and OCI (the region's endpoint).

export interface Session {
  client: DataScienceClient;
  auth: common.ConfigFileAuthenticationDetailsProvider;
  /** Where requests go: the override, or the SDK's endpoint for the profile's region. */
  endpoint: string;
  tenancyId: string;
}

const expandHome = (p: string) => common.ConfigFileReader.expandUserHome(p);

export function openSession(options: CommonOptions): Session {
  const file = expandHome(options.configFile);
  if (!fs.existsSync(file)) {
    throw new CliError(`The OCI config file ${options.configFile} does not exist: write a profile there (Berth's API keys page shows one), or pass --config-file.`, EXIT.auth);
  }
  let region: string | undefined;
  try {
    const profile = common.ConfigFileReader.parseFileFromPath(file, options.profile);
    region = profile.get('region') ?? undefined;
  } catch (e) {
    throw new CliError(`The profile [${options.profile}] cannot be read from ${options.configFile}: ${e instanceof Error ? e.message : String(e)}`, EXIT.auth);
  }
  // Berth's regions ("local") are not OCI's: register them quietly instead of the SDK warning on every run.
  if (region && !common.Region.fromRegionId(region)) common.Region.register(region, common.Realm.OC1);
  let auth: common.ConfigFileAuthenticationDetailsProvider;
  try {
    auth = new common.ConfigFileAuthenticationDetailsProvider(file, options.profile);
  } catch (e) {
    // The SDK throws plain strings for some of these (an unreadable key file).
    throw new CliError(`The profile [${options.profile}] in ${options.configFile} is not usable: ${e instanceof Error ? e.message : String(e)}`, EXIT.auth);
  }
  // The SDK's retry rules (5xx, 429, IncorrectState, no connection) with 3 attempts, not 8: a CI
  // job pointed at a console that is down hears so in seconds, not after two minutes of backoff.
  const retryConfiguration = { ...common.OciSdkDefaultRetryConfiguration, terminationStrategy: new common.MaxAttemptsTerminationStrategy(3) };
  const client = new DataScienceClient({ authenticationDetailsProvider: auth }, { retryConfiguration });
  if (options.endpoint) client.endpoint = options.endpoint;
  return { client, auth, endpoint: options.endpoint ?? client.endpoint, tenancyId: auth.getTenantId() };
}
