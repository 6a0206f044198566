import type { CliIo } from './output';
import { runCli } from './run';

// `npx berth ...` (through cli/bin.mjs): the real process's streams and environment.

const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

// The SDK warns on the console for what the CLI then reports itself (a request it will not retry):
// once is enough, unless BERTH_CLI_DEBUG asks for the SDK's own lines too.
if (!process.env.BERTH_CLI_DEBUG) console.warn = () => undefined;

void runCli(process.argv.slice(2), io).then((code) => process.exit(code));
