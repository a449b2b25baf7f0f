/** `coastwatch plan SCENARIO`: cover the coast once with the fewest sorties (docs/cli.md). */
import { planScenarioFile } from '../app/plan.js';
import { inputError } from '../domain/errors.js';
import { showDb } from './cmd-serve.js';
import { once } from './options.js';
import { plural } from './plural.js';
import type { CommandSpec } from './spec.js';
import { fmt, table } from './table.js';

export const planCmd: CommandSpec = {
  summary: 'cover the coast once with the fewest sorties',
  args: [{ name: 'SCENARIO', description: 'the scenario file, e.g. scenarios/libya-pantelleria.json' }],
  options: [
    {
      flags: '-o, --out <file>',
      description: 'where to write the plan (GeoJSON; - for stdout); default SCENARIO-NAME.plan.geojson',
      parse: once('--out'),
    },
    {
      flags: '--save',
      description:
        "also keep the scenario and the plan in the server's store, for the web map and the API (see --db)",
    },
    {
      flags: '--db <path-or-url>',
      description:
        'the store --save uses: a SQLite file or postgres://... (default: DATABASE_URL, else coastwatch.db in the user data folder)',
      parse: once('--db'),
    },
  ],
  examples: [
    'coastwatch plan scenarios/libya-pantelleria.json   # the table, and libya-pantelleria.plan.geojson',
    'coastwatch plan scenarios/libya-pantelleria.json --out plan.geojson --json   # the summary as JSON',
    'coastwatch plan scenarios/libya-pantelleria.json --save   # also kept in the store: coastwatch serve shows it',
  ],
  async run(ctx, [scenario], v) {
    const bar = ctx.progress();
    let r: Awaited<ReturnType<typeof planScenarioFile>>;
    try {
      if (v.db !== undefined && !v.save)
        throw inputError('cli.bad-arguments', '--db is for --save: add --save, or leave --db out', '--db');
      r = await planScenarioFile(scenario, {
        out: v.out as string | undefined,
        onProgress: bar?.onProgress,
        ...(v.save ? { save: { db: v.db as string | undefined } } : {}),
      });
    } finally {
      bar?.end();
    }
    ctx.warn(r.warnings);
    const s = r.plan.summary;
    const b = r.plan.bounds;
    if (ctx.json) {
      ctx.printJson({
        ...r.geojson.summary,
        out: r.outPath,
        ...(r.saved ? { saved: { ...r.saved, db: showDb(r.saved.db) } } : {}),
        planMs: Math.round(r.timings.planMs),
        warnings: r.warnings,
        notes: r.notes,
      });
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
      `coast ${fmt.km(s.coastKm)} km, covered ${fmt.km(s.coveredKm)} km (${fmt.pct(s.coverage)}) by ${plural(s.sorties, 'sortie')}`,
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
        `lower bound: no plan can use fewer than ${plural(b.minSorties, 'sortie')} (this plan: ${s.sorties}, ${ds === 0 ? 'optimal' : `+${ds}`})`,
      );
      out.push(
        `             no set of sorties covering this coast flies less than ${fmt.km(b.minDistanceKm)} km (this plan: ${fmt.km(s.distanceKm)} km, +${(dd * 100).toFixed(0)}%)`,
      );
    }
    for (const g of r.plan.gaps)
      out.push(
        `gap: coast km ${Math.round(g.fromKm)}-${Math.round(g.toKm)} (${fmt.km(g.lengthKm)} km, ${r.placeOf(g.fromKm, g.toKm)}): ${g.reason}`,
      );
    for (const n of r.notes) out.push(`note: ${n}`);
    out.push('');
    out.push(`plan written to ${r.outPath}`);
    if (r.saved)
      out.push(
        `kept in ${showDb(r.saved.db)} as plan ${r.saved.resultId} of scenario ${r.saved.scenarioId} (version ${r.saved.scenarioVersion}): \`coastwatch serve\` shows it`,
      );
    ctx.print(out.join('\n'));
    return 0;
  },
};
