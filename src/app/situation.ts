/** Use cases of the situation picture: read a situation file, check it against a scenario, picture it at a time. */
import { basename } from 'node:path';
import { buildCoastModel } from '../domain/coast.js';
import { inputError } from '../domain/errors.js';
import type { Scenario } from '../domain/scenario.js';
import { parseSituation, type Situation } from '../domain/situation.js';
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
