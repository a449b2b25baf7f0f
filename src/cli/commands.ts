/**
 * Every command of `coastwatch`, by name. Adding one: a `cmd-<name>.ts` module exporting a CommandSpec (see
 * spec.ts; a node:util-style LegacyCommand also works), and one line here.
 */
import { auditCmd } from './cmd-audit.js';
import { exportCmd } from './cmd-export.js';
import { planCmd } from './cmd-plan.js';
import { scheduleCmd } from './cmd-schedule.js';
import { serveCmd } from './cmd-serve.js';
import { situationCmd } from './cmd-situation.js';
import { tokenCmd } from './cmd-token.js';
import { verifyCmd } from './cmd-verify.js';
import type { CommandSpec, LegacyCommand } from './spec.js';

export const commands: Record<string, CommandSpec | LegacyCommand> = {
  plan: planCmd,
  schedule: scheduleCmd,
  audit: auditCmd,
  verify: verifyCmd,
  serve: serveCmd,
  token: tokenCmd,
  situation: situationCmd,
  export: exportCmd,
};
