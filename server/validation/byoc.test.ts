import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  commandBytes,
  containerPortSchema,
  environmentConfigurationSchema,
  environmentVariablesSchema,
  imageDigestSchema,
  imageReferenceSchema,
  normalizedImageName,
  ocirEnvironmentConfigurationSchema,
  parseImageReference,
  updateEnvironmentConfigurationSchema,
} from './byoc';

const issues = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};
const messages = (schema: z.ZodType, value: unknown) => issues(schema, value).map((i) => i.message);

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const IMAGE = 'iad.ocir.io/testtenancy/md_byoc_ref_iris_data:1.0.1';

describe('containerPortSchema', () => {
  it('accepts ports 1024 to 65535', () => {
    for (const port of [1024, 5000, 8080, 65535]) expect(containerPortSchema.safeParse(port).success).toBe(true);
  });

  it('names the range rule', () => {
    expect(messages(containerPortSchema, 80)).toEqual(['Port must be between 1024 and 65535.']);
    expect(messages(containerPortSchema, 65536)).toEqual(['Port must be between 1024 and 65535.']);
    expect(messages(containerPortSchema, 5000.5)).toEqual(['Port must be a whole number.']);
  });

  it('refuses the ports the service reserves', () => {
    for (const port of [24224, 8446, 8447]) {
      expect(messages(containerPortSchema, port)).toEqual([`Port ${port} is reserved by the service; ports 24224, 8446 and 8447 cannot be used.`]);
    }
  });
});

describe('cmd and entrypoint size', () => {
  const ocir = (cmd: string[], entrypoint: string[]) => ({ environmentConfigurationType: 'OCIR_CONTAINER', image: IMAGE, cmd, entrypoint });

  it('counts UTF-8 bytes of every element', () => {
    expect(commandBytes(['ab', 'é'], ['€'])).toBe(2 + 2 + 3);
    expect(commandBytes(undefined, null)).toBe(0);
  });

  it('accepts 2047 bytes and refuses 2048, saying so', () => {
    expect(ocirEnvironmentConfigurationSchema.safeParse(ocir(['a'.repeat(1000)], ['b'.repeat(1047)])).success).toBe(true);
    expect(issues(environmentConfigurationSchema, ocir(['a'.repeat(1000)], ['é'.repeat(524)]))).toEqual([
      {
        path: 'cmd',
        message: 'cmd and entrypoint together take 2048 bytes; they must stay under 2048 bytes. Pass long arguments through the model artifact instead.',
      },
    ]);
  });
});

describe('environmentVariablesSchema', () => {
  const keyMessage = (key: string) => messages(environmentVariablesSchema, { [key]: 'v' });

  it('accepts ordinary variables, with empty values', () => {
    expect(environmentVariablesSchema.parse({ WEB_CONCURRENCY: '2', CONTAINER_TYPE: 'TRITON', ab: '' })).toEqual({
      WEB_CONCURRENCY: '2',
      CONTAINER_TYPE: 'TRITON',
      ab: '',
    });
  });

  it('names the key and the rule it breaks', () => {
    expect(keyMessage('A')).toEqual(['Environment variable "A" must be 2 to 31 characters long.']);
    expect(keyMessage('A'.repeat(32))).toEqual([`Environment variable "${'A'.repeat(32)}" must be 2 to 31 characters long.`]);
    expect(keyMessage('MY-VAR')).toEqual(['Environment variable "MY-VAR" may contain only letters, digits and underscores.']);
    expect(keyMessage('1ABC')).toEqual(['Environment variable "1ABC" must start with a letter.']);
    expect(keyMessage('_ABC')).toEqual(['Environment variable "_ABC" must start with a letter.']);
    expect(keyMessage('TEST_')).toEqual(['Environment variable "TEST_" must not end with an underscore.']);
    expect(environmentVariablesSchema.safeParse({ ['A'.repeat(31)]: 'v' }).success).toBe(true);
  });

  it('refuses the variables the service sets', () => {
    for (const key of ['MODEL_DEPLOYMENT_OCID', 'TENANCY_OCID', 'MODEL_SERVING_PYTHON_VERSION', 'CONTAINER_CUSTOM_IMAGE']) {
      expect(issues(environmentVariablesSchema, { [key]: 'x' })).toEqual([
        { path: key, message: `Environment variable "${key}" is set by the service and cannot be overridden.` },
      ]);
    }
  });

  it('keeps keys and values together under 2048 bytes', () => {
    expect(environmentVariablesSchema.safeParse({ KEY: 'v'.repeat(2044) }).success).toBe(true);
    expect(messages(environmentVariablesSchema, { KEY: 'v'.repeat(2045) })).toEqual([
      'Environment variables take 2048 bytes (keys and values together); they must stay under 2048 bytes.',
    ]);
  });
});

