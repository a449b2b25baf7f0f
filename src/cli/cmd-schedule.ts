/** `coastwatch schedule`: fly the fleet over days; the table, `--json`, `--count` what-ifs and `--sweep`. */
import { scheduleScenarioFile, sweepScenarioFile } from '../app/schedule.js';
import { inputError } from '../domain/errors.js';
import { collect, once, positiveNumber } from './options.js';
import { plural } from './plural.js';
import type { CommandSpec } from './spec.js';
import { fmt, table } from './table.js';

/** `--count "Turboprop ISR=3"` (repeatable) into { "Turboprop ISR": 3 }. */
function parseCounts(v: unknown): Record<string, number> | undefined {
  if (v === undefined) return undefined;
  // no prototype: `__proto__=1` becomes a name the scheduler refuses, not a silently ignored prototype
  const out: Record<string, number> = Object.create(null);
  for (const item of v as string[]) {
    const m = /^(.+?)\s*=\s*(\d+)$/.exec(String(item).trim());
    if (!m)
      throw inputError(
        'cli.bad-count',
        `must be TYPE=N (a type name and a whole number, e.g. --count "Turboprop ISR=3"), got "${String(item)}"`,
        '--count',
      );
    if (m[1] in out)
      throw inputError('cli.repeated-option', `"${m[1]}" is given twice: give each type once`, '--count');
    out[m[1]] = Number(m[2]);
  }
  return out;
}

function parseSweep(v: string): { type: string; from: number; to: number } {
  const m = /^(.+?)\s*=\s*(\d+)\s*\.\.\s*(\d+)$/.exec(v.trim());
  if (!m)
    throw inputError(
      'cli.bad-sweep',
      `must be TYPE=A..B (a type name and a range of whole numbers, e.g. --sweep "MALE UAV=1..6"), got "${v}"`,
      '--sweep',
    );
  return { type: m[1], from: Number(m[2]), to: Number(m[3]) };
}

const h = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(1));

