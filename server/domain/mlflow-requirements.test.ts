import { describe, expect, it } from 'vitest';
import { checkRequirements, parsePipRequirement, releaseOf, satisfies } from './mlflow-requirements';
import { findRuntime } from './runtimes';

describe('satisfies', () => {
  it.each([
    ['1.2.1', '', true],
    ['1.2.1', '==1.2.1', true],
    ['1.2.1', '==1.2', false],
    ['1.2.0', '==1.2', true],
    ['1.2.1', '==1.2.*', true],
    ['1.3.0', '==1.2.*', false],
    ['1.3.0', '!=1.2.*', true],
    ['1.24.2', '>=1.21,<2', true],
    ['2.0.0', '>=1.21,<2', false],
    ['1.5.3', '~=1.5.0', true],
    ['1.6.0', '~=1.5.0', false],
    ['1.6.0', '~=1.5', true],
    ['2.0', '~=1.5', false],
    ['1.2.1', '>1.2', true],
    ['1.2.1', '<=1.2.1', true],
    ['2022.7.1', '>=2020.1', true],
    ['1.2.1', '===1.2.1', true],
    ['1.2.1', '===1.2', false],
  ])('%s against %s is %s', (installed, spec, expected) => {
    expect(satisfies(installed, spec)).toBe(expected);
  });

  it('reads release numbers, leaving out pre-release and local parts', () => {
    expect(releaseOf('1.24.2rc1+deb12')).toEqual([1, 24, 2]);
    expect(releaseOf('1!2.0')).toEqual([2, 0]);
    expect(releaseOf('x')).toEqual([]);
  });
});

describe('checkRequirements', () => {
  const generalml = findRuntime('generalml_p311_cpu_v1');
  if (!generalml) throw new Error('generalml is in the catalog');
  const parse = (lines: string[]) => lines.flatMap((l) => parsePipRequirement(l, 'requirements.txt') ?? []);

  it('says, per package, what the environment has, lacks or has in another version', () => {
    const checks = checkRequirements(parse(['mlflow==2.8.1', 'cloudpickle==2.2.1', 'scikit_learn==1.3.0', 'numpy>=1.21', 'Pandas==1.5.3', 'pip==23', 'numpy==9', 'git+https://x/y']), generalml);
    expect(checks.map((c) => [c.name, c.status, c.message])).toEqual([
      ['mlflow', 'not-needed', 'mlflow==2.8.1: not needed, Berth reads the MLmodel and serves the model without mlflow.'],
      ['cloudpickle', 'missing', 'cloudpickle==2.2.1 (requirements.txt) is missing: generalml_p311_cpu_v1 does not have cloudpickle.'],
      ['scikit_learn', 'version', 'scikit_learn==1.3.0 (requirements.txt): generalml_p311_cpu_v1 has scikit_learn 1.2.1.'],
      ['numpy', 'ok', 'numpy>=1.21: generalml_p311_cpu_v1 has numpy 1.24.2.'],
      ['Pandas', 'ok', 'Pandas==1.5.3: generalml_p311_cpu_v1 has Pandas 1.5.3.'],
      ['git+https://x/y', 'unchecked', 'git+https://x/y (requirements.txt) is not a package name this check can look up; it was not checked.'],
    ]);
  });

  it('checks against the minimal environment, which has no third-party packages', () => {
    const minimal = findRuntime('minimal_p311_cpu_v1');
    if (!minimal) throw new Error('minimal is in the catalog');
    expect(checkRequirements(parse(['scikit-learn==1.2.1']), minimal)).toMatchObject([{ status: 'missing', message: expect.stringContaining('minimal_p311_cpu_v1 does not have scikit-learn') }]);
  });
});
