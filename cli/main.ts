import type { CliIo } from './output';
import { runCli } from './run';

// `npx berth ...` (through cli/bin.mjs): the real process's streams and environment.

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

void runCli(process.argv.slice(2), io).then((code) => process.exit(code));