const r1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
const r2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export const scheduleCmd: CommandSpec = {
  summary: 'fly the fleet over days, keeping revisit gaps small',
  args: [{ name: 'SCENARIO', description: 'the scenario file, e.g. scenarios/libya-pantelleria.json' }],
  options: [
    {
      flags: '-o, --out <file>',
      description:
        'where to write the schedule (GeoJSON; - for stdout); default SCENARIO-NAME.schedule.geojson',
      parse: once('--out'),
    },
    {
      flags: '--days <n>',
      description: "the horizon in days (default: the scenario's schedule.days, else 7)",
      parse: once('--days', positiveNumber('--days', 'days', '7')),
    },
    {
      flags: '--count <type=n>',
      description: "airframes of a type instead of the scenario's count (repeatable, once per type)",
      parse: collect,
    },
    {
      flags: '--sweep <type=a..b>',
      description: 'worst revisit for each fleet size A..B of one type (writes no file); give it once',
      parse: once('--sweep'),
    },
  ],
  examples: [
    'coastwatch schedule scenarios/libya-pantelleria.json --days 7   # a week, written to libya-pantelleria.schedule.geojson',
    'coastwatch schedule scenarios/libya-pantelleria.json --count "MALE UAV=3"   # what if there were three',
    'coastwatch schedule scenarios/libya-pantelleria.json --sweep "MALE UAV=1..6" --json   # revisit by fleet size',
  ],
  async run(ctx, [scenario], v) {
    const days = v.days as number | undefined;
    const counts = parseCounts(v.count);
    const sweep = v.sweep === undefined ? undefined : parseSweep(v.sweep as string);
    const bar = ctx.progress();
    if (sweep) {
      if (v.out !== undefined)
        throw inputError('cli.bad-arguments', '--sweep writes no file: leave out --out', '--out');
      let r: Awaited<ReturnType<typeof sweepScenarioFile>>;
      try {
        r = await sweepScenarioFile(scenario, sweep.type, sweep.from, sweep.to, {
          days,
          counts,
          onProgress: bar?.onProgress,
        });
      } finally {
        bar?.end();
      }
      ctx.warn(r.warnings);
      if (ctx.json) {
        // figures as the table shows them
        ctx.printJson({
          scenario: r.scenario.name,
          type: r.type,
          monotone: r.monotone,
          rows: r.rows.map((x) => ({
            ...x,
            worstRevisitH: r1(x.worstRevisitH),
            meanRevisitH: r1(x.meanRevisitH),
            boundH: r1(x.boundH),
            ratio: r2(x.ratio),
            flightHours: r1(x.flightHours),
          })),
          warnings: r.warnings,
        });
        return 0;
      }
      const rows = r.rows.map((x) => [
        x.count,
        h(x.worstRevisitH),
        h(x.meanRevisitH),
        h(x.boundH),
        x.ratio === null ? '-' : x.ratio.toFixed(2),
      ]);
      ctx.print(`${r.scenario.name}: worst revisit by number of ${r.type} (${r.monotone})\n`);
      ctx.print(
        table([r.type, 'worst revisit h', 'mean h', 'bound h', 'ratio'], rows, {
          right: [true, true, true, true, true],
        }),
      );
      return 0;
    }
    let r: Awaited<ReturnType<typeof scheduleScenarioFile>>;
    try {
      r = await scheduleScenarioFile(scenario, {
        days,
        counts,
        out: v.out as string | undefined,
        onProgress: bar?.onProgress,
      });
    } finally {
      bar?.end();
    }
    ctx.warn(r.warnings);
    const s = r.schedule.plan.summary;
    const f = r.schedule.figures;
    if (ctx.json) {
      ctx.printJson({
        ...r.geojson.summary,
        out: r.outPath,
        scheduleMs: Math.round(r.timings.scheduleMs),
        warnings: r.warnings,
      });
      return 0;
    }
    const out: string[] = [];
    const fleet = Object.entries(f.fleet)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
    out.push(`${s.scenario}`);
    out.push(
      `${(f.horizonH / 24).toFixed(f.horizonH % 24 ? 1 : 0)} days from ${f.start} (repeating), fleet ${fleet}: ${plural(s.sorties, 'sortie')}, ${fmt.h(s.flightHours)} flight hours`,
    );
    out.push('');
    const notes = f.airframes.some((a) => a.note);
    out.push(
      table(
        ['airframe', 'sorties', 'hours', 'utilisation', ...(notes ? ['note'] : [])],
        f.airframes.map((a) => [
          a.tail,
          a.sorties,
          fmt.h(a.hours),
          fmt.pct(a.utilisation),
          ...(notes ? [a.note ?? ''] : []),
        ]),
        { right: [false, true, true, true, false] },
      ),
    );
    out.push('');
    out.push(
      table(
        ['coast km', 'where', 'covered km', 'worst revisit h', 'mean revisit h'],
        f.stretches.map((x) => [
          `${Math.round(x.fromKm)}-${Math.round(x.toKm)}`,
          r.placeOf(x.fromKm, x.toKm),
          fmt.km(x.coveredKm),
          h(x.worstRevisitH),
          h(x.meanRevisitH),
        ]),
        { right: [false, false, true, true, true] },
      ),
    );
    out.push('');
    out.push(
      `coast ${fmt.km(s.coastKm)} km, covered ${fmt.km(s.coveredKm)} km (${fmt.pct(s.coverage)}); mean revisit ${h(f.meanRevisitH)} h`,
    );
    if (f.neverSeenKm > 0)
      out.push(
        `${fmt.km(f.neverSeenKm)} km of reachable coast is never watched: it waits the whole ${f.horizonH} h horizon (where and why: the reachable gaps below)`,
      );
    if (f.worstRevisitH === null) out.push('no coast is reachable: no revisit figures');
    else if (f.bestBound && f.bestBound.hours > 0)
      out.push(
        `worst revisit ${h(f.worstRevisitH)} h; no schedule of this fleet can do better than ${h(f.bestBound.hours)} h (ratio ${(f.worstRevisitH / f.bestBound.hours).toFixed(1)})`,
      );
    else out.push(`worst revisit ${h(f.worstRevisitH)} h; no lower bound above 0 h was found for this fleet`);
    for (const b of f.bounds) out.push(`  bound ${b.name}: ${b.hours.toFixed(2)} h: ${b.how}`);
    for (const g of r.schedule.plan.gaps)
      out.push(
        `gap: coast km ${Math.round(g.fromKm)}-${Math.round(g.toKm)} (${fmt.km(g.lengthKm)} km, ${r.placeOf(g.fromKm, g.toKm)}): ${g.reason}`,
      );
    out.push('');
    out.push(`schedule written to ${r.outPath}`);
    ctx.print(out.join('\n'));
    return 0;
  },
};
