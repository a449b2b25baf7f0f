/**
 * verify against tampered plans of real coasts (issue 8): a gap that is reachable, a leg over foreign land with
 * overflyLand "avoid", undensified long legs (Libya, Tunisia's leg past Cap Bon). Each must be caught and named.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planEnvFor } from '../src/app/land-env.js';
import { type PlanResult, planScenarioFile } from '../src/app/plan.js';
import { countryAt, worldLand } from '../src/data/land.js';
import { buildCoastModel, coastBetween } from '../src/domain/coast.js';
import type { Plan } from '../src/domain/plan.js';
import type { Scenario } from '../src/domain/scenario.js';
import { densifyForDrawing } from '../src/geo/drawn.js';
import { distanceKm, KM_PER_NM, lineLengthKm, pointToSegmentKm } from '../src/geo/geodesic.js';
import type { LonLat } from '../src/geo/lonlat.js';
import { plan } from '../src/plan/planner.js';
import { parsePlanGeoJSON } from '../src/verify/plan-file.js';
import { type Violation, verifyPlan } from '../src/verify/verify.js';
import { realScenario } from './support/real-coast.js';

const land = () => ({ land: worldLand().polygons });
const show = (v: Violation[]) => JSON.stringify(v, null, 1);

// biome-ignore lint/suspicious/noExplicitAny: a plan file edited in place, as a user would
type Json = Record<string, any>;

const cache = new Map<string, PlanResult>();
async function planned(name: string): Promise<PlanResult> {
  if (!cache.has(name)) cache.set(name, await planScenarioFile(`scenarios/${name}.json`, { write: false }));
  return cache.get(name)!;
}

/** The written file, as JSON a user could edit. */
const fileOf = (r: PlanResult): Json => JSON.parse(JSON.stringify(r.geojson));

/** Nearest distance from p to the scenario's coast, km (GeographicLib, every segment). */
function coastDistanceKm(r: PlanResult, p: LonLat): number {
  let best = Infinity;
  for (const l of r.scenario.coast.lines)
    for (let i = 1; i < l.coords.length; i++)
      best = Math.min(best, pointToSegmentKm(p, l.coords[i - 1], l.coords[i]).km);
  return best;
}

