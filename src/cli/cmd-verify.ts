/** `coastwatch verify SCENARIO PLAN`: check a plan or schedule file against every rule (docs/cli.md). */
import { verifyFiles } from '../app/verify.js';
import { once } from './options.js';
import { plural } from './plural.js';
import type { CommandSpec } from './spec.js';

export const verifyCmd: CommandSpec = {
  summary: 'check a plan or schedule file against every rule',
  args: [
    { name: 'SCENARIO', description: 'the scenario file the plan was made for' },
    {
      name: 'PLAN',
      description: 'the plan (or schedule) file to check, e.g. libya-pantelleria.plan.geojson',
    },
  ],
  options: [
    {
      flags: '--situation <file>',
      description:
        "a situation file: each priority in force over the schedule's horizon is recomputed from the file and its reported figures and met claims checked",
      parse: once('--situation'),
    },
  ],
  examples: [
    'coastwatch verify scenarios/libya-pantelleria.json libya-pantelleria.plan.geojson   # exit 0 when every rule holds',
  ],
  async run(ctx, [scenario, planPath], v) {
    const r = await verifyFiles(scenario, planPath, { situation: v.situation as string | undefined });
    if (ctx.json) {
      ctx.printJson({
        ok: r.violations.length === 0,
        violations: r.violations,
        sorties: r.sorties,
        ...(r.notes.length ? { notes: r.notes } : {}),
      });
    } else {
      for (const n of r.notes) ctx.print(`note: ${n}`);
      if (r.violations.length === 0)
        ctx.print(`${planPath}: ${plural(r.sorties, 'sortie')}, every rule holds`);
      else {
        ctx.print(`${planPath}: ${plural(r.violations.length, 'violation')}`);
        for (const x of r.violations) {
          const at = x.at ? ` at [${x.at[0].toFixed(5)}, ${x.at[1].toFixed(5)}]` : '';
          const km = x.coastKm !== undefined ? ` (coast km ${x.coastKm.toFixed(1)})` : '';
          ctx.print(`  ${x.rule}${x.sortie ? ` ${x.sortie}` : ''}${at}${km}: ${x.message}`);
        }
      }
    }
    // a plan that breaks rules is bad input to whoever made it
    return r.violations.length === 0 ? 0 : 2;
  },
};
