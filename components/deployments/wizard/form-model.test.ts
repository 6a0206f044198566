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
const BROKEN_MODEL = 'ocid1.datasciencemodel.oc1.test.aaaaaaaabroken';
const CONDA = { kind: 'conda', slug: 'minimal_p311_cpu_v1', name: 'Minimal', pythonVersion: '3.11', source: 'runtime.yaml' } as const;
const NO_PREDICT = { label: 'score.py defines predict()', reason: 'score.py has no top-level "def predict(".' };
const models: ModelOption[] = [
  { id: MODEL, displayName: 'doubler', lifecycleState: 'ACTIVE', timeCreated: '', runtime: CONDA, checks: { outcome: 'pass', failures: [] } },
  {
    id: BYOC_MODEL,
    displayName: 'files only',
    lifecycleState: 'ACTIVE',
    timeCreated: '',
    runtime: { kind: 'unavailable', reason: 'The artifact has no score.py.' },
    checks: { outcome: 'failure', failures: [{ label: 'score.py is present', reason: 'The artifact has no score.py.' }] },
  },
  { id: BROKEN_MODEL, displayName: 'no predict', lifecycleState: 'ACTIVE', timeCreated: '', runtime: CONDA, checks: { outcome: 'failure', failures: [NO_PREDICT] } },
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

  it('leaves the health-check port empty by default and sends the server port for it', () => {
    expect(defaultFormValues(MODEL).healthCheckPort).toBe('');
    const env = (v: FormValues) => toCreateDetails(v, PROJECT).modelDeploymentConfigurationDetails.environmentConfigurationDetails;
    expect(env(container({ serverPort: '5000' }))).toMatchObject({ serverPort: 5000, healthCheckPort: 5000 });
    expect(env(container({ serverPort: '' }))).toMatchObject({ healthCheckPort: 8080 });
    expect(env(container({ serverPort: '5000', healthCheckPort: '5001' }))).toMatchObject({ serverPort: 5000, healthCheckPort: 5001 });
    // A bad server port is reported once, on the server port, not again on the port that follows it.
    const errors = validateForm(container({ serverPort: '8446' }), ctx);
    expect(errors.serverPort).toMatch(/Port 8446 is reserved/);
    expect(errors.healthCheckPort).toBeUndefined();
    expect(validateForm(container({ healthCheckPort: '8447' }), ctx).healthCheckPort).toMatch(/Port 8447 is reserved/);
  });

  it('starts with no model chosen and asks for one', () => {
    expect(defaultFormValues('').modelId).toBe('');
    expect(validateForm(defaultFormValues(''), ctx).modelId).toBe('Choose the model to deploy.');
  });

  it('refuses a model whose artifact checks failed until the user overrides, knowing why it will fail', () => {
    const v = defaultFormValues(BROKEN_MODEL);
    const error = validateForm(v, ctx).modelId;
    expect(error).toMatch(/artifact checks failed, so the deployment will fail/);
    expect(error).toContain('score.py has no top-level "def predict(".');
    expect(error).toMatch(/Deploy anyway/);
    expect(validateForm({ ...v, overrideChecks: true }, ctx)).toEqual({});
    // A custom container runs its own server: the conda checks do not bind it.
    expect(validateForm(container({ modelId: BROKEN_MODEL }), ctx)).toEqual({});
  });

  it('asks no override to keep the model a deployment already serves, only to switch to such a model', () => {
    const md = created({ ...defaultFormValues(BROKEN_MODEL), overrideChecks: true });
    expect(validateForm({ ...formValuesFromDeployment(md), bandwidthMbps: '20' }, { ...ctx, current: md })).toEqual({});
    const other = created(defaultFormValues(MODEL));
    expect(validateForm({ ...formValuesFromDeployment(other), modelId: BROKEN_MODEL }, { ...ctx, current: other }).modelId).toMatch(/artifact checks failed/);
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
    expect(classifyUpdate(md, buildUpdateRequest(md, both))).toEqual(['scaling', 'loadBalancerOrContainer']);
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
    const errors = validateForm({ ...formValuesFromDeployment(md), serverPort: '', displayName: ' ' }, { ...ctx, current: md });
    expect(errors.serverPort).toMatch(/^Server port cannot be removed once set/);
    expect(errors.healthCheckPort).toBeUndefined();
    expect(errors.displayName).toBe('Name is required');
  });

  it('shows a health-check port equal to the server port as empty (following it), and a different one as set', () => {
    const same = created(container({ serverPort: '5000' }));
    expect(same.modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toMatchObject({ serverPort: 5000, healthCheckPort: 5000 });
    expect(formValuesFromDeployment(same)).toMatchObject({ serverPort: '5000', healthCheckPort: '' });
    // Moving the server port moves the health check with it.
    const moved = toEditedDeployment(same, { ...formValuesFromDeployment(same), serverPort: '6000' });
    expect(buildUpdateRequest(same, moved).modelDeploymentConfigurationDetails?.environmentConfigurationDetails).toEqual({ serverPort: 6000, healthCheckPort: 6000 });
    const apart = created(container({ serverPort: '5000', healthCheckPort: '5001' }));
    expect(formValuesFromDeployment(apart)).toMatchObject({ serverPort: '5000', healthCheckPort: '5001' });
  });

  it('keeps a deployment without a health-check port without one (the provider probes the server port)', () => {
    const base = created(container());
    const env = base.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
    if (env?.environmentConfigurationType !== 'OCIR_CONTAINER') throw new Error('expected a container');
    const { healthCheckPort: _dropped, ...withoutHealth } = env;
    const md: ModelDeployment = {
      ...base,
      modelDeploymentConfigurationDetails: { ...base.modelDeploymentConfigurationDetails!, environmentConfigurationDetails: withoutHealth },
    };
    expect(formValuesFromDeployment(md).healthCheckPort).toBe('');
    expect(buildUpdateRequest(md, toEditedDeployment(md, formValuesFromDeployment(md)))).toEqual({});
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
