#!/usr/bin/env node
import { endQuietlyOnClosedPipe, main } from '../dist/src/cli/main.js';

endQuietlyOnClosedPipe(process.stdout);

const code = await main(process.argv);
process.exitCode = code;