describe('verify against tampered plans of real coasts', () => {
  it('Libya: a stretch declared a gap that a straight out-and-back from LICG sees is caught, with the witness', async () => {
    const r = await planned('libya-pantelleria');
    const model = buildCoastModel(r.scenario.coast.lines, r.scenario.sampleKm);
    const L = model.lengthKm;
    const p: Plan = structuredClone(r.plan);
    p.sorties[0].covers = [
      [0, 500],
      [700, L],
    ];
    p.gaps = [
      {
        fromKm: 500,
        toKm: 700,
        lines: coastBetween(model, 500, 700),
        lengthKm: 200,
        reason: 'beyond reach of every aircraft: needs 14.2 h, has 9 h',
      },
    ];
    p.summary = { ...p.summary, coveredKm: L - 200, coverage: (L - 200) / L };
    const v = verifyPlan(r.scenario, p, land());
    assert.equal(v.length, 1, show(v));
    const w = v[0];
    assert.equal(w.rule, 'reachable');
    assert.match(
      w.message,
      /^gap at km 500\.0-700\.0 is reachable: out-and-back from LICG turning at \d+\.\d\d E, \d+\.\d\d N, \d\.\d h of 9 h \((Turboprop ISR|MALE UAV)\), sees coast km (5\d\d|6\d\d)\.\d from \d+\.\d km$/,
    );
    // the witness's turn point, checked here on its own: at sea, outside the band, within sensor range
    const turn = w.at!;
    assert.ok(coastDistanceKm(r, turn) >= 22.2, `${coastDistanceKm(r, turn)}`);
    assert.equal(countryAt(turn), undefined);
    const k = model.samples.km.findIndex((x) => Math.abs(x - w.coastKm!) < 1e-9);
    const seen = pointToSegmentKm([model.samples.lon[k], model.samples.lat[k]], turn, turn).km;
    const type = r.scenario.aircraft.find((a) => w.message.includes(`(${a.name})`))!;
    assert.ok(seen <= type.sensorRangeKm, `${seen}`);
    const out = lineLengthKm([r.scenario.bases[0].position, turn]);
    assert.ok((2 * out) / (type.speedKts * KM_PER_NM) <= type.enduranceH - type.reserveH);
  });

  it('Libya: a leg over Tunisia with overflyLand "avoid" is caught, naming the country', async () => {
    const r = await planned('libya-pantelleria');
    assert.equal(r.scenario.overflyLand, 'avoid');
    const f = fileOf(r);
    const s = f.features.find((x: Json) => x.properties.kind === 'sortie');
    // a detour from Pantelleria over Kairouan, inland Tunisia
    s.geometry.coordinates.splice(1, 0, [9.8, 35.5]);
    const v = verifyPlan(r.scenario, parsePlanGeoJSON(f), land());
    const over = v.filter((x) => x.rule === 'land');
    assert.equal(over.length, 1, show(v));
    assert.equal(over[0].sortie, 'S01');
    assert.match(over[0].message, /^leg 0 \(vertex 0 to 1\) flies over Tunisia's land from \[/);
    assert.match(over[0].message, /a sortie from LICG \(in Italy\) overflies no other country's land/);
    assert.equal(countryAt(over[0].at!), undefined, 'named where it crosses the coast');
    // the same plan with overflyLand "allowed" may cross it
    const allowed = { ...r.scenario, overflyLand: 'allowed' as const };
    assert.deepEqual(
      verifyPlan(allowed, parsePlanGeoJSON(f), land()).filter((x) => x.rule === 'land'),
      [],
    );
  });

  it('Libya: the 1,300 km leg written undensified is caught: drawn far off its geodesic', async () => {
    const r = await planned('libya-pantelleria');
    const f = fileOf(r);
    const s = f.features.find((x: Json) => x.properties.kind === 'sortie');
    s.geometry = { type: 'LineString', coordinates: r.plan.sorties[0].path };
    const long = r.plan.sorties[0].path.slice(1).map((q, i) => lineLengthKm([r.plan.sorties[0].path[i], q]));
    assert.ok(Math.max(...long) > 1200, 'the plan has a leg over 1,200 km');
    const v = verifyPlan(r.scenario, parsePlanGeoJSON(f), land());
    const drawn = v.filter((x) => x.rule === 'drawn');
    assert.equal(drawn.length, 1, show(v));
    assert.equal(drawn[0].sortie, 'S01');
    assert.match(
      drawn[0].message,
      /^sortie S01: positions \d+ to \d+ \(1[23]\d\d\.\d km apart\) drawn as a straight lon\/lat line run up to 2\d\.\d km off their geodesic/,
    );
    // written by our writer, the same plan passes
    assert.deepEqual(verifyPlan(r.scenario, parsePlanGeoJSON(fileOf(r)), land()), []);
  });

  it('Tunisia: a 415 km leg written undensified passes inside the band off Cap Bon, as drawn', async () => {
    const r = await planned('tunisia-sar');
    const f = fileOf(r);
    // the leg home from off Cap Bon's north-west that an earlier planner flew (its geodesic keeps the band)
    const lmml = r.scenario.bases.find((b) => b.icao === 'LMML')!.position;
    const turn: LonLat = [10.351195, 37.58455];
    assert.ok(Math.abs(lineLengthKm([turn, lmml]) - 415) < 1);
    const s = r.plan.sorties.find((x) => x.base === 'LMML')!;
    const feat = f.features.find((x: Json) => x.properties.kind === 'sortie' && x.properties.id === s.id);
    // out drawn right (densified), home as one straight lon/lat segment
    feat.geometry = { type: 'LineString', coordinates: [...densifyForDrawing([lmml, turn]), lmml] };
    const v = verifyPlan(r.scenario, parsePlanGeoJSON(f), { ...land(), witnesses: false });
    const band = v.filter((x) => x.rule === 'standoff');
    assert.equal(band.length, 1, show(v));
    assert.equal(band[0].sortie, s.id);
    assert.match(
      band[0].message,
      /, 41\d\.\d km\) drawn as a straight lon\/lat line \(as GeoJSON readers draw it\) comes 2[01]\.\d{3} km from the coast at \[1[01]\.\d+, 37\.\d+\] .*inside the 22\.2 km standoff: densify the leg/,
    );
    assert.ok(v.some((x) => x.rule === 'drawn' && x.sortie === s.id));
    // as flown (the geodesic) it keeps the standoff and is drawn right
    feat.geometry = { type: 'LineString', coordinates: densifyForDrawing([lmml, turn, lmml]) };
    const ok = verifyPlan(r.scenario, parsePlanGeoJSON(f), { ...land(), witnesses: false });
    assert.deepEqual(
      ok.filter((x) => x.rule === 'standoff' || x.rule === 'drawn'),
      [],
    );
  });
});

describe('the climb-out from a shore airport (docs/formats.md, "The scenario file")', () => {
  // Tunis-Carthage lies a few km from the Gulf of Tunis: every sortie starts inside the 22.2 km band
  const scenario = () =>
    realScenario({ coast: { country: 'Tunisia', bbox: [9.5, 36.3, 11.3, 37.6] }, bases: [{ icao: 'DTTA' }] });

  it('a plan from DTTA at standoff 22.2 passes verify: its climb-out crosses the shore by the shortest way', () => {
    const s = scenario();
    const base = s.bases[0].position;
    assert.ok(coastDistance(s, base) < 22.2, 'the base lies inside the band');
    const p = plan(s, buildCoastModel(s.coast.lines, s.sampleKm), {}, planEnvFor(s));
    assert.ok(p.sorties.length > 0);
    const v = verifyPlan(s, p, land());
    assert.deepEqual(v, [], show(v));
  });

  it('a climb-out that wanders along the coast inside the band first is caught and named', () => {
    const s = scenario();
    const base = s.bases[0].position;
    const p = plan(s, buildCoastModel(s.coast.lines, s.sampleKm), {}, planEnvFor(s));
    const so = p.sorties[0];
    // a coast point 25-35 km from the base: out to it along the coast and back, inside the band all the way
    const along = s.coast.lines
      .flatMap((l) => l.coords)
      .find((q) => distanceKm(q, base) > 25 && distanceKm(q, base) < 35 && coastDistance(s, q) < 0.01)!;
    assert.ok(along);
    const path = [base, along, base, ...so.path.slice(1)];
    const km = lineLengthKm(path);
    const type = s.aircraft[0];
    const wander = { ...so, path, distanceKm: km, durationH: km / (type.speedKts * KM_PER_NM) };
    const v = verifyPlan(s, { ...p, sorties: [wander, ...p.sorties.slice(1)] }, land()).filter(
      (x) => x.rule === 'standoff',
    );
    assert.equal(v.length, 1, show(v));
    assert.equal(v[0].sortie, so.id);
    assert.match(
      v[0].message,
      /^climb-out from base DTTA, \d+\.\d+ km from the coast \(inside the 22\.2 km standoff\), does not leave the band by the shortest way: it flies \d+\.\d km before it leaves the band for the sea at .*, but a straight climb on bearing [\d.]+° leaves it for the sea after [\d.]+ km/,
    );
  });
});

describe('the climb-out from an inland airport', () => {
  it('Belgium from Brussels (EBBR, ~45 km inland): the climb over its own land and across the band passes; a detour to the coast and back is caught', () => {
    const s = realScenario({ coast: { country: 'Belgium' }, bases: [{ icao: 'EBBR' }] });
    const base = s.bases[0].position;
    assert.ok(coastDistance(s, base) > 22.2, 'the base lies outside the band, on land');
    const p = plan(s, buildCoastModel(s.coast.lines, s.sampleKm), {}, planEnvFor(s));
    assert.deepEqual(verifyPlan(s, p, land()), []);
    // the same sortie with the climb-out first flown to the coast's western end and back to the base
    const so = p.sorties[0];
    const path = [base, s.coast.lines[0].coords[0], base, ...so.path.slice(1)];
    const km = lineLengthKm(path);
    const wander = { ...so, path, distanceKm: km, durationH: km / (s.aircraft[0].speedKts * KM_PER_NM) };
    const v = verifyPlan(s, { ...p, sorties: [wander, ...p.sorties.slice(1)] }, land()).filter(
      (x) => x.rule === 'standoff',
    );
    assert.equal(v.length, 1, show(v));
    assert.match(
      v[0].message,
      /^climb-out from base EBBR, on land outside the 22\.2 km standoff, does not leave the band by the shortest way/,
    );
  });
});

function coastDistance(s: Scenario, p: LonLat): number {
  let best = Infinity;
  for (const l of s.coast.lines)
    for (let i = 1; i < l.coords.length; i++)
      best = Math.min(best, pointToSegmentKm(p, l.coords[i - 1], l.coords[i]).km);
  return best;
}
