import { describe, expect, it } from 'vitest';
import type { ModelDeploymentConfigurationDetails } from './oci-types';
import { SECRET_MASK, isSecretName, isSecretVariable, maskConfiguration, maskEnvironmentVariables, redactDeep, redactSecrets, secretRef, secretRefId } from './secrets';

describe('secret names', () => {
  it.each(['DB_PASSWORD', 'PASSWORD', 'password', 'AWS_SECRET_ACCESS_KEY', 'client_secret', 'HF_TOKEN', 'GithubToken', 'API_KEY', 'api_key', 'KEYFILE', 'MONKEY'])(
    '%s is a secret (its name has PASSWORD, SECRET, TOKEN or KEY in it)',
    (name) => expect(isSecretName(name)).toBe(true),
  );
  it.each(['PORT', 'MODEL_DEPLOY_PREDICT_ENDPOINT', 'WEB_CONCURRENCY', 'PASS', 'TOKE', 'K_E_Y', 'SHM_SIZE', ''])('%s is not', (name) =>
    expect(isSecretName(name)).toBe(false),
  );

  it('counts a value stored as a reference as secret, whatever the name (the user marked it)', () => {
    expect(isSecretVariable('GREETING', secretRef('abc'))).toBe(true);
    expect(isSecretVariable('GREETING', 'hello')).toBe(false);
    expect(secretRefId(secretRef('abc'))).toBe('abc');
    expect(secretRefId('abc')).toBeNull();
  });
});

describe('masking', () => {
  it('masks secret values and leaves the others as they are', () => {
    expect(maskEnvironmentVariables({ DB_PASSWORD: 'hunter22', PORT: '9000', NOTE: secretRef('x1'), EMPTY_TOKEN: '' })).toEqual({
      DB_PASSWORD: SECRET_MASK,
      PORT: '9000',
      NOTE: SECRET_MASK,
      EMPTY_TOKEN: SECRET_MASK,
    });
  });

  it('masks a configuration without touching the original or what has no variables', () => {
    const config: ModelDeploymentConfigurationDetails = {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: { modelId: 'ocid1.datasciencemodel.oc1.local.m', instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex' } },
      environmentConfigurationDetails: { environmentConfigurationType: 'OCIR_CONTAINER', image: 'x:1', environmentVariables: { API_KEY: 'k-123456', PORT: '1' } },
    };
    const masked = maskConfiguration(config);
    expect(masked.environmentConfigurationDetails?.environmentVariables).toEqual({ API_KEY: SECRET_MASK, PORT: '1' });
    expect(config.environmentConfigurationDetails?.environmentVariables?.API_KEY).toBe('k-123456');
    const bare = { ...config, environmentConfigurationDetails: undefined };
    expect(maskConfiguration(bare)).toBe(bare);
    expect(maskConfiguration(null)).toBeNull();
  });
});

describe('redaction', () => {
  it('replaces every occurrence of each secret value, the longest first', () => {
    expect(redactSecrets('connecting with hunter22 (hunter22) and hunter22-extra', ['hunter22', 'hunter22-extra'])).toBe(
      `connecting with ${SECRET_MASK} (${SECRET_MASK}) and ${SECRET_MASK}`,
    );
  });

  it('masks every string of an error, excerpts included, without changing the original', () => {
    const error = { code: 'X', message: 'failed: pw=hunter22', failure: { excerpt: ['line hunter22', 'ok'], exitCode: 1 } };
    expect(redactDeep(error, ['hunter22'])).toEqual({ code: 'X', message: `failed: pw=${SECRET_MASK}`, failure: { excerpt: [`line ${SECRET_MASK}`, 'ok'], exitCode: 1 } });
    expect(error.message).toBe('failed: pw=hunter22');
  });

  it('leaves values too short to be secrets alone, so ordinary text survives', () => {
    expect(redactSecrets('exit code 1 after 3 s', ['1', '3', ''])).toBe('exit code 1 after 3 s');
  });
});
