/** `coastwatch situation FILE --scenario SCENARIO [--at TIME]`: the situation picture as of a time. */

import type { SituationPicture } from '../app/situation.js';
import { situationFiles } from '../app/situation.js';
import { inputError } from '../domain/errors.js';
import { fmt, table } from './table.js';

export const SITUATION_USAGE = 'situation FILE --scenario SCENARIO [--at TIME] [--json]';

export async function runSituation(
  positionals: string[],
  values: { scenario?: string; at?: string; json?: boolean },
  out: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  if (positionals.length !== 1)
    throw inputError(
      'cli.missing-argument',
      `give one situation file, e.g. scenarios/libya-pantelleria.situation.json\n\nusage: coastwatch ${SITUATION_USAGE}`,
    );
  if (!values.scenario)
    throw inputError(
      'cli.missing-option',
      `--scenario is required: the scenario whose coast the situation's chainage is measured along, e.g. --scenario scenarios/libya-pantelleria.json`,
    );
  const r = await situationFiles(positionals[0], values.scenario, { at: values.at });
  if (values.json) {
    out(JSON.stringify({ scenario: r.scenario.name, ...r.picture }));
    return 0;
  }
  out(formatPicture(r.scenario.name, r.picture));
  return 0;
}

/** The printout: one row per coast stretch, then the reports in force, newest first, with grades. */
export function formatPicture(name: string, p: SituationPicture): string {
  const lines: string[] = [];
  const n = (k: number, one: string) => `${k} ${k === 1 ? one : `${one}s`}`;
  lines.push(`${name}: situation as of ${p.at.replace(':00.000Z', 'Z')}`);
  lines.push(
    `coast ${fmt.km(p.coastKm)} km; in force: ${n(p.counts.zones, 'zone')}, ${n(p.counts.teams, 'team')}, ${n(p.counts.priorities, 'priority').replace('prioritys', 'priorities')}, ${n(p.counts.reports, 'report')}`,
  );
  lines.push('');
  const rows = p.stretches.map((s) => [
    `${fmt.km(s.fromKm)}-${fmt.km(s.toKm)}`,
    `${s.at[0].toFixed(2)}, ${s.at[1].toFixed(2)}`,
    s.holders.length === 0
      ? '(no zone)'
      : `${s.contested ? 'CONTESTED: ' : ''}${s.holders.map((h) => `${h.party} (${h.grade})`).join(' | ')}`,
    s.teams.map((t) => t.name).join(', ') || '-',
    s.priority ? `<= ${s.priority.targetRevisitH} h` : '-',
    s.reports.map((r) => `${r.id} ${r.grade}`).join(', ') || '-',
  ]);
  lines.push(
    table(['coast km', 'lon, lat', 'held by (grade)', 'teams', 'revisit', 'reports'], rows, {
      right: [true, false, false, false, false, false],
    }),
  );
  const contested = p.stretches.filter((s) => s.contested);
  if (contested.length > 0) {
    lines.push('');
    for (const s of contested)
      lines.push(
        `contested: coast km ${fmt.km(s.fromKm)}-${fmt.km(s.toKm)} is claimed by ${s.holders.map((h) => `${h.party} (${h.grade}, ${h.zone})`).join(' and ')}: both shown, none picked`,
      );
  }
  const reports = new Map<string, SituationPicture['stretches'][number]['reports'][number]>();
  for (const s of p.stretches) for (const r of s.reports) reports.set(r.id, r);
  if (reports.size > 0) {
    lines.push('');
    lines.push('reports near the coast (newest first):');
    for (const r of [...reports.values()].sort((a, b) => b.time.localeCompare(a.time)))
      lines.push(`  ${r.id}  ${r.time.slice(0, 10)}  ${r.grade}  ${r.text} [${r.source}]`);
  }
  const off = p.offCoast;
  if (off.reports.length + off.teams.length + off.zones.length > 0)
    lines.push(
      '',
      `away from the coast (over 50 km): ${[...off.reports, ...off.teams, ...off.zones].join(', ')}`,
    );
  for (const s of p.stretches.filter((x) => x.priority))
    if (s.priority?.reason) {
      lines.push('', `priority ${s.priority.ids.join(', ')}: ${s.priority.reason}`);
      break;
    }
  return lines.join('\n');
}
