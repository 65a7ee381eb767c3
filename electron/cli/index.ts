import { join } from 'node:path';
import { processIo } from './cli-io';
import { runCli } from './run-cli';

// The `locket` command. Built to plain Node (out/cli/locket.cjs) and started by bin/locket.cjs; imports read
// each source in a thread started from read-worker.cjs, built beside it.
void runCli(process.argv.slice(2), processIo(), { readerThreadFile: join(__dirname, 'read-worker.cjs') }).then(
  (code) => {
    process.exitCode = code;
  },
);
