import { describe, expect, it } from 'vitest';
import type { ModelOption } from '@/server/domain/editor-options';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { applyModelDeploymentUpdate, diffModelDeployment } from '@/server/domain/shallow-merge';
import { classifyUpdate } from '@/server/domain/update-groups';
import { buildUpdateRequest } from '@/server/domain/update-request';
import { createModelDeploymentDetailsSchema } from '@/server/validation/deployment';
import { changeRows, fieldLabel, formatValue } from './change-labels';
import { defaultFormValues, formValuesFromDeployment, newEnvVarRow, toCreateDetails, toEditedDeployment, type FormValues } from './form-model';
import { fieldOfPath, validateForm } from './form-validation';

const PROJECT = { id: 'ocid1.datascienceproject.oc1.test.aaaaaaaaproject', compartmentId: 'ocid1.compartment.oc1..aaaaaaaacompartment' };
const MODEL = 'ocid1.datasciencemodel.oc1.test.aaaaaaaamodel';
const BYOC_MODEL = 'ocid1.datasciencemodel.oc1.test.aaaaaaaabyoc';
const DIGEST = `sha256:${'c'.repeat(64)}`;
const models: ModelOption[] = [
  { id: MODEL, displayName: 'doubler', lifecycleState: 'ACTIVE', timeCreated: '', runtime: { kind: 'conda', slug: 'minimal_p311_cpu_v1', name: 'Minimal', pythonVersion: '3.11', source: 'runtime.yaml' } },
  { id: BYOC_MODEL, displayName: 'files only', lifecycleState: 'ACTIVE', timeCreated: '', runtime: { kind: 'unavailable', reason: 'The artifact has no score.py.' } },
];
const ctx = { project: PROJECT, models };

const container = (over: Partial<FormValues> = {}): FormValues => ({
  ...defaultFormValues(BYOC_MODEL),
  useContainer: true,
  image: 'my-server:1',
  imageDigest: DIGEST,
  entrypoint: 'python3\n/opt/app/server.py',
  ...over,
});

function created(v: FormValues): ModelDeployment {
  const details = toCreateDetails(v, PROJECT);
  return {
    ...details,
    id: 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaamd',
    displayName: details.displayName ?? 'md',
    timeCreated: '2025-01-01T00:00:00.000Z',
    createdBy: 'ocid1.user.oc1..aaaaaaaauser',
    modelDeploymentUrl: 'http://127.0.0.1/md',
    lifecycleState: 'ACTIVE',
  };
}

describe('the create form', () => {
  it('defaults to a valid conda deployment of the chosen model', () => {
    const v = defaultFormValues(MODEL);
    expect(validateForm(v, ctx)).toEqual({});
    const details = toCreateDetails(v, PROJECT);
    expect(createModelDeploymentDetailsSchema.safeParse(details).success).toBe(true);
    expect(details.modelDeploymentConfigurationDetails).toEqual({
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: MODEL,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 16 } },
        scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
        bandwidthMbps: 10,
      },
    });
  });

  it('builds a custom container block with arguments one per line', () => {
    const v = container({ envVars: [newEnvVarRow('PORT', '8080')] });
    expect(validateForm(v, ctx)).toEqual({});
    expect(toCreateDetails(v, PROJECT).modelDeploymentConfigurationDetails.environmentConfigurationDetails).toEqual({
      environmentConfigurationType: 'OCIR_CONTAINER',
      image: 'my-server:1',
      imageDigest: DIGEST,
      entrypoint: ['python3', '/opt/app/server.py'],
      serverPort: 8080,
      healthCheckPort: 8080,
      environmentVariables: { PORT: '8080' },
    });
  });

  it('maps the server schema errors onto the fields that show them', () => {
    const errors = validateForm(container({ serverPort: '8446', bandwidthMbps: '5', ocpus: '99', instanceCount: '' }), ctx);
    expect(errors.serverPort).toMatch(/Port 8446 is reserved/);
    expect(errors.bandwidthMbps).toMatch(/between 10 and 8000 Mbps/);
    expect(errors.shape).toMatch(/1 to 64 OCPUs; 99 is out of range/);
    expect(errors.instanceCount).toMatch(/must be a number/);
  });

  it('refuses a conda deployment of a model no conda environment can serve, and a container without image', () => {
    expect(validateForm(defaultFormValues(BYOC_MODEL), ctx).modelId).toBe('The artifact has no score.py.');
    expect(validateForm(container({ image: '', imageDigest: '' }), ctx).image).toBe('Choose the container image to run.');
  });

  it('checks environment variables by name', () => {
    const errors = validateForm({ ...defaultFormValues(MODEL), envVars: [newEnvVarRow('A1', 'x'), newEnvVarRow('A1', 'y'), newEnvVarRow('MODEL_DEPLOYMENT_OCID', 'z')] }, ctx);
    expect(errors['envVars.A1']).toMatch(/set twice/);
    expect(errors['envVars.MODEL_DEPLOYMENT_OCID']).toMatch(/set by the service/);
  });
});

