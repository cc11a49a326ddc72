#!/usr/bin/env node
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
// Everything is closed by now; this only guards against a stray handle keeping a script waiting.
setTimeout(() => process.exit(), 2_000).unref();
