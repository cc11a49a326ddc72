#!/usr/bin/env node
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
// Everything is closed by now; this only guards against a stray handle keeping a script waiting, and
// says so: a bug to report (the tests look for this line rather than time the exit).
setTimeout(() => {
  process.stderr.write('verifik-login: something kept the process open after the login ended; exiting.\n');
  process.exit();
}, 2_000).unref();