describe('the edit form', () => {
  it('reads a deployment back unchanged', () => {
    for (const md of [created(defaultFormValues(MODEL)), created(container({ cmd: 'serve' }))]) {
      const edited = toEditedDeployment(md, formValuesFromDeployment(md));
      expect(edited).toEqual(md);
      expect(buildUpdateRequest(md, edited)).toEqual({});
    }
  });

  it('turns a bandwidth edit into a one-field request and a two-group edit into two groups', () => {
    const md = created(defaultFormValues(MODEL));
    const bandwidth = toEditedDeployment(md, { ...formValuesFromDeployment(md), bandwidthMbps: '20' });
    const request = buildUpdateRequest(md, bandwidth);
    expect(request).toEqual({
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: MODEL, bandwidthMbps: 20 } },
    });
    const applied = applyModelDeploymentUpdate(md, request);
    expect(applied.ok && changeRows(diffModelDeployment(md, applied.data))).toEqual([
      { path: 'modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps', label: 'Load balancer bandwidth (Mbps)', before: '10', after: '20', kind: 'changed' },
    ]);

    const both = toEditedDeployment(md, { ...formValuesFromDeployment(md), bandwidthMbps: '20', instanceCount: '2' });
    expect(classifyUpdate(md, buildUpdateRequest(md, both))).toEqual(['compute', 'loadBalancerOrContainer']);
  });

  it('clears emptied lists and maps and keeps what the form does not show', () => {
    const base = created(container({ cmd: 'serve', envVars: [newEnvVarRow('COLOR', 'blue')] }));
    const md: ModelDeployment = { ...base, categoryLogDetails: { access: { logId: 'ocid1.log.oc1.test.a', logGroupId: 'ocid1.loggroup.oc1.test.g' } } };
    const edited = toEditedDeployment(md, { ...formValuesFromDeployment(md), cmd: '', envVars: [] });
    expect(buildUpdateRequest(md, edited).modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({ cmd: [], environmentVariables: {} });
    expect(edited.categoryLogDetails).toEqual(md.categoryLogDetails);
    const applied = applyModelDeploymentUpdate(md, buildUpdateRequest(md, edited));
    expect(applied.ok && applied.data).toEqual(edited);
  });

  it('explains a port that cannot be removed and requires a name', () => {
    const md = created(container());
    const errors = validateForm({ ...formValuesFromDeployment(md), healthCheckPort: '', displayName: ' ' }, { ...ctx, current: md });
    expect(errors.healthCheckPort).toMatch(/^Health check port cannot be removed once set/);
    expect(errors.displayName).toBe('Name is required');
  });
});

describe('labels', () => {
  it('names fields as the form does and formats values', () => {
    expect(fieldLabel('modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy.instanceCount')).toBe('Number of instances');
    expect(fieldLabel('something.newField')).toBe('New field');
    expect(formatValue('x.modelId', MODEL, { modelName: (id) => (id === MODEL ? 'doubler' : undefined) })).toBe('doubler');
    expect(formatValue('x.environmentVariables', {})).toBe('(none)');
    expect(formatValue('x.cmd', ['a', 'b'])).toBe('a b');
    expect(formatValue('x.environmentConfigurationType', 'OCIR_CONTAINER')).toBe('Custom container');
    expect(fieldOfPath('modelDeploymentConfigurationDetails.environmentConfigurationDetails.environmentVariables.A1')).toBe('envVars.A1');
  });
});

describe('change rows', () => {
  it('hide the default environment block appearing, which changes nothing the user would see', () => {
    const rows = changeRows([
      { path: 'modelDeploymentConfigurationDetails.environmentConfigurationDetails.environmentConfigurationType', before: undefined, after: 'DEFAULT', kind: 'added' },
      { path: 'modelDeploymentConfigurationDetails.environmentConfigurationDetails.environmentVariables', before: undefined, after: { A1: 'x' }, kind: 'added' },
    ]);
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([['Environment variables', '—', 'A1=x']]);
  });
});
