/**
 * The `coastwatch` command line on commander, runnable in-process: `runCli(argv, io)` resolves to the exit
 * code. Exit codes are decided in one place (exitCode below): 0 done, 2 bad input, 1 anything else.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { asCoastwatchError, CoastwatchError, exitCodeFor } from '../domain/errors.js';
import { commands } from './commands.js';
import { type CliIO, createContext } from './context.js';
import { type CommandSpec, isLegacy, type LegacyCommand } from './spec.js';

/** The package's version, from the package.json of this checkout or install. */
export function version(): string {
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      return JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')).version as string;
    } catch {
      // try the next layout (dist/src/cli or src/cli)
    }
  }
  return 'unknown';
}

const HEAD = 'coastwatch: plan and audit aerial surveillance of a coastline';

/** `plan SCENARIO [options]`-style usage lines of every command, for the top-level usage. */
function overview(): string {
  const lines = Object.entries(commands).map(([name, c]) => {
    if (isLegacy(c)) return `  ${c.usage}`;
    const args = c.args.map((a) => a.name).join(' ');
    return `  ${`${name} ${args}`.padEnd(42)} ${c.summary}`;
  });
  return `usage: coastwatch <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nevery command takes --json (its summary as one JSON object on stdout), --quiet and --help;\ncoastwatch --version prints the version.`;
}

function argSyntax(a: { name: string }): string {
  const variadic = a.name.endsWith('...');
  const bare = a.name.replace(/\.\.\.$/, '').replace(/^\[|\]$/g, '');
  const optional = a.name.startsWith('[');
  return optional ? `[${bare}${variadic ? '...' : ''}]` : `<${bare}${variadic ? '...' : ''}>`;
}

function usageOf(name: string, c: CommandSpec): string {
  return `coastwatch ${name} ${c.args.map((a) => a.name).join(' ')} [options]`;
}

/** The thrown error of a missing argument or an unknown option, with the command's usage to fix it. */
class UsageError extends CoastwatchError {}

function addSpec(program: Command, io: CliIO, name: string, spec: CommandSpec, done: (code: number) => void) {
  const cmd = program.command(name).description(spec.summary).helpOption('-h, --help', 'show this help');
  cmd.usage(`${spec.args.map((a) => a.name).join(' ')} [options]`);
  for (const a of spec.args) cmd.argument(argSyntax(a), a.description);
  for (const o of spec.options) {
    const opt = new Option(o.flags, o.description);
    if (o.parse) opt.argParser(o.parse as (v: string, p: unknown) => unknown);
    cmd.addOption(opt);
  }
  cmd.option('--json', 'print the summary as one JSON object on stdout');
  cmd.option('-q, --quiet', 'print nothing but errors and warnings (no table, no progress)');
  if (spec.examples.length)
    cmd.addHelpText(
      'after',
      `\nExamples:\n${spec.examples
        .map((e) => {
          const [line, what] = e.split(/\s+#\s+/);
          return `  $ ${line}${what ? `\n      ${what}` : ''}`;
        })
        .join('\n')}`,
    );
  cmd.action(async (...all: unknown[]) => {
    // commander passes the arguments, then the options object, then the command
    const opts = all[all.length - 2] as Record<string, unknown>;
    const args = all
      .slice(0, -2)
      .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a])) as string[];
    const ctx = createContext(io, { json: opts.json === true, quiet: opts.quiet === true, out: opts.out });
    done(await spec.run(ctx, args, opts));
  });
  return cmd;
}

function addLegacy(program: Command, name: string, c: LegacyCommand, done: (code: number) => void) {
  const cmd = program
    .command(name)
    .usage(c.usage.replace(/^\S+\s*/, ''))
    .description(c.summary ?? '')
    .allowExcessArguments(true);
  cmd.argument('[args...]');
  for (const [long, o] of Object.entries(c.options)) {
    const flags = `${o.short ? `-${o.short}, ` : ''}--${long}${o.type === 'string' ? ` <${long}>` : ''}`;
    const opt = new Option(flags);
    if (o.multiple) opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
    cmd.addOption(opt);
  }
  cmd.option('--json', 'print the summary as one JSON object on stdout');
  cmd.option('-q, --quiet', 'print nothing but errors and warnings');
  cmd.action(async (args: string[], opts: Record<string, unknown>) => done(await c.run(args, opts)));
}

