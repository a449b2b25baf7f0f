/** Plausibility warnings, and names for coast stretches, for what the commands print (docs/cli.md). */
import type { CoastModel } from '../domain/coast.js';
import { plausibilityWarnings } from '../domain/plausibility.js';
import type { Scenario } from '../domain/scenario.js';
import { pointInPolygon } from '../geo/polyline.js';

export function scenarioWarnings(scenario: Scenario, _coast: CoastModel): string[] {
  return plausibilityWarnings(scenario);
}

/** Names of the bases that lie inside a no-fly area (their aircraft cannot take off). */
export function basesInNoFly(scenario: Scenario): string[] {
  return scenario.bases
    .filter((b) => scenario.noFly.some((area) => pointInPolygon(b.position, area)))
    .map((b) => b.name);
}

export function placeNamer(
  _coast: CoastModel,
  _scenario: Scenario,
): ((fromKm: number, toKm: number) => string) | undefined {
  return undefined;
}
