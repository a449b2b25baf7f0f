#!/usr/bin/env node
/** The `coastwatch` command: the command line of program.ts on this process's streams and exit code. */
import { runCli } from './program.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
