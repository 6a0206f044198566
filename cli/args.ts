import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { MODEL_DEPLOYMENT_LIFECYCLE_STATES, type ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { UsageError } from './errors';

// `berth <group> <verb> ...` in the spirit of `mlflow deployments -t oci-datascience`: node's own
// parseArgs splits the line, zod checks what each command takes. Every mistake is a UsageError
// (exit 2) that names the option and prints the command's usage line.

const COMMON_USAGE = '[--profile NAME] [--config-file PATH] [--endpoint URL] [--compartment-id OCID]';
export const USAGE = {
  'deployments create': `berth deployments create --name NAME -m MODEL --config deploy-config-file=SPEC.yaml [--project-id OCID] [--wait] ${COMMON_USAGE}`,
  'deployments update': `berth deployments update DEPLOYMENT --config deploy-config-file=SPEC.yaml [-m MODEL] [--wait] ${COMMON_USAGE}`,
  'deployments get': `berth deployments get DEPLOYMENT [--wait] ${COMMON_USAGE}`,
  'deployments delete': `berth deployments delete DEPLOYMENT [--wait] ${COMMON_USAGE}`,
  'deployments list': `berth deployments list [--state STATE] [--output json|table] ${COMMON_USAGE}`,
  'deployments predict': `berth deployments predict DEPLOYMENT --input-path IN.json [--output-path OUT.json] ${COMMON_USAGE}`,
  'models upload': `berth models upload --name NAME --artifact MODEL.zip [--project-id OCID] [--wait] ${COMMON_USAGE}`,
} as const;
export type CommandName = keyof typeof USAGE;

export const HELP = [
  'berth: model deployments through the OCI Data Science API (Berth or OCI), with an ~/.oci/config profile.',
  '',
  ...Object.values(USAGE).map((u) => `  ${u}`),
  '',
  'MODEL is a model OCID or its display name; DEPLOYMENT a deployment OCID or its display name.',
  'The endpoint defaults to $BERTH_ENDPOINT, else the profile region\'s OCI endpoint. --compartment-id',
  'defaults to the profile\'s tenancy, --project-id to the only (or oldest) ACTIVE project in it.',
  '--wait follows the work request (progress on stderr) for at most --max-wait-seconds (1200).',
  'Exit codes: 0 ok, 1 the operation failed, 2 usage or spec error, 3 not found, 4 authentication.',
  'BERTH_CLI_DEBUG=1 lets the SDK print its own warnings too.',
].join('\n');

const OPTIONS = {
  profile: { type: 'string' },
  'config-file': { type: 'string' },
  endpoint: { type: 'string' },
  'compartment-id': { type: 'string' },
  'project-id': { type: 'string' },
  'max-wait-seconds': { type: 'string' },
  name: { type: 'string' },
  'model-uri': { type: 'string', short: 'm' },
  config: { type: 'string', short: 'C', multiple: true },
  target: { type: 'string', short: 't' },
  wait: { type: 'boolean' },
  state: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'input-path': { type: 'string' },
  'output-path': { type: 'string' },
  artifact: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export interface CommonOptions {
  profile: string;
  configFile: string;
  endpoint?: string;
  compartmentId?: string;
  projectId?: string;
  maxWaitSeconds: number;
}

export type Command =
  | { kind: 'help'; text: string }
  | { kind: 'deployments create'; common: CommonOptions; name: string; model?: string; specFile: string; wait: boolean }
  | { kind: 'deployments update'; common: CommonOptions; target: string; model?: string; specFile: string; wait: boolean }
  | { kind: 'deployments get'; common: CommonOptions; target: string; wait: boolean }
  | { kind: 'deployments delete'; common: CommonOptions; target: string; wait: boolean }
  | { kind: 'deployments list'; common: CommonOptions; state?: ModelDeploymentLifecycleState; output: 'json' | 'table' }
  | { kind: 'deployments predict'; common: CommonOptions; target: string; inputPath: string; outputPath?: string }
  | { kind: 'models upload'; common: CommonOptions; name: string; artifact: string; wait: boolean };

const text = (flag: string) => z.string({ error: `${flag} is required.` }).trim().min(1, `${flag} must not be empty.`);

const commonShape = {
  profile: text('--profile').optional(),
  'config-file': text('--config-file').optional(),
  endpoint: z.url({ protocol: /^https?$/, error: '--endpoint must be an http or https URL, such as http://127.0.0.1:3000.' }).optional(),
  'compartment-id': text('--compartment-id').optional(),
  'max-wait-seconds': z.coerce.number({ error: '--max-wait-seconds must be a number.' }).int('--max-wait-seconds must be a whole number.').positive('--max-wait-seconds must be above 0.').optional(),
  // mlflow's -t names the target; this CLI has one.
  target: z.literal('oci-datascience', { error: '-t/--target can only be oci-datascience.' }).optional(),
};
const projectShape = { 'project-id': text('--project-id').optional() };
const waitShape = { wait: z.boolean().optional() };

const DEPLOY_CONFIG_KEY = 'deploy-config-file';
const configList = z
  .array(z.string(), { error: `--config ${DEPLOY_CONFIG_KEY}=SPEC.yaml is required.` })
  .transform((items, ctx) => {
    let file: string | undefined;
    for (const item of items) {
      const eq = item.indexOf('=');
      const key = eq < 0 ? item : item.slice(0, eq);
      if (key !== DEPLOY_CONFIG_KEY || eq < 0 || item.slice(eq + 1).trim() === '') {
        ctx.addIssue({ code: 'custom', message: `--config takes ${DEPLOY_CONFIG_KEY}=PATH; "${item}" is not that.` });
        return z.NEVER;
      }
      file = item.slice(eq + 1).trim();
    }
    if (file === undefined) {
      ctx.addIssue({ code: 'custom', message: `--config ${DEPLOY_CONFIG_KEY}=SPEC.yaml is required.` });
      return z.NEVER;
    }
    return file;
  });

const schemas = {
  'deployments create': z.strictObject({ ...commonShape, ...projectShape, ...waitShape, name: text('--name'), 'model-uri': text('-m/--model-uri').optional(), config: configList }),
  'deployments update': z.strictObject({ ...commonShape, ...projectShape, ...waitShape, name: text('--name').optional(), 'model-uri': text('-m/--model-uri').optional(), config: configList }),
  'deployments get': z.strictObject({ ...commonShape, ...projectShape, ...waitShape, name: text('--name').optional() }),
  'deployments delete': z.strictObject({ ...commonShape, ...projectShape, ...waitShape, name: text('--name').optional() }),
  'deployments list': z.strictObject({
    ...commonShape,
    ...projectShape,
    state: z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.enum(MODEL_DEPLOYMENT_LIFECYCLE_STATES, { error: `--state must be one of ${MODEL_DEPLOYMENT_LIFECYCLE_STATES.join(', ')}.` }))
      .optional(),
    output: z.enum(['json', 'table'], { error: '--output must be json or table.' }).optional(),
  }),
  'deployments predict': z.strictObject({ ...commonShape, ...projectShape, name: text('--name').optional(), 'input-path': text('--input-path'), 'output-path': text('--output-path').optional() }),
  'models upload': z.strictObject({ ...commonShape, ...projectShape, ...waitShape, name: text('--name'), artifact: text('--artifact') }),
} satisfies Record<CommandName, z.ZodType>;

const isCommand = (name: string): name is CommandName => Object.hasOwn(USAGE, name);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The arguments are not valid.';
  if (issue.code === 'unrecognized_keys') return `${issue.keys.map((k) => `--${k}`).join(', ')} is not an option of this command.`;
  return issue.message;
}

