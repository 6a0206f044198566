import { describe, expect, it } from 'vitest';
import { modelDeploymentFixture } from '@/tests/support/model-deployment';
import { SECRET_MASK } from '@/server/domain/secrets';
import { defaultFormValues, formValuesFromDeployment, newEnvVarRow, secretMarks, toCreateDetails, withSecretMarks } from './form-model';

// The wizard's secret marks: what the user marked travels with the request, names the rule
// already catches need no mark, and a masked value read back from a deployment stays marked.

const project = { id: 'ocid1.datascienceproject.oc1.test.p', compartmentId: 'ocid1.compartment.oc1..c' };

describe('secret marks in the wizard', () => {
  it('sends the names the user marked, not those secret by their names', () => {
    const v = { ...defaultFormValues('ocid1.datasciencemodel.oc1.test.m'), envVars: [newEnvVarRow('NOTE', 'x', true), newEnvVarRow('API_KEY', 'k', true), newEnvVarRow('MODE', 'a')] };
    expect(secretMarks(v.envVars)).toEqual(['NOTE']);
    expect(toCreateDetails(v, project).secretEnvironmentVariables).toEqual(['NOTE']);
    expect('secretEnvironmentVariables' in toCreateDetails({ ...v, envVars: [newEnvVarRow('MODE', 'a')] }, project)).toBe(false);
  });

  it('marks a masked value from the deployment as secret, and adds marks only to an update that sets variables', () => {
    const md = modelDeploymentFixture({
      modelDeploymentConfigurationDetails: {
        ...modelDeploymentFixture().modelDeploymentConfigurationDetails!,
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { NOTE: SECRET_MASK, MODE: 'a' } },
      },
    });
    const v = formValuesFromDeployment(md);
    expect(v.envVars.map((r) => [r.key, Boolean(r.secret)])).toEqual([
      ['NOTE', true],
      ['MODE', false],
    ]);
    expect(withSecretMarks({ displayName: 'x' }, v)).toEqual({ displayName: 'x' });
    const setsVars = { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL' as const, environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT' as const, environmentVariables: { NOTE: 'new', MODE: 'a' } } } };
    expect(withSecretMarks(setsVars, v)).toEqual({ ...setsVars, secretEnvironmentVariables: ['NOTE'] });
  });
});
