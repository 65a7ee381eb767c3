import { processIo } from './cli-io';
import { runCli } from './run-cli';

// The `locket` command. Built to plain Node (out/cli/locket.cjs) and started by bin/locket.cjs.
void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
