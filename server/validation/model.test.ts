import { describe, expect, it } from 'vitest';
import { generateOcid } from '@/server/domain/ocid';
import { createModelSchema, updateModelSchema } from './model';

const compartmentId = generateOcid('compartment', { region: '' });
const projectId = generateOcid('datascienceproject', { region: 'test' });
const base = { compartmentId, projectId };

const fieldMessages = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.map(String).join('.'), i.message]));

describe('createModelSchema', () => {
  it('accepts a full CreateModelDetails with provenance, dropping blanks', () => {
    const parsed = createModelSchema.parse({
      ...base,
      displayName: ' churn ',
      description: 'xgb',
      definedMetadataList: [
        { key: 'UseCaseType', value: 'binary_classification' },
        { key: 'Framework', value: 'xgboost' },
        { key: 'Hyperparameters', value: '{"max_depth": 4}' },
      ],
      customMetadataList: [{ key: 'auc', value: '0.91', category: 'Performance', description: '' }],
      inputSchema: '{"schema": []}',
      outputSchema: '',
      provenance: { repositoryUrl: 'https://github.com/o/r.git', gitBranch: 'main', gitCommit: 'A1B2C3D', trainingScript: '' },
      freeformTags: { team: 'risk' },
    });
    expect(parsed).toMatchObject({ displayName: 'churn', inputSchema: '{"schema": []}', outputSchema: undefined });
    expect(parsed.customMetadataList).toEqual([{ key: 'auc', value: '0.91', category: 'Performance', description: undefined }]);
    expect(parsed.provenance).toEqual({ repositoryUrl: 'https://github.com/o/r.git', gitBranch: 'main', gitCommit: 'A1B2C3D' });
  });

  it('lets the name be generated', () => {
    expect(createModelSchema.parse({ ...base, displayName: '  ' }).displayName).toBeUndefined();
  });

  it('requires the compartment and project', () => {
    expect(fieldMessages(createModelSchema.safeParse({}))).toEqual({
      compartmentId: 'Compartment OCID is required.',
      projectId: 'Project OCID is required.',
    });
  });

  it('checks taxonomy values against the OCI lists', () => {
    const r = createModelSchema.safeParse({
      ...base,
      definedMetadataList: [
        { key: 'UseCaseType', value: 'guessing' },
        { key: 'Framework', value: 'sklearn' },
        { key: 'Hyperparameters', value: '[1]' },
        { key: 'Framework', value: 'xgboost' },
      ],
    });
    expect(fieldMessages(r)).toEqual({
      'definedMetadataList.0.value': '"guessing" is not a known use case; choose one from the list.',
      'definedMetadataList.1.value': '"sklearn" is not a known framework; choose one from the list.',
      'definedMetadataList.2.value': 'Hyperparameters must be a JSON object, e.g. {"max_depth": 4}.',
      'definedMetadataList.3.key': 'Framework is given more than once.',
    });
    expect(fieldMessages(createModelSchema.safeParse({ ...base, definedMetadataList: [{ key: 'Color', value: 'red' }] }))).toEqual({
      'definedMetadataList.0.key': 'The key must be one of UseCaseType, Framework, FrameworkVersion, Algorithm, Hyperparameters.',
    });
  });

  it('checks custom metadata keys, categories and the total size', () => {
    const dup = createModelSchema.safeParse({
      ...base,
      customMetadataList: [
        { key: 'a', value: '1', category: 'Reports' },
        { key: 'a', value: '2', category: 'Readme' },
      ],
    });
    expect(fieldMessages(dup)).toEqual({ 'customMetadataList.1.key': 'The key "a" is used more than once.' });
    const bad = createModelSchema.safeParse({ ...base, customMetadataList: [{ key: '', value: '3', category: 'Misc' }] });
    expect(fieldMessages(bad)).toEqual({
      'customMetadataList.0.key': 'Key is required.',
      'customMetadataList.0.category': expect.stringMatching(/^The category must be one of Performance/),
    });
    const big = createModelSchema.safeParse({
      ...base,
      customMetadataList: [0, 1, 2].map((i) => ({ key: `k${i}`, value: 'x'.repeat(15_000), category: 'other' })),
    });
    expect(fieldMessages(big).customMetadataList).toMatch(/at most 32000 are allowed/);
  });

  it('wants schemas that parse as JSON, and says where they do not', () => {
    const r = createModelSchema.safeParse({ ...base, inputSchema: '{"a": }', outputSchema: '[]' });
    expect(fieldMessages(r).inputSchema).toMatch(/^Input schema is not valid JSON: /);
    expect(fieldMessages(r).outputSchema).toBeUndefined();
  });

  it('checks provenance fields', () => {
    const r = createModelSchema.safeParse({ ...base, provenance: { repositoryUrl: 'my repo', gitCommit: 'xyz', trainingId: 'job-1' } });
    expect(Object.keys(fieldMessages(r)).sort()).toEqual(['provenance.gitCommit', 'provenance.repositoryUrl', 'provenance.trainingId']);
    expect(createModelSchema.safeParse({ ...base, provenance: { repositoryUrl: 'git@github.com:o/r.git' } }).success).toBe(true);
  });

  it('refuses fields the API does not have', () => {
    expect(createModelSchema.safeParse({ ...base, lifecycleState: 'ACTIVE' }).success).toBe(false);
  });
});

describe('updateModelSchema', () => {
  it('takes what UpdateModelDetails takes and no schemas or project', () => {
    expect(updateModelSchema.parse({})).toEqual({});
    expect(updateModelSchema.safeParse({ inputSchema: '{}' }).success).toBe(false);
    expect(updateModelSchema.safeParse({ projectId }).success).toBe(false);
    expect(updateModelSchema.parse({ customMetadataList: [] })).toEqual({ customMetadataList: [] });
  });
});
