/**
 * How a command is declared: its arguments, options, examples and what it runs. Adding a command is one
 * `cmd-<name>.ts` module exporting a CommandSpec plus one line in commands.ts.
 */
import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './context.js';

export interface ArgumentSpec {
  /** As shown in the usage: `SCENARIO`, `TRACKS...` (variadic), `[PLAN]` (optional). */
  name: string;
  /** What it is, also used when it is missing: "the scenario file, e.g. scenarios/libya-pantelleria.json". */
  description: string;
}

export interface OptionSpec {
  /** Commander's flags: `-o, --out <file>`, `--count <type=n>`, `--json`. */
  flags: string;
  description: string;
  /** Parses (and checks) a value; `previous` is the value before, for repeated options. */
  parse?: (value: string, previous: never) => unknown;
}

export interface CommandSpec {
  summary: string;
  args: ArgumentSpec[];
  options: OptionSpec[];
  /** Shown under --help: each a command line and, after `#`, what it does. */
  examples: string[];
  /** Runs the command; resolves to the exit code (errors are thrown and mapped in one place). */
  run(ctx: CliContext, args: string[], opts: Record<string, unknown>): Promise<number>;
}

/**
 * A command written before commander came (node:util parseArgs options, positionals, console output):
 * still registrable, so a branch that adds one merges without rewriting it.
 */
export interface LegacyCommand {
  usage: string;
  /** One line for the command list of `coastwatch --help`. */
  summary?: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Record<string, unknown>): Promise<number>;
}

export function isLegacy(c: CommandSpec | LegacyCommand): c is LegacyCommand {
  return typeof (c as LegacyCommand).usage === 'string';
}
