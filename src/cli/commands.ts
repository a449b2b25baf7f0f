/** One entry per command: its options, usage line and what it runs. */
import type { ParseArgsConfig } from 'node:util';
import { planScenarioFile } from '../app/plan.js';
import { verifyFiles } from '../app/verify.js';
import { inputError } from '../domain/errors.js';
import { auditCmd } from './cmd-audit.js';
import { scheduleCmd } from './cmd-schedule.js';
import { serveCmd } from './cmd-serve.js';
import { runSituation, SITUATION_USAGE } from './cmd-situation.js';
import { tokenCmd } from './cmd-token.js';
import { fmt, table } from './table.js';

export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: Record<string, unknown>): Promise<number>;
}

function need(positionals: string[], n: number, usage: string, what: string): void {
  if (positionals.length < n)
    throw inputError('cli.missing-argument', `missing ${what}\n\nusage: coastwatch ${usage}`);
}

const planCmd: Command = {
  usage: 'plan SCENARIO [--out FILE] [--json]',
  options: { out: { type: 'string', short: 'o' } },
  async run(pos, v) {
    need(pos, 1, this.usage, 'the scenario file, e.g. scenarios/libya-pantelleria.json');
    if (pos.length > 1)
      throw inputError(
        'cli.extra-argument',
        `plan takes one scenario file, got ${pos.length}: ${pos.join(' ')}`,
      );
    const r = await planScenarioFile(pos[0], { out: v.out as string | undefined });
    const s = r.plan.summary;
    const b = r.plan.bounds;
    if (v.json) {
      console.log(
        JSON.stringify({ ...r.geojson.summary, out: r.outPath, planMs: Math.round(r.timings.planMs) }),
      );
      return 0;
    }
    const rows = r.plan.sorties.map((x) => [
      x.id,
      x.aircraft,
      x.base,
      fmt.km(x.distanceKm),
      fmt.nm(x.distanceKm),
      fmt.h(x.durationH),
      x.covers.map(([a, c]) => `${Math.round(a)}-${Math.round(c)}`).join(' '),
    ]);
    rows.push(['total', '', '', fmt.km(s.distanceKm), fmt.nm(s.distanceKm), fmt.h(s.flightHours), '']);
    const out: string[] = [];
    out.push(`${s.scenario}`);
    out.push(
      `coast ${fmt.km(s.coastKm)} km, covered ${fmt.km(s.coveredKm)} km (${fmt.pct(s.coverage)}) by ${s.sorties} sorties`,
    );
    out.push('');
    out.push(
      table(['sortie', 'aircraft', 'base', 'km', 'NM', 'hours', 'covers (coast km)'], rows, {
        right: [false, false, false, true, true, true, false],
      }),
    );
    if (b) {
      out.push('');
      const ds = s.sorties - b.minSorties;
      const dd = b.minDistanceKm > 0 ? s.distanceKm / b.minDistanceKm - 1 : 0;
      out.push(
        `lower bound: no plan can use fewer than ${b.minSorties} sorties (this plan: ${s.sorties}, ${ds === 0 ? 'optimal' : `+${ds}`})`,
      );
      out.push(
        `             no set of sorties covering this coast flies less than ${fmt.km(b.minDistanceKm)} km (this plan: ${fmt.km(s.distanceKm)} km, +${(dd * 100).toFixed(0)}%)`,
      );
    }
    for (const g of r.plan.gaps)
      out.push(
        `gap: coast km ${Math.round(g.fromKm)}-${Math.round(g.toKm)} (${fmt.km(g.lengthKm)} km): ${g.reason}`,
      );
    out.push('');
    out.push(`plan written to ${r.outPath}`);
    console.log(out.join('\n'));
    return 0;
  },
};

const verifyCmd: Command = {
  usage: 'verify SCENARIO PLAN [--json]',
  options: {},
  async run(pos, v) {
    need(pos, 2, this.usage, 'the scenario file and the plan (or schedule) file');
    const r = await verifyFiles(pos[0], pos[1]);
    if (v.json) {
      console.log(
        JSON.stringify({ ok: r.violations.length === 0, violations: r.violations, sorties: r.sorties }),
      );
    } else if (r.violations.length === 0) {
      console.log(`${pos[1]}: ${r.sorties} sorties, every rule holds`);
    } else {
      console.log(`${pos[1]}: ${r.violations.length} violation${r.violations.length > 1 ? 's' : ''}`);
      for (const x of r.violations) {
        const at = x.at ? ` at [${x.at[0].toFixed(5)}, ${x.at[1].toFixed(5)}]` : '';
        const km = x.coastKm !== undefined ? ` (coast km ${x.coastKm.toFixed(1)})` : '';
        console.log(`  ${x.rule}${x.sortie ? ` ${x.sortie}` : ''}${at}${km}: ${x.message}`);
      }
    }
    // a plan that breaks rules is bad input to whoever made it
    return r.violations.length === 0 ? 0 : 2;
  },
};

const situationCmd: Command = {
  usage: SITUATION_USAGE,
  options: { scenario: { type: 'string', short: 's' }, at: { type: 'string' } },
  run: (pos, v) => runSituation(pos, v as { scenario?: string; at?: string; json?: boolean }),
};

export const commands: Record<string, Command> = {
  plan: planCmd,
  verify: verifyCmd,
  audit: auditCmd,
  schedule: scheduleCmd,
  serve: serveCmd,
  token: tokenCmd,
  situation: situationCmd,
};