describe('imageReferenceSchema', () => {
  it('accepts repository, tag and digest forms', () => {
    for (const ref of [IMAGE, 'iad.ocir.io/ns/repo', `iad.ocir.io/ns/repo@${DIGEST}`, `iad.ocir.io/ns/repo:2.0@${DIGEST}`, 'localhost:5000/berth/sklearn:1', 'berth-runtime']) {
      expect(imageReferenceSchema.safeParse(ref).success, ref).toBe(true);
    }
    expect(parseImageReference(`localhost:5000/a/b:1@${DIGEST}`)).toEqual({ repository: 'localhost:5000/a/b', tag: '1', digest: DIGEST });
  });

  it('requires a lowercase repository path', () => {
    expect(messages(imageReferenceSchema, 'iad.ocir.io/NS/Repo:1')).toEqual(['Image repository "iad.ocir.io/NS/Repo" must be lowercase.']);
  });

  it('explains the expected form for malformed references', () => {
    expect(messages(imageReferenceSchema, 'iad.ocir.io//repo:1')[0]).toMatch(/must look like repository\[:tag\]\[@sha256:digest\]/);
    expect(messages(imageReferenceSchema, 'repo:-bad')).toEqual([
      'Image tag "-bad" must be 1 to 128 letters, digits, underscores, periods or dashes, not starting with a period or dash.',
    ]);
    expect(messages(imageReferenceSchema, 'repo@sha256:abc')).toEqual([
      'Image digest in "repo@sha256:abc" must be sha256: followed by 64 lowercase hexadecimal characters.',
    ]);
    expect(messages(imageReferenceSchema, '')).toEqual(['Image is required.']);
  });
});

describe('image name length', () => {
  it('counts the name as Docker does, after normalizing it', () => {
    expect(normalizedImageName('abc')).toBe('docker.io/library/abc');
    expect(normalizedImageName('team/abc')).toBe('docker.io/team/abc');
    expect(normalizedImageName('index.docker.io/abc')).toBe('docker.io/library/abc');
    expect(normalizedImageName('localhost/abc')).toBe('localhost/abc');
    expect(normalizedImageName('iad.ocir.io/ns/repo')).toBe('iad.ocir.io/ns/repo');
    expect(normalizedImageName('registry:5000/repo')).toBe('registry:5000/repo');
  });

  it('refuses the 238-character name the engine refused with a 400, and accepts one character less', () => {
    // docker.io/library/ + 238 = 256 characters: one over the engine's limit.
    const [message] = messages(imageReferenceSchema, `${'a'.repeat(238)}:1`);
    expect(message).toBe('Image name is 256 characters long as Docker counts it (docker.io/library/aaaaaa...); the limit is 255.');
    expect(imageReferenceSchema.safeParse(`${'a'.repeat(237)}:1`).success).toBe(true);
    expect(imageReferenceSchema.safeParse(`iad.ocir.io/${'b'.repeat(243)}`).success).toBe(true);
    expect(imageReferenceSchema.safeParse(`iad.ocir.io/${'b'.repeat(244)}`).success).toBe(false);
  });

  it('refuses a reference far too long before reading it', () => {
    expect(messages(imageReferenceSchema, 'a'.repeat(100_000))[0]).toMatch(/^Image reference is 100000 characters long; Docker accepts at most 456/);
  });
});

