#!/usr/bin/env node
// The `lnn-lab` command: the bundled CLI (npm run build makes dist/cli.js).
require('../dist/cli.js').main();
