/** `coastwatch audit SCENARIO TRACKS...`: what flown tracks covered, and when (docs/formats.md). */
import { auditFiles } from '../app/audit.js';
import { intervalsKm } from '../domain/coast.js';
import { once } from './options.js';
import type { CommandSpec } from './spec.js';
import { fmt, table } from './table.js';

/** `2026-12-01 06:00` in UTC. */
const when = (ms: number | undefined) => {
  // a time Date cannot hold (readers refuse them; this is the last guard) prints as unknown, not a crash
  const d = ms === undefined ? undefined : new Date(ms);
  return d === undefined || Number.isNaN(d.getTime()) ? '-' : d.toISOString().slice(0, 16).replace('T', ' ');
};

const ranges = (xs: [number, number][], max = 6) =>
  xs
    .slice(0, max)
    .map(([a, b]) => `${Math.round(a)}-${Math.round(b)}`)
    .join(', ') + (xs.length > max ? `, and ${xs.length - max} more` : '');

export const auditCmd: CommandSpec = {
  summary: 'what flown tracks covered, and when',
  args: [
    { name: 'SCENARIO', description: 'the scenario file, e.g. scenarios/libya-pantelleria.json' },
    {
      name: 'TRACKS...',
      description: 'the track files (GPX, KML/KMZ, IGC, CSV, readsb JSON or GeoJSON)',
    },
  ],
  options: [
    {
      flags: '-a, --aircraft <name>',
      description:
        'the aircraft type that flew every track (not needed when the scenario has one type, or tracks match its callsigns)',
      parse: once('--aircraft'),
    },
    {
      flags: '-p, --plan <file>',
      description: 'a plan file to compare with: which sorties were flown, what was planned and not seen',
      parse: once('--plan'),
    },
    {
      flags: '-o, --out <file>',
      description: 'where to write the audit (GeoJSON; - for stdout); default SCENARIO-NAME.audit.geojson',
      parse: once('--out'),
    },
  ],
  examples: [
    'coastwatch audit scenarios/libya-pantelleria.json flight1.gpx flight2.igc   # what two flights saw',
    'coastwatch audit scenarios/libya-pantelleria.json adsb.csv --aircraft "MALE UAV" --plan plan.geojson',
  ],
  async run(ctx, [scenario, ...tracks], v) {
    const bar = ctx.progress();
    let r: Awaited<ReturnType<typeof auditFiles>>;
    try {
      r = await auditFiles(scenario, tracks, {
        aircraft: v.aircraft as string | undefined,
        plan: v.plan as string | undefined,
        out: v.out as string | undefined,
        onProgress: bar
          ? (done, total) => bar.onProgress(total > 0 ? done / total : 1, 'reading tracks')
          : undefined,
      });
    } finally {
      bar?.end();
    }
    ctx.warn(r.warnings);
    const a = r.audit;
    const skipped = r.reports.filter((x) => x.report.skippedCount > 0);
    if (ctx.json) {
      ctx.printJson({
        ...r.summary,
        out: r.outPath,
        skippedFiles: r.skippedFiles,
        files: r.reports.map((x) => ({
          path: x.path,
          format: x.report.format,
          fixes: x.report.fixes,
          skipped: x.report.skippedCount,
          firstSkipped: x.report.skipped.slice(0, 5),
        })),
        byTrack: a.tracks.map((t) => ({
          id: t.id,
          aircraft: t.aircraft ?? null,
          points: t.points,
          start: t.start !== undefined ? new Date(t.start).toISOString() : null,
          end: t.end !== undefined ? new Date(t.end).toISOString() : null,
          km: Math.round(t.km * 1000) / 1000,
          coastSeenKm: Math.round(t.coastSeenKm * 1000) / 1000,
          passes: t.passes,
          dataGaps: t.dataGaps,
        })),
        auditMs: Math.round(r.timings.auditMs),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        warnings: r.warnings,
      });
      return 0;
    }
    const out: string[] = [];
    const span =
      a.spanStart !== undefined && a.spanEnd !== undefined ? (a.spanEnd - a.spanStart) / 3.6e6 : undefined;
    out.push(
      `${r.scenario.name}: ${a.tracks.length} track${a.tracks.length === 1 ? '' : 's'}, ${a.points.toLocaleString('en-US')} points` +
        (span !== undefined
          ? `, ${when(a.spanStart)} to ${when(a.spanEnd)} UTC (${fmt.h(span)} h)`
          : ', no times'),
    );
    out.push('');
    const rows = a.tracks.map((t) => [
      t.id,
      t.aircraft ?? '',
      t.points.toLocaleString('en-US'),
      t.start !== undefined
        ? `${when(t.start)} - ${when(t.end).slice(when(t.end).slice(0, 10) === when(t.start).slice(0, 10) ? 11 : 0)}`
        : 'no times',
      fmt.km(t.km),
      fmt.km(t.coastSeenKm),
      t.dataGaps ? String(t.dataGaps) : '',
    ]);
    const km = a.tracks.reduce((s, t) => s + t.km, 0);
    rows.push(['total', '', a.points.toLocaleString('en-US'), '', fmt.km(km), fmt.km(a.coveredKm), '']);
    out.push(
      table(['track', 'aircraft', 'points', 'span (UTC)', 'km flown', 'coast seen km', 'data gaps'], rows, {
        right: [false, false, true, false, true, true, true],
      }),
    );
    out.push('');
    const unseenKm = intervalsKm(a.unseen);
    out.push(`coast ${fmt.km(a.coastKm)} km, seen ${fmt.km(a.coveredKm)} km (${fmt.pct(a.coverage)})`);
    if (a.unseen.length) out.push(`never seen: ${fmt.km(unseenKm)} km at coast km ${ranges(a.unseen)}`);
    if (a.worstRevisitH !== null) {
      out.push(
        `worst revisit over the span (from its start to its end, not wrapped): ${fmt.h(a.worstRevisitH)} h at coast km ${Math.round(a.worstRevisitAtKm ?? 0)}`,
      );
      if (a.worstRevisitSeenH !== null && a.worstRevisitSeenH < a.worstRevisitH - 1e-9) {
        out.push(
          `  (coast never seen waits the whole span; over coast seen at least once: ${fmt.h(a.worstRevisitSeenH)} h at coast km ${Math.round(a.worstRevisitSeenAtKm ?? 0)})`,
        );
      }
    } else if (a.spanStart !== undefined)
      out.push(
        'worst revisit: cannot be computed, the timed fixes span no time (one moment; coverage still counts)',
      );
    else out.push('worst revisit: cannot be computed, no track has times (coverage still counts)');
    const untimed = a.tracks.filter((t) => t.start === undefined);
    if (untimed.length && a.worstRevisitH !== null)
      out.push(`tracks without times (coverage only, no revisit): ${untimed.map((t) => t.id).join(', ')}`);
    if (a.plan) {
      const p = a.plan;
      const flown = p.sorties.filter((s) => s.flown);
      out.push(
        `plan: ${flown.length} of ${p.sorties.length} sorties flown` +
          (p.sorties.length
            ? ` (${p.sorties.map((s) => (s.flown ? `${s.id} by ${s.track} ${fmt.pct(s.share)}` : `${s.id} not flown, best ${fmt.pct(s.share)}`)).join('; ')})`
            : ''),
      );
      out.push(
        `planned coverage achieved: ${fmt.km(p.achievedKm)} of ${fmt.km(p.plannedKm)} km (${fmt.pct(p.achieved)})`,
      );
      if (p.holes.length)
        out.push(`holes (planned, not flown): ${fmt.km(p.holesKm)} km at coast km ${ranges(p.holes)}`);
    }
    for (const s of skipped) {
      const first = s.report.skipped
        .slice(0, 3)
        .map((x) => `${x.where}: ${x.why}`)
        .join('; ');
      out.push(
        `skipped ${s.report.skippedCount} row${s.report.skippedCount > 1 ? 's' : ''} of ${s.path}${first ? ` (${first}${s.report.skippedCount > 3 ? '; ...' : ''})` : ''}`,
      );
    }
    for (const s of r.skippedFiles) out.push(`skipped file ${s.path}: ${s.why}`);
    // what a reader noticed without skipping anything (no date header, waypoints not read, ...)
    for (const x of r.reports) for (const n of x.report.notes ?? []) out.push(`note: ${n}`);
    out.push('');
    out.push(`audit written to ${r.outPath}`);
    ctx.print(out.join('\n'));
    return 0;
  },
};
