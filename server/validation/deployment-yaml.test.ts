import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeploymentYaml, type LocatedProblem } from './deployment-yaml';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../domain/__fixtures__', `seed-003-${name}.yaml`), 'utf8');

const MODEL = 'ocid1.datasciencemodel.oc1.iad.aaaaaaaamodel';
const PROJECT = 'ocid1.datascienceproject.oc1.iad.aaaaaaaaproject';
const COMPARTMENT = 'ocid1.compartment.oc1..aaaaaaaacompartment';

/** The seed template as a user fills it in: real OCIDs and image where the placeholders were. */
const filledIn = (text: string) =>
  text
    .replaceAll('iad..<unique_ID>', 'iad.aaaaaaaafilled')
    .replaceAll('..<unique_ID>', '..aaaaaaaafilled')
    .replace('{region}.ocir.io/<your tenancy>/<imagename>', 'iad.ocir.io/tenancy/mlflow-serve:1.0');

const errors = (problems: LocatedProblem[]) => problems.filter((p) => p.severity === 'error');
const at = (problems: LocatedProblem[], where: string) => problems.filter((p) => p.where === where);

// A small valid spec; each bad-spec case breaks one line of it.
const SPEC = `kind: deployment
spec:
  displayName: iris
  infrastructure:
    kind: infrastructure
    type: modelDeployment
    spec:
      projectId: ${PROJECT}
      compartmentId: ${COMPARTMENT}
      shapeName: VM.Standard.E4.Flex
      shapeConfigDetails:
        ocpus: 1
        memoryInGBs: 16
      replica: 2
      bandwidthMbps: 10
  runtime:
    kind: runtime
    type: container
    spec:
      modelUri: ${MODEL}
      image: iad.ocir.io/tenancy/app:1.0
      serverPort: 8080
      healthCheckPort: 8080
`;

