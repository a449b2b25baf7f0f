/** Use cases of the situation picture: read a situation file, check it against a scenario, picture it at a time. */
import { basename } from 'node:path';
import { buildCoastModel, coastBetween } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type { Scenario } from '../domain/scenario.js';
import { parseSituation, reportAt, type Situation, validAt } from '../domain/situation.js';
import { checkSituationAgainstCoast, type SituationPicture, situationAt } from '../situation/picture.js';
import { loadScenario, readJsonFile } from './load-scenario.js';

/** A situation file read, validated, and checked against the scenario's coast (chainage within it). */
export async function loadSituation(path: string, scenario: Scenario): Promise<Situation> {
  const sit = parseSituation(await readJsonFile(path, 'situation file'), basename(path));
  checkSituationAgainstCoast(sit, buildCoastModel(scenario.coast.lines, scenario.sampleKm).lengthKm);
  return sit;
}

/** `at` as an ISO time: given, or now. Anything Date cannot read is refused naming --at. */
export function parseAt(at: string | undefined): string {
  if (at === undefined) return new Date().toISOString();
  const t = Date.parse(at);
  if (!/^\d{4}-\d{2}-\d{2}/.test(at) || !Number.isFinite(t))
    throw inputError(
      'cli.bad-at',
      `must be an ISO 8601 time, e.g. --at 2016-06-01T00:00:00Z; got "${at}"`,
      '--at',
    );
  return new Date(t).toISOString();
}

/** In memory: the picture of `situation` over `scenario`'s coast at `at`. */
export function pictureSituation(situation: Situation, scenario: Scenario, at: string): SituationPicture {
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  checkSituationAgainstCoast(situation, coast.lengthKm);
  return situationAt(situation, coast, at);
}

export type { SituationPicture };

export interface SituationFileResult {
  scenario: Scenario;
  situation: Situation;
  picture: SituationPicture;
}

/** The file adapter `coastwatch situation FILE --scenario S [--at TIME]` calls. */
export async function situationFiles(
  path: string,
  scenarioPath: string,
  opts: { at?: string } = {},
): Promise<SituationFileResult> {
  const at = parseAt(opts.at);
  const scenario = await loadScenario(scenarioPath);
  const situation = await loadSituation(path, scenario);
  return { scenario, situation, picture: pictureSituation(situation, scenario, at) };
}

/** A GeoJSON feature of the situation picture: `properties.kind` says which. */
export interface SituationFeature {
  type: 'Feature';
  properties: Record<string, unknown> & {
    kind: 'zone' | 'team' | 'report' | 'priority' | 'contested';
  };
  geometry: { type: string; coordinates?: unknown; geometries?: unknown };
}

export interface SituationFeatureCollection {
  type: 'FeatureCollection';
  /** The time the picture is as of, the coast's length, and counts in force. */
  situation: { at: string; coastKm: number; counts: SituationPicture['counts'] };
  features: SituationFeature[];
}

/**
 * The picture at `at` as GeoJSON: zones as coast lines (coastKm) or their areas, with party and grade; teams as
 * their point or area with the radius; reports in force as their geometry (or coast lines) with the grade;
 * priorities in force as coast lines with the target; contested stretches as coast lines naming the parties.
 */
export function situationToGeoJSON(
  situation: Situation,
  scenario: Scenario,
  at: string,
): SituationFeatureCollection {
  const coast = buildCoastModel(scenario.coast.lines, scenario.sampleKm);
  checkSituationAgainstCoast(situation, coast.lengthKm);
  const picture = situationAt(situation, coast, at);
  const t = Date.parse(picture.at);
  const lines = (ivs: readonly (readonly [number, number])[]) => ({
    type: 'MultiLineString',
    coordinates: ivs.flatMap(([a, b]) => coastBetween(coast, a, b)),
  });
  const features: SituationFeature[] = [];
  for (const z of situation.zones) {
    if (!validAt(z, t)) continue;
    features.push({
      type: 'Feature',
      properties: {
        kind: 'zone',
        id: z.id,
        party: z.party,
        grade: z.grade,
        source: z.source,
        from: z.from,
        to: z.to,
      },
      geometry: z.coastKm ? lines(z.coastKm) : (z.where as SituationFeature['geometry']),
    });
  }
  for (const x of situation.teams) {
    if (!validAt(x, t)) continue;
    features.push({
      type: 'Feature',
      properties: { kind: 'team', id: x.id, name: x.name, radiusKm: x.radiusKm, from: x.from, to: x.to },
      geometry: x.where as SituationFeature['geometry'],
    });
  }
  for (const r of situation.reports) {
    if (!reportAt(r, t)) continue;
    const w = r.where as { coastKm?: [number, number] };
    features.push({
      type: 'Feature',
      properties: {
        kind: 'report',
        id: r.id,
        time: r.time,
        grade: r.grade,
        source: r.source,
        text: r.text,
        tags: r.tags,
      },
      geometry: w.coastKm ? lines([w.coastKm]) : (r.where as SituationFeature['geometry']),
    });
  }
  for (const p of situation.priorities) {
    if (!validAt(p, t)) continue;
    features.push({
      type: 'Feature',
      properties: {
        kind: 'priority',
        id: p.id,
        targetRevisitH: p.targetRevisitH,
        reason: p.reason,
        coastKm: p.coastKm,
        from: p.from,
        to: p.to,
      },
      geometry: lines(p.coastKm),
    });
  }
  for (const s of picture.stretches) {
    if (!s.contested) continue;
    features.push({
      type: 'Feature',
      properties: {
        kind: 'contested',
        fromKm: s.fromKm,
        toKm: s.toKm,
        parties: [...new Set(s.holders.map((h) => h.party))],
        zones: s.holders.map((h) => h.zone),
      },
      geometry: lines([[s.fromKm, s.toKm]]),
    });
  }
  return {
    type: 'FeatureCollection',
    situation: { at: picture.at, coastKm: coast.lengthKm, counts: picture.counts },
    features,
  };
}

/** A situation from the items a store keeps (each list as stored), validated as a file would be. */
export function situationFromItems(
  items: Record<'reports' | 'zones' | 'teams' | 'priorities', unknown[]>,
): Situation {
  return parseSituation({ version: 1, ...items }, 'stored situation');
}
