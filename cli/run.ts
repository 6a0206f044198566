import { parseCommand, type Command } from './args';
import { openSession, type Session } from './client';
import { createDeployment, deleteDeployment, getDeployment, listDeployments, updateDeployment } from './commands/deployments';
import { uploadModel } from './commands/models';
import { predict } from './commands/predict';
import { EXIT, toCliError, type ExitCode } from './errors';
import type { CliIo } from './output';

// Parse, run, and turn every failure into one message and an exit code.

async function dispatch(cmd: Exclude<Command, { kind: 'help' }>, open: () => Session, io: CliIo): Promise<void> {
  switch (cmd.kind) {
    case 'deployments create':
      return createDeployment(cmd, open, io);
    case 'deployments update':
      return updateDeployment(cmd, open, io);
    case 'deployments get':
      return getDeployment(cmd, open, io);
    case 'deployments delete':
      return deleteDeployment(cmd, open, io);
    case 'deployments list':
      return listDeployments(cmd, open, io);
    case 'deployments predict':
      return predict(cmd, open, io);
    case 'models upload':
      return uploadModel(cmd, open, io);
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let endpoint: string | undefined;
  let what = 'berth';
  try {
    const cmd = parseCommand(argv, io.env);
    if (cmd.kind === 'help') {
      io.out(`${cmd.text}\n`);
      return EXIT.ok;
    }
    what = cmd.kind;
    endpoint = cmd.common.endpoint;
    const open = () => {
      const session = openSession(cmd.common);
      endpoint = session.endpoint;
      return session;
    };
    await dispatch(cmd, open, io);
    return EXIT.ok;
  } catch (e) {
    const failure = toCliError(e, what, endpoint);
    io.err(`berth: ${failure.message}`);
    for (const line of failure.details) io.err(`  ${line}`);
    return failure.exitCode;
  }
}