describe('seed 003 templates', () => {
  it('the container template puts serverPort 5001 and healthCheckPort 5001 in the OCIR environment configuration', () => {
    const r = parseDeploymentYaml(filledIn(fixture('container')), { modelId: MODEL });
    expect(errors(r.problems)).toEqual([]);
    expect(r.ok).toBe(true);
    const config = r.details?.modelDeploymentConfigurationDetails;
    expect(config?.environmentConfigurationDetails).toEqual({
      environmentConfigurationType: 'OCIR_CONTAINER',
      image: 'iad.ocir.io/tenancy/mlflow-serve:1.0',
      serverPort: 5001,
      healthCheckPort: 5001,
    });
    expect(config?.modelConfigurationDetails).toEqual({
      modelId: MODEL,
      instanceConfiguration: { instanceShapeName: 'VM.Standard.E3.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 4, memoryInGBs: 32 } },
      scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
    });
    // One logGroupId/logId pair is both the access and the predict log, kept and reported.
    const log = { logGroupId: 'ocid1.loggroup.oc1.iad.aaaaaaaafilled', logId: 'ocid1.log.oc1.iad.aaaaaaaafilled' };
    expect(r.details?.categoryLogDetails).toEqual({ access: log, predict: log });
    expect(at(r.problems, 'spec.infrastructure.spec.logId')).toMatchObject([{ severity: 'warning', kind: 'ignored', line: 9 }]);
    expect(at(r.problems, 'spec.infrastructure.spec.blockStorageSize')).toMatchObject([{ severity: 'warning', line: 16 }]);
  });

  it('the published conda template gives DEFAULT details and the local provider refuses the environment, saying why', () => {
    const r = parseDeploymentYaml(filledIn(fixture('conda-published')), { modelId: MODEL });
    expect(r.details?.modelDeploymentConfigurationDetails.environmentConfigurationDetails).toEqual({ environmentConfigurationType: 'DEFAULT' });
    expect(r.details?.projectId).toBe('ocid1.datascienceproject.oc1.iad.aaaaaaaafilled');
    expect(r.condaEnvironment).toEqual({ kind: 'published', uri: 'oci://bucket@namespace/path/to/conda-env', pythonVersion: '3.9.15' });
    expect(r.ok).toBe(false);
    expect(errors(r.problems)).toMatchObject([
      { kind: 'refused', where: 'spec.runtime.spec.uri', line: 21, message: expect.stringMatching(/published conda environment .*service environments/) },
    ]);
  });

  it('the build-on-the-fly conda template parses and is refused by the local provider', () => {
    const r = parseDeploymentYaml(filledIn(fixture('conda-build')), { modelId: MODEL });
    expect(r.details).not.toBeNull();
    expect(r.condaEnvironment).toEqual({ kind: 'build', name: 'bc_sklearn_conda', destination: 'oci://mayoor-dev@ociodscdev/mlflow-conda-envs/' });
    expect(errors(r.problems)).toMatchObject([{ kind: 'refused', where: 'spec.runtime.spec.uri', line: 21 }]);
  });

  it('a template sent as published names each placeholder left in, with its line, and gives no details', () => {
    const r = parseDeploymentYaml(fixture('conda-published'), { modelId: MODEL });
    expect(r.details).toBeNull();
    expect(errors(r.problems).map((p) => [p.where, p.line, p.kind])).toEqual([
      ['spec.infrastructure.spec.logGroupId', 8, 'invalid'],
      ['spec.infrastructure.spec.logId', 9, 'invalid'],
      ['spec.infrastructure.spec.projectId', 10, 'invalid'],
      ['spec.infrastructure.spec.compartmentId', 11, 'invalid'],
      ['spec.runtime.spec.uri', 21, 'refused'],
    ]);
    expect(errors(r.problems)[2]?.message).toBe('projectId still holds the template placeholder <unique_ID>: replace it with the real value.');
  });

  it("the container template's unquoted {region} image is not valid YAML, and the line says where", () => {
    const r = parseDeploymentYaml(fixture('container'), { modelId: MODEL });
    expect(r.details).toBeNull();
    expect(r.problems[0]).toMatchObject({ where: '(document)', line: 22, message: expect.stringMatching(/^Not valid YAML: /) });
  });
});

describe('conda uri', () => {
  const conda = (runtime: string) =>
    parseDeploymentYaml(SPEC.replace(/ {4}type: container\n[\s\S]*$/, `    type: conda\n    spec:\n      modelUri: ${MODEL}\n${runtime}`));

  it('accepts a service environment by slug or by service pack path', () => {
    for (const uri of ['generalml_p311_cpu_v1', 'oci://service-conda-packs@id19sfcrra6z/service_pack/cpu/General_Machine_Learning/1.0/generalml_p311_cpu_v1', 'service_pack/cpu/Minimal/1.0/minimal_p311_cpu_v1']) {
      const r = conda(`      uri: ${uri}\n      pythonVersion: 3.11\n`);
      expect(errors(r.problems)).toEqual([]);
      expect(r.condaEnvironment).toMatchObject({ kind: 'service', pythonVersion: '3.11' });
    }
  });

  it('reads pythonVersion 3.10 as written, not as the number 3.1', () => {
    const r = conda('      uri: generalml_p311_cpu_v1\n      pythonVersion: 3.10\n');
    expect(errors(r.problems)).toMatchObject([{ where: 'spec.runtime.spec.uri', line: 21, message: 'pythonVersion 3.10 does not match generalml_p311_cpu_v1, which has Python 3.11.' }]);
  });

  it('names the known environments when the slug is unknown', () => {
    const r = conda('      uri: tensorflow28_p38_cpu_v1\n');
    expect(errors(r.problems)[0]?.message).toBe('Unknown service conda environment "tensorflow28_p38_cpu_v1". Known environments: generalml_p311_cpu_v1, minimal_p311_cpu_v1.');
  });

  it('refuses container keys in a conda runtime', () => {
    const r = conda('      uri: generalml_p311_cpu_v1\n      serverPort: 5001\n');
    expect(errors(r.problems)).toMatchObject([{ where: 'spec.runtime.spec.serverPort', line: 22, message: 'serverPort belongs to a container runtime; use type: container for it.' }]);
  });
});

describe('bad specs: each problem names its path and line', () => {
  const bad = (from: string, to: string) => {
    expect(SPEC).toContain(from);
    return parseDeploymentYaml(SPEC.replace(from, to));
  };

  it('the valid spec has no problems', () => {
    const r = parseDeploymentYaml(SPEC);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('a misspelt key is an error at its own line', () => {
    const r = bad('      replica: 2', '      replicas: 2');
    expect(r.details).toBeNull();
    expect(r.problems).toMatchObject([{ where: 'spec.infrastructure.spec.replicas', line: 14, message: 'Unknown key "replicas" in spec.infrastructure.spec.' }]);
  });

  it('a value of the wrong type names the field', () => {
    const r = bad('      serverPort: 8080', '      serverPort: eighty');
    expect(r.problems).toMatchObject([{ where: 'spec.runtime.spec.serverPort', line: 22, message: 'serverPort must be a number.' }]);
  });

  it('a reserved port fails the details schema and is mapped back to the spec key', () => {
    const r = bad('      healthCheckPort: 8080', '      healthCheckPort: 8446');
    expect(r.problems).toMatchObject([{ where: 'spec.runtime.spec.healthCheckPort', line: 23, message: expect.stringContaining('reserved') }]);
  });

  it('a flex shape config out of range lands on the shapeConfigDetails key', () => {
    const r = bad('        ocpus: 1', '        ocpus: 99');
    expect(r.problems).toMatchObject([{ where: 'spec.infrastructure.spec.shapeConfigDetails.ocpus', line: 12 }]);
  });

  it('a missing shapeName is reported at the infrastructure spec that lacks it', () => {
    const r = bad('      shapeName: VM.Standard.E4.Flex\n', '');
    expect(r.problems).toMatchObject([{ where: 'spec.infrastructure.spec.shapeName', line: 7, message: 'Shape is required.' }]);
  });

  it('a missing model is reported at modelUri', () => {
    const r = bad(`      modelUri: ${MODEL}\n`, '');
    expect(r.problems).toMatchObject([{ where: 'spec.runtime.spec.modelUri', line: 19, message: 'Model OCID is required.' }]);
  });

  it('a model given both in the spec and alongside it must agree', () => {
    const r = parseDeploymentYaml(SPEC, { modelId: 'ocid1.datasciencemodel.oc1.iad.aaaaaaaaother' });
    expect(errors(r.problems)).toMatchObject([{ where: 'spec.runtime.spec.modelUri', line: 20 }]);
  });

  it('broken YAML is reported with its line and nothing else is tried', () => {
    const r = bad('      healthCheckPort: 8080', '      healthCheckPort: 8080\n      serverPort: 9090');
    expect(r.details).toBeNull();
    expect(r.problems).toMatchObject([{ where: '(document)', line: 24, message: 'Not valid YAML: Map keys must be unique' }]);
  });

  it('a wrong kind and a wrong runtime type are both named', () => {
    const r = bad('    type: container', '    type: docker');
    expect(r.problems).toMatchObject([{ where: 'spec.runtime.type', line: 18, message: 'runtime type must be conda or container.' }]);
    expect(parseDeploymentYaml(SPEC.replace('kind: deployment', 'kind: job')).problems).toMatchObject([{ where: 'kind', line: 1 }]);
  });

  it('STREAM_ONLY is refused by the local provider', () => {
    const r = bad('      serverPort: 8080', '      serverPort: 8080\n      deploymentMode: STREAM_ONLY');
    expect(r.details).not.toBeNull();
    expect(r.problems).toMatchObject([{ severity: 'error', kind: 'refused', where: 'spec.runtime.spec.deploymentMode', line: 23 }]);
  });

  it('a subnet is kept in the details and reported as having no effect locally', () => {
    const r = bad('      bandwidthMbps: 10', '      bandwidthMbps: 10\n      subnetId: ocid1.subnet.oc1.iad.aaaaaaaasubnet');
    expect(r.ok).toBe(true);
    expect(r.details?.modelDeploymentConfigurationDetails.modelConfigurationDetails.instanceConfiguration.subnetId).toBe('ocid1.subnet.oc1.iad.aaaaaaaasubnet');
    expect(r.problems).toMatchObject([{ severity: 'warning', kind: 'ignored', where: 'spec.infrastructure.spec.subnetId', line: 16 }]);
  });

  it('webConcurrency and inferenceServer become WEB_CONCURRENCY and CONTAINER_TYPE; a clash with env is an error', () => {
    const r = bad('      replica: 2', '      replica: 2\n      webConcurrency: 4');
    expect(r.problems).toEqual([]);
    expect(r.details?.modelDeploymentConfigurationDetails.environmentConfigurationDetails?.environmentVariables).toEqual({ WEB_CONCURRENCY: '4' });
    const triton = bad('      serverPort: 8080', '      serverPort: 8080\n      inferenceServer: triton');
    expect(triton.details?.modelDeploymentConfigurationDetails.environmentConfigurationDetails?.environmentVariables).toEqual({ CONTAINER_TYPE: 'TRITON' });
    const both = parseDeploymentYaml(SPEC.replace('      replica: 2', '      replica: 2\n      webConcurrency: 4').replace('      serverPort: 8080', '      serverPort: 8080\n      env:\n        WEB_CONCURRENCY: 2'));
    expect(errors(both.problems)).toMatchObject([{ where: 'spec.infrastructure.spec.webConcurrency', line: 15 }]);
  });

  it('a spec over the size limit is refused before it is parsed', () => {
    const r = parseDeploymentYaml(`${SPEC}# ${'x'.repeat(70 * 1024)}\n`);
    expect(r.problems).toMatchObject([{ where: '(document)', message: 'The spec is larger than 64 KB.' }]);
  });
});
