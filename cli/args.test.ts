import { describe, expect, it } from 'vitest';
import { parseCommand, USAGE } from './args';
import { CliError, EXIT } from './errors';

const MD = 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaamd';

/** The UsageError a command line gives: its message and the usage line printed under it. */
function usageError(argv: string[]): { message: string; details: string[] } {
  try {
    parseCommand(argv);
  } catch (e) {
    if (e instanceof CliError && e.exitCode === EXIT.usage) return { message: e.message, details: e.details };
    throw e;
  }
  throw new Error(`"${argv.join(' ')}" parsed; a usage error was expected.`);
}

describe('parseCommand', () => {
  it('reads the mlflow-style create line, with -t oci-datascience accepted', () => {
    const cmd = parseCommand(['deployments', 'create', '--name', 'iris', '-m', 'iris-model', '-t', 'oci-datascience', '--config', 'deploy-config-file=spec.yaml', '--wait']);
    expect(cmd).toEqual({
      kind: 'deployments create',
      common: { profile: 'DEFAULT', configFile: '~/.oci/config', maxWaitSeconds: 1200 },
      name: 'iris',
      model: 'iris-model',
      specFile: 'spec.yaml',
      wait: true,
    });
  });

  it('takes the profile, config file and endpoint from flags, else OCI_CONFIG_FILE and BERTH_ENDPOINT', () => {
    const env = { OCI_CONFIG_FILE: '/ci/oci.conf', BERTH_ENDPOINT: 'http://127.0.0.1:3000/' };
    expect(parseCommand(['deployments', 'list'], env)).toMatchObject({ common: { profile: 'DEFAULT', configFile: '/ci/oci.conf', endpoint: 'http://127.0.0.1:3000' } });
    const flags = ['deployments', 'list', '--profile', 'CI', '--config-file', './conf', '--endpoint', 'http://127.0.0.1:6100', '--compartment-id', 'ocid1.compartment.oc1..aaaa'];
    expect(parseCommand(flags, env)).toMatchObject({
      common: { profile: 'CI', configFile: './conf', endpoint: 'http://127.0.0.1:6100', compartmentId: 'ocid1.compartment.oc1..aaaa' },
      output: 'table',
    });
  });

  it('names the deployment by argument or by --name, as mlflow does, but not both', () => {
    expect(parseCommand(['deployments', 'get', MD])).toMatchObject({ kind: 'deployments get', target: MD, wait: false });
    expect(parseCommand(['deployments', 'delete', '--name', MD, '--wait'])).toMatchObject({ kind: 'deployments delete', target: MD, wait: true });
    expect(usageError(['deployments', 'get', MD, '--name', MD]).message).toBe('Give the deployment once: as the argument or as --name.');
    expect(usageError(['deployments', 'get']).message).toBe('The deployment (its OCID or display name) is required.');
  });

  it('reads update, predict and models upload', () => {
    expect(parseCommand(['deployments', 'update', 'iris', '--config', 'deploy-config-file=./u.yaml'])).toMatchObject({ kind: 'deployments update', target: 'iris', specFile: './u.yaml', wait: false });
    expect(parseCommand(['deployments', 'predict', 'iris', '--input-path', 'in.json', '--output-path', 'out.json'])).toMatchObject({ target: 'iris', inputPath: 'in.json', outputPath: 'out.json' });
    expect(parseCommand(['models', 'upload', '--name', 'iris', '--artifact', 'm.zip', '--project-id', 'ocid1.datascienceproject.oc1.iad.aaaa'])).toMatchObject({
      kind: 'models upload',
      name: 'iris',
      artifact: 'm.zip',
      common: { projectId: 'ocid1.datascienceproject.oc1.iad.aaaa' },
    });
  });

  it('takes a lifecycle state in any case and the output format', () => {
    expect(parseCommand(['deployments', 'list', '--state', 'active', '--output', 'json'])).toMatchObject({ state: 'ACTIVE', output: 'json' });
    expect(usageError(['deployments', 'list', '--state', 'running']).message).toMatch(/^--state must be one of CREATING, ACTIVE/);
    expect(usageError(['deployments', 'list', '--output', 'yaml']).message).toBe('--output must be json or table.');
  });

  it('prints the command usage under each mistake', () => {
    const missing = usageError(['deployments', 'create', '--name', 'iris', '-m', 'm']);
    expect(missing).toEqual({ message: '--config deploy-config-file=SPEC.yaml is required.', details: [`usage: ${USAGE['deployments create']}`] });
    expect(usageError(['deployments', 'create', '--name', 'iris', '--config', 'spec.yaml']).message).toBe('--config takes deploy-config-file=PATH; "spec.yaml" is not that.');
    expect(usageError(['deployments', 'create', '-m', 'm', '--config', 'deploy-config-file=s.yaml']).message).toBe('--name is required.');
    expect(usageError(['deployments', 'list', '--artifact', 'x.zip']).message).toBe('--artifact is not an option of this command.');
    expect(usageError(['deployments', 'list', '--bogus'])).toMatchObject({ message: expect.stringContaining("'--bogus'"), details: [`usage: ${USAGE['deployments list']}`] });
    expect(usageError(['deployments', 'list', 'extra']).message).toBe('Unexpected argument "extra".');
    expect(usageError(['deployments', 'get', MD, '--max-wait-seconds', '0']).message).toBe('--max-wait-seconds must be above 0.');
    expect(usageError(['deployments', 'get', MD, '-t', 'sagemaker']).message).toBe('-t/--target can only be oci-datascience.');
    expect(usageError(['deployments', 'get', MD, '--endpoint', 'ftp://x']).message).toBe('--endpoint must be an http or https URL, such as http://127.0.0.1:3000.');
    expect(usageError(['deployments', 'launch'])).toEqual({ message: 'Unknown command "deployments launch".', details: ['usage: berth --help'] });
  });

  it('answers help for no command, --help, and a command with --help', () => {
    expect(parseCommand([])).toMatchObject({ kind: 'help', text: expect.stringContaining('Exit codes: 0 ok, 1 the operation failed, 2 usage or spec error, 3 not found, 4 authentication.') });
    expect(parseCommand(['--help'])).toMatchObject({ kind: 'help' });
    expect(parseCommand(['models', 'upload', '--help'])).toEqual({ kind: 'help', text: `usage: ${USAGE['models upload']}` });
  });
});
