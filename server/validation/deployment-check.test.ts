import { describe, expect, it } from 'vitest';
import { checkEventSchema, deploymentCheckRequestSchema } from './deployment-check';

const MODEL = 'ocid1.datasciencemodel.oc1.test.aaaa';
const config = (env?: Record<string, unknown>) => ({
  modelDeploymentConfigurationDetails: {
    deploymentType: 'SINGLE_MODEL',
    modelConfigurationDetails: { modelId: MODEL, instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } } },
    ...(env ? { environmentConfigurationDetails: env } : {}),
  },
});

describe('deploymentCheckRequestSchema', () => {
  it('takes a conda configuration and a custom container with ports the check judges (reserved ones too)', () => {
    expect(deploymentCheckRequestSchema.safeParse(config()).success).toBe(true);
    const reserved = deploymentCheckRequestSchema.safeParse(config({ environmentConfigurationType: 'OCIR_CONTAINER', image: 'my-server:1', serverPort: 8446, healthCheckPort: 80 }));
    expect(reserved.success).toBe(true);
  });

  it('refuses what cannot be run at all, naming the field', () => {
    const bad = deploymentCheckRequestSchema.safeParse(config({ environmentConfigurationType: 'OCIR_CONTAINER', image: 'Not A Ref', serverPort: 70000 }));
    expect(bad.success).toBe(false);
    const paths = bad.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toContain('modelDeploymentConfigurationDetails.environmentConfigurationDetails.image');
    expect(paths).toContain('modelDeploymentConfigurationDetails.environmentConfigurationDetails.serverPort');
    expect(deploymentCheckRequestSchema.safeParse({ ...config(), extra: 1 }).success).toBe(false);
    expect(deploymentCheckRequestSchema.safeParse({ modelDeploymentConfigurationDetails: { deploymentType: 'MODEL_GROUP' } }).success).toBe(false);
  });
});

describe('checkEventSchema', () => {
  it('reads the events the route streams and refuses others', () => {
    const item = { id: 'health', label: 'GET /health answers', status: 'fail', reason: 'x', failureClass: 'IMPORT_ERROR', hint: 'h', excerpt: 'Traceback' };
    // Every field the wizard shows survives the parse.
    expect(checkEventSchema.parse({ type: 'item', item })).toEqual({ type: 'item', item });
    expect(checkEventSchema.safeParse({ type: 'item', item: { id: 'nope', label: '', status: 'pass', reason: '' } }).success).toBe(false);
    expect(checkEventSchema.safeParse({ type: 'plan', items: [{ id: 'image', label: 'The image is on this machine' }] }).success).toBe(true);
  });
});