/** Commander's own errors, reworded: what went wrong, then the usage of the command it happened in. */
function fromCommander(e: CommanderError, where: string | undefined, spec?: CommandSpec): CoastwatchError {
  const msg = e.message.replace(/^error:\s*/, '');
  const name = where ? `coastwatch ${where}` : 'coastwatch';
  const help = `run \`${name} --help\` for the usage`;
  switch (e.code) {
    case 'commander.unknownCommand': {
      const m = /unknown command '([^']*)'/.exec(msg);
      const hint = /\(Did you mean (\S+)\?\)/.exec(msg);
      return new UsageError(
        'input',
        'cli.unknown-command',
        `unknown command "${m?.[1] ?? ''}"${hint ? ` (did you mean "${hint[1]}"?)` : ''}\n\n${overview()}`,
      );
    }
    case 'commander.unknownOption': {
      const m = /unknown option '([^']*)'/.exec(msg);
      const hint = /\(Did you mean (\S+)\?\)/.exec(msg);
      return new UsageError(
        'input',
        'cli.unknown-option',
        `${where ?? ''}${where ? ': ' : ''}unknown option ${m?.[1] ?? msg}${hint ? ` (did you mean ${hint[1]}?)` : ''}: ${help}`,
      );
    }
    case 'commander.missingArgument': {
      const m = /missing required argument '([^']*)'/.exec(msg);
      const arg = spec?.args.find(
        (a) => a.name.replace(/\.\.\.$/, '').toLowerCase() === m?.[1]?.toLowerCase(),
      );
      return new UsageError('input', 'cli.missing-argument', `missing ${arg?.description ?? m?.[1] ?? msg}`);
    }
    case 'commander.optionMissingArgument': {
      const m = /option '([^']*)' argument missing/.exec(msg);
      return new UsageError('input', 'cli.missing-value', `${m?.[1] ?? msg}: needs a value: ${help}`);
    }
    case 'commander.excessArguments': {
      const m = /Expected (\d+) arguments? but got (\d+)/.exec(msg);
      const names = spec?.args.map((a) => a.name).join(' ');
      return new UsageError(
        'input',
        'cli.extra-argument',
        m ? `${where} takes ${m[1]} argument${m[1] === '1' ? '' : 's'} (${names}), got ${m[2]}` : msg,
      );
    }
    default:
      return new UsageError('input', 'cli.bad-arguments', `${msg}: ${help}`);
  }
}

/** One place for exit codes: help and version 0, commander's usage errors and input errors 2, the rest 1. */
const DONE = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

function exitCode(e: unknown): number {
  if (e instanceof CommanderError) return DONE.has(e.code) ? 0 : 2;
  return exitCodeFor(asCoastwatchError(e));
}

/** Runs the command line on `argv` (without `node` and the script), writing to `io`; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 0) {
    // given no command, the usage is the error message
    io.stderr.write(`${overview()}\n`);
    return 2;
  }
  let code = 0;
  const done = (c: number) => {
    code = c;
  };
  const program = new Command('coastwatch')
    .description(HEAD)
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .helpCommand('help [command]', 'show the help of a command')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // commander's own error text is replaced by ours (fromCommander)
      outputError: () => undefined,
    });
  program.usage('<command> [options]');
  for (const [name, c] of Object.entries(commands)) {
    if (isLegacy(c)) addLegacy(program, name, c, done);
    else {
      const sub = addSpec(program, io, name, c, done);
      sub.exitOverride().configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        outputError: () => undefined,
      });
    }
  }
  const sub = argv[0] !== undefined && argv[0] in commands ? argv[0] : undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError && DONE.has(err.code)) return 0;
    const c = sub ? commands[sub] : undefined;
    const spec = c && !isLegacy(c) ? c : undefined;
    const e = err instanceof CommanderError ? fromCommander(err, sub, spec) : asCoastwatchError(err);
    io.stderr.write(`coastwatch: ${e.message}\n`);
    // a mistake in the command line itself: show how it is used
    if (e instanceof UsageError && spec && e.code !== 'cli.unknown-command')
      io.stderr.write(`\nusage: ${usageOf(sub!, spec)}\n`);
    if (e.kind === 'internal' && process.env.COASTWATCH_DEBUG) io.stderr.write(`${(err as Error).stack}\n`);
    return exitCode(err instanceof CommanderError ? err : e);
  }
}
