/** `coastwatch schedule`: fly the fleet over days; the table, `--json`, `--count` what-ifs and `--sweep`. */
import { scheduleScenarioFile, sweepScenarioFile } from '../app/schedule.js';
import { inputError } from '../domain/errors.js';
import type { Command } from './commands.js';
import { fmt, table } from './table.js';

const USAGE = 'schedule SCENARIO [--days N] [--out FILE] [--count TYPE=N ...] [--sweep TYPE=A..B] [--json]';

function parseDays(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  // only the text to a number here: the range is the scheduler's to check, whoever calls it
  const n = Number(v);
  if (!Number.isFinite(n))
    throw inputError('cli.bad-days', `--days must be a number of days, got "${String(v)}"`);
  return n;
}

/** `--count "Turboprop ISR=3"` (repeatable) into { "Turboprop ISR": 3 }. */
function parseCounts(v: unknown): Record<string, number> | undefined {
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  const out: Record<string, number> = {};
  for (const item of list) {
    const m = /^(.+?)\s*=\s*(\d+)$/.exec(String(item).trim());
    if (!m)
      throw inputError(
        'cli.bad-count',
        `--count must be TYPE=N (a type name and a whole number, e.g. "Turboprop ISR=3"), got "${String(item)}"`,
      );
    out[m[1]] = Number(m[2]);
  }
  return out;
}

function parseSweep(v: unknown): { type: string; from: number; to: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(.+?)\s*=\s*(\d+)\s*\.\.\s*(\d+)$/.exec(String(v).trim());
  if (!m)
    throw inputError('cli.bad-sweep', `--sweep must be TYPE=A..B (e.g. "MALE UAV=1..6"), got "${String(v)}"`);
  return { type: m[1], from: Number(m[2]), to: Number(m[3]) };
}

const h = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(1));

export const scheduleCmd: Command = {
  usage: USAGE,
  options: {
    out: { type: 'string', short: 'o' },
    days: { type: 'string' },
    count: { type: 'string', multiple: true },
    sweep: { type: 'string' },
  },
  async run(pos, v) {
    if (pos.length < 1)
      throw inputError(
        'cli.missing-argument',
        `missing the scenario file, e.g. scenarios/libya-pantelleria.json\n\nusage: coastwatch ${USAGE}`,
      );
    if (pos.length > 1)
      throw inputError(
        'cli.extra-argument',
        `schedule takes one scenario file, got ${pos.length}: ${pos.join(' ')}`,
      );
    const days = parseDays(v.days);
    const counts = parseCounts(v.count);
    const sweep = parseSweep(v.sweep);
    if (sweep) {
      if (v.out !== undefined)
        throw inputError('cli.bad-arguments', '--sweep writes no file: leave out --out');
      const r = await sweepScenarioFile(pos[0], sweep.type, sweep.from, sweep.to, { days, counts });
      if (v.json) {
        console.log(
          JSON.stringify({ scenario: r.scenario.name, type: r.type, monotone: r.monotone, rows: r.rows }),
        );
        return 0;
      }
      const rows = r.rows.map((x) => [
        x.count,
        h(x.worstRevisitH),
        h(x.meanRevisitH),
        h(x.boundH),
        x.ratio === null ? '-' : x.ratio.toFixed(2),
      ]);
      console.log(`${r.scenario.name}: worst revisit by number of ${r.type} (${r.monotone})\n`);
      console.log(
        table([r.type, 'worst revisit h', 'mean h', 'bound h', 'ratio'], rows, {
          right: [true, true, true, true, true],
        }),
      );
      return 0;
    }
    const r = await scheduleScenarioFile(pos[0], { days, counts, out: v.out as string | undefined });
    const s = r.schedule.plan.summary;
    const f = r.schedule.figures;
    if (v.json) {
      console.log(
        JSON.stringify({
          ...r.geojson.summary,
          out: r.outPath,
          scheduleMs: Math.round(r.timings.scheduleMs),
        }),
      );
      return 0;
    }
    const out: string[] = [];
    const fleet = Object.entries(f.fleet)
      .map(([name, n]) => `${n} ${name}`)
      .join(', ');
    out.push(`${s.scenario}`);
    out.push(
      `${(f.horizonH / 24).toFixed(f.horizonH % 24 ? 1 : 0)} days from ${f.start} (repeating), fleet ${fleet}: ${s.sorties} sorties, ${fmt.h(s.flightHours)} flight hours`,
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
        ['coast km', 'covered km', 'worst revisit h', 'mean revisit h'],
        f.stretches.map((x) => [
          `${Math.round(x.fromKm)}-${Math.round(x.toKm)}`,
          fmt.km(x.coveredKm),
          h(x.worstRevisitH),
          h(x.meanRevisitH),
        ]),
        { right: [false, true, true, true] },
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
        `gap: coast km ${Math.round(g.fromKm)}-${Math.round(g.toKm)} (${fmt.km(g.lengthKm)} km): ${g.reason}`,
      );
    out.push('');
    out.push(`schedule written to ${r.outPath}`);
    console.log(out.join('\n'));
    return 0;
  },
};