describe('imageDigestSchema', () => {
  it('accepts sha256 digests only', () => {
    expect(imageDigestSchema.safeParse(DIGEST).success).toBe(true);
    expect(messages(imageDigestSchema, DIGEST.toUpperCase())).toEqual(['Image digest must be sha256: followed by 64 lowercase hexadecimal characters.']);
  });
});

describe('environment configuration blocks', () => {
  it('discriminates on environmentConfigurationType', () => {
    expect(environmentConfigurationSchema.parse({ environmentConfigurationType: 'DEFAULT', environmentVariables: { AB: '1' } })).toEqual({
      environmentConfigurationType: 'DEFAULT',
      environmentVariables: { AB: '1' },
    });
    expect(messages(environmentConfigurationSchema, { environmentConfigurationType: 'DOCKER' })).toEqual([
      'environmentConfigurationType must be DEFAULT or OCIR_CONTAINER.',
    ]);
    expect(issues(environmentConfigurationSchema, { environmentConfigurationType: 'DEFAULT', image: IMAGE })[0]?.message).toMatch(/Unrecognized key/);
  });

  it('requires an image for a custom container and checks ports, digest and endpoints', () => {
    expect(issues(environmentConfigurationSchema, { environmentConfigurationType: 'OCIR_CONTAINER' })).toEqual([{ path: 'image', message: 'Image is required.' }]);
    expect(
      issues(environmentConfigurationSchema, {
        environmentConfigurationType: 'OCIR_CONTAINER',
        image: `iad.ocir.io/ns/repo@${DIGEST}`,
        imageDigest: `sha256:${'f'.repeat(64)}`,
        serverPort: 8446,
        customHttpEndpoints: Array.from({ length: 16 }, () => ({ endpointUriSuffix: '/v1', httpMethods: ['POST'] })),
      }),
    ).toEqual([
      { path: 'serverPort', message: 'Port 8446 is reserved by the service; ports 24224, 8446 and 8447 cannot be used.' },
      { path: 'customHttpEndpoints', message: 'At most 15 custom HTTP endpoints are allowed.' },
    ]);
    expect(
      issues(ocirEnvironmentConfigurationSchema, { environmentConfigurationType: 'OCIR_CONTAINER', image: `iad.ocir.io/ns/repo@${DIGEST}`, imageDigest: `sha256:${'f'.repeat(64)}` }),
    ).toEqual([{ path: 'imageDigest', message: 'imageDigest does not match the digest written in image.' }]);
  });

  it('in an update, allows null and absent fields but refuses to erase image or imageDigest', () => {
    expect(updateEnvironmentConfigurationSchema.parse({ serverPort: 2000, environmentVariables: { x1: 'y' }, entrypoint: [], image: null })).toEqual({
      serverPort: 2000,
      environmentVariables: { x1: 'y' },
      entrypoint: [],
      image: null,
    });
    expect(issues(updateEnvironmentConfigurationSchema, { image: '' })).toEqual([
      { path: 'image', message: 'image cannot be erased: omit it or send null to keep the current value.' },
    ]);
    expect(messages(updateEnvironmentConfigurationSchema, { imageDigest: '' })).toEqual([
      'imageDigest cannot be erased: omit it or send null to keep the current value.',
    ]);
  });

  it('in an update, refuses container fields together with a DEFAULT type', () => {
    expect(issues(updateEnvironmentConfigurationSchema, { environmentConfigurationType: 'DEFAULT', serverPort: 5000 })).toEqual([
      { path: 'serverPort', message: 'serverPort can only be set when environmentConfigurationType is OCIR_CONTAINER.' },
    ]);
  });
});
