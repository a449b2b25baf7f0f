/** Plausibility warnings and place names for the command line's tables (see docs/cli.md). */
import type { CoastModel } from '../domain/coast.js';
import type { Scenario } from '../domain/scenario.js';

export function scenarioWarnings(_scenario: Scenario, _coast: CoastModel): string[] {
  return [];
}

export function placeNamer(
  _coast: CoastModel,
  _scenario: Scenario,
): ((fromKm: number, toKm: number) => string) | undefined {
  return undefined;
}