/** The command an argument list asks for; throws UsageError. `env` supplies OCI_CONFIG_FILE and BERTH_ENDPOINT. */
export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const [group = '', verb = ''] = argv.filter((a) => !a.startsWith('-'));
    const name = `${group} ${verb}`;
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e), isCommand(name) ? USAGE[name] : 'berth --help');
  }
  const { values, positionals } = parsed;
  const [group, verb, ...rest] = positionals;
  const name = `${group ?? ''} ${verb ?? ''}`;
  if (!isCommand(name)) {
    if (values.help || positionals.length === 0) return { kind: 'help', text: HELP };
    throw new UsageError(`Unknown command "${positionals.join(' ')}".`, 'berth --help');
  }
  const usage = USAGE[name];
  if (values.help) return { kind: 'help', text: `usage: ${usage}` };
  const { help: _help, ...options } = values;
  const check = <T extends z.ZodType>(schema: T): z.infer<T> => {
    const checked = schema.safeParse(options);
    if (!checked.success) throw new UsageError(firstIssue(checked.error), usage);
    return checked.data;
  };
  const common = (o: z.infer<z.ZodObject<typeof commonShape & typeof projectShape>>): CommonOptions => {
    const endpoint = o.endpoint ?? (env.BERTH_ENDPOINT?.trim() || undefined);
    return {
      profile: o.profile ?? 'DEFAULT',
      configFile: o['config-file'] ?? (env.OCI_CONFIG_FILE?.trim() || '~/.oci/config'),
      ...(endpoint ? { endpoint: endpoint.replace(/\/+$/, '') } : {}),
      ...(o['compartment-id'] ? { compartmentId: o['compartment-id'] } : {}),
      ...(o['project-id'] ? { projectId: o['project-id'] } : {}),
      maxWaitSeconds: o['max-wait-seconds'] ?? 1200,
    };
  };
  const noArguments = () => {
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`, usage);
  };
  // The deployment is the positional argument, or --name as mlflow spells it; not both.
  const deployment = (named: string | undefined): string => {
    if (rest.length > 1) throw new UsageError(`Unexpected argument "${rest[1]}".`, usage);
    if (rest[0] !== undefined && named !== undefined) throw new UsageError('Give the deployment once: as the argument or as --name.', usage);
    const target = (rest[0] ?? named ?? '').trim();
    if (target === '') throw new UsageError('The deployment (its OCID or display name) is required.', usage);
    return target;
  };
  const model = (m: string | undefined) => (m ? { model: m } : {});

  switch (name) {
    case 'deployments create': {
      const o = check(schemas[name]);
      noArguments();
      return { kind: name, common: common(o), name: o.name, ...model(o['model-uri']), specFile: o.config, wait: o.wait ?? false };
    }
    case 'deployments update': {
      const o = check(schemas[name]);
      return { kind: name, common: common(o), target: deployment(o.name), ...model(o['model-uri']), specFile: o.config, wait: o.wait ?? false };
    }
    case 'deployments get':
    case 'deployments delete': {
      const o = check(schemas[name]);
      return { kind: name, common: common(o), target: deployment(o.name), wait: o.wait ?? false };
    }
    case 'deployments list': {
      const o = check(schemas[name]);
      noArguments();
      return { kind: name, common: common(o), ...(o.state ? { state: o.state } : {}), output: o.output ?? 'table' };
    }
    case 'deployments predict': {
      const o = check(schemas[name]);
      return { kind: name, common: common(o), target: deployment(o.name), inputPath: o['input-path'], ...(o['output-path'] ? { outputPath: o['output-path'] } : {}) };
    }
    case 'models upload': {
      const o = check(schemas[name]);
      noArguments();
      return { kind: name, common: common(o), name: o.name, artifact: o.artifact, wait: o.wait ?? false };
    }
  }
}
