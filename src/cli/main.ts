#!/usr/bin/env node
/**
 * The `coastwatch` command (CONTRACT section 2). Parses arguments, calls one app use case, prints a table or
 * `--json`, and maps errors to exit codes in one place: 0 done, 2 bad input, 1 anything else.
 */
import { parseArgs } from 'node:util';
import { asCoastwatchError, exitCodeFor, inputError } from '../domain/errors.js';
import { commands } from './commands.js';

const USAGE = `usage: coastwatch <command> [options]

commands:
  plan SCENARIO [--out FILE]                 cover the coast once with the fewest sorties
  schedule SCENARIO [--days N] [--out FILE]  fly the fleet over days, keeping revisit gaps small
           [--count TYPE=N ...] [--sweep TYPE=A..B]
  audit SCENARIO TRACKS... [--aircraft NAME] [--plan FILE] [--out FILE]
                                             what flown tracks covered, and when
  verify SCENARIO PLAN                       check a plan or schedule file against every rule

every command takes --json to print its summary as one JSON object.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // asked for, usage is output; given instead of a command, it is the error message, for stderr
    if (name) console.log(USAGE);
    else console.error(USAGE);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) throw inputError('cli.unknown-command', `unknown command "${name}"\n\n${USAGE}`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...cmd.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw inputError('cli.bad-arguments', `${(e as Error).message}\n\nusage: coastwatch ${cmd.usage}`);
  }
  if (parsed.values.help) {
    console.log(`usage: coastwatch ${cmd.usage}`);
    return 0;
  }
  return cmd.run(parsed.positionals, parsed.values as Record<string, unknown>);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    const e = asCoastwatchError(err);
    console.error(`coastwatch: ${e.message}`);
    if (e.kind === 'internal' && process.env.COASTWATCH_DEBUG) console.error(err);
    process.exitCode = exitCodeFor(e);
  },
);
