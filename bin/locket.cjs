#!/usr/bin/env node
'use strict';
// Starts the built CLI. `npm ci` builds it (the `prepare` script); `npm run build:cli` rebuilds it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'out', 'cli', 'locket.cjs');
if (!existsSync(built)) {
  process.stderr.write('locket: the CLI is not built yet. Run `npm run build:cli` in the Locket folder.\n');
  process.exit(1);
}
require(built);
