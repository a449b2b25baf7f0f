import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { uniform } from '../../test/support/arbitraries.js';
import type { AuditResult } from '../domain/audit.js';
import { buildCoastModel, type CoastModel } from '../domain/coast.js';
import type { CoastLine } from '../domain/scenario.js';
import type { FixBatch } from '../domain/track.js';
import { destination, distanceKm, pointToSegmentKm } from '../geo/geodesic.js';
import type { LonLat } from '../geo/lonlat.js';
import { type AuditOptions, createAudit } from './auditor.js';

const T0 = Date.UTC(2026, 11, 1, 6);
const MIN = 60_000;
const H = 3_600_000;

interface Fix {
  t: number;
  p: LonLat;
}

/** A coast running east from `start` for `km`, wiggling north and south by `amp` km. */
function coastLine(start: LonLat, km: number, amp: number, wave = 40): CoastLine {
  const coords: LonLat[] = [];
  for (let x = 0; x <= km; x += 2) {
    const along = destination(start, 90, x);
    const y = amp * Math.sin((2 * Math.PI * x) / wave);
    coords.push(destination(along, y >= 0 ? 0 : 180, Math.abs(y)));
  }
  return { coords, closed: false, seaSide: 'left' };
}

function batch(track: string, fixes: Fix[], extra: Partial<FixBatch> = {}): FixBatch {
  return {
    track,
    t: Float64Array.from(fixes, (f) => f.t),
    lon: Float64Array.from(fixes, (f) => f.p[0]),
    lat: Float64Array.from(fixes, (f) => f.p[1]),
    altM: new Float64Array(fixes.length).fill(Number.NaN),
    ...extra,
  };
}

function run(
  coast: CoastModel,
  tracks: { id: string; fixes: Fix[]; range: number; aircraft?: string }[],
  opts: AuditOptions = {},
): AuditResult {
  const a = createAudit(coast, opts);
  for (const tr of tracks) a.add(batch(tr.id, tr.fixes), tr.range, tr.aircraft);
  return a.finish();
}

/** Straight flight along azimuth `az` at `kts` from `start`, one fix every `everyS` seconds. */
function straight(start: LonLat, az: number, km: number, kts: number, everyS: number, t0 = T0): Fix[] {
  const kmPerS = (kts * 1.852) / 3600;
  const out: Fix[] = [];
  const n = Math.ceil(km / (kmPerS * everyS));
  for (let i = 0; i <= n; i++) {
    const d = Math.min(km, i * kmPerS * everyS);
    out.push({ t: t0 + (d / kmPerS) * 1000, p: destination(start, az, d) });
  }
  return out;
}

/** GeographicLib distance from each sample to the flown track (segments between fixes that are no data gap). */
function exactDistances(coast: CoastModel, fixes: Fix[], maxGapS = 600, maxGapKm = 50): Float64Array {
  const s = coast.samples;
  const out = new Float64Array(s.count).fill(Number.POSITIVE_INFINITY);
  const runs: Fix[][] = [];
  let cur: Fix[] = [];
  for (const f of fixes) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const dt = f.t - prev.t;
      if (dt < 0 || dt > maxGapS * 1000 || distanceKm(prev.p, f.p) > maxGapKm) {
        runs.push(cur);
        cur = [];
      }
    }
    cur.push(f);
  }
  runs.push(cur);
  for (let i = 0; i < s.count; i++) {
    const p: LonLat = [s.lon[i], s.lat[i]];
    for (const r of runs) {
      if (r.length === 1) out[i] = Math.min(out[i], distanceKm(p, r[0].p));
      for (let k = 0; k + 1 < r.length; k++) {
        const a = r[k].p;
        const b = r[k + 1].p;
        // the distance to a segment is at least the distance to an end less the segment's length
        const lb = Math.min(distanceKm(p, a), distanceKm(p, b)) - distanceKm(a, b);
        if (lb > out[i] || lb > 400) continue;
        out[i] = Math.min(out[i], pointToSegmentKm(p, a, b).km);
      }
    }
  }
  return out;
}

const where = fc.tuple(uniform(-179.5, 179.5), uniform(-70, 70));

/** A wandering flight near the coast: headings drift, steps from 50 m to 15 km, and now and then a gap. */
const flight = fc.record({
  offset: fc.tuple(uniform(0, 360), uniform(0, 120)),
  steps: fc.array(
    fc.record({
      turn: uniform(-60, 60),
      km: fc.oneof(uniform(0.05, 0.5), uniform(0.5, 15)),
      gap: fc.oneof(
        { weight: 12, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.constantFrom(1, 2) },
      ),
    }),
    { minLength: 0, maxLength: 120 },
  ),
});

function fly(
  coast: CoastModel,
  f: { offset: [number, number]; steps: { turn: number; km: number; gap: number }[] },
): Fix[] {
  const s = coast.samples;
  const mid = Math.floor(s.count / 3);
  let p = destination([s.lon[mid], s.lat[mid]], f.offset[0], f.offset[1]);
  let az = 90;
  let t = T0;
  const out: Fix[] = [{ t, p }];
  for (const st of f.steps) {
    az = (az + st.turn + 360) % 360;
    if (st.gap === 1) t += 11 * MIN; // a time gap
    const km = st.gap === 2 ? 60 : st.km; // or a jump in space
    p = destination(p, az, km);
    t += (km / 0.5) * 1000; // ~970 kts, so jumps stay under the time gap
    out.push({ t, p });
  }
  return out;
}

describe('audit coverage against GeographicLib', () => {
  it('reports seen only samples within range of a flown segment, and misses none within range', () => {
    fc.assert(
      fc.property(where, uniform(5, 90), flight, (start, range, f) => {
        const coast = buildCoastModel([coastLine(start, 200, 15)], 2);
        const fixes = fly(coast, f);
        const r = run(coast, [{ id: 'T', fixes, range }]);
        const exact = exactDistances(coast, fixes);
        const seen = new Set(r.tracks[0].samplesSeen);
        for (let i = 0; i < coast.samples.count; i++) {
          if (seen.has(i))
            assert.ok(
              exact[i] <= range + 1e-6,
              `sample ${i} reported seen at ${exact[i]} km, range ${range}`,
            );
          else assert.ok(exact[i] > range - 1e-3, `sample ${i} missed at ${exact[i]} km, range ${range}`);
          assert.equal(r.seen[i], seen.has(i) ? 1 : 0);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('decides samples right at the sensor edge with GeographicLib', () => {
    // a track flying parallel to a straight coast exactly at the range: samples sit on the edge
    const start: LonLat = [14, 32];
    const coast = buildCoastModel(
      [{ coords: [start, destination(start, 90, 100)], closed: false, seaSide: 'left' }],
      1,
    );
    const track = straight(destination(start, 0, 40), 90, 100, 250, 2);
    for (const range of [39.999, 40.0005, 40.001]) {
      const r = run(coast, [{ id: 'T', fixes: track, range }]);
      const exact = exactDistances(coast, track);
      for (let i = 0; i < coast.samples.count; i++)
        assert.equal(r.seen[i] === 1, exact[i] <= range, `range ${range}, sample ${i}: ${exact[i]}`);
    }
  });

  it('gives the same answer however the fixes are cut into batches and interleaved with other tracks', () => {
    fc.assert(
      fc.property(
        where,
        flight,
        flight,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (start, f1, f2, cuts) => {
          const coast = buildCoastModel([coastLine(start, 150, 10)], 2);
          const a = fly(coast, f1);
          const b = fly(coast, f2).map((x) => ({ t: x.t + 5 * MIN, p: x.p }));
          const whole = run(coast, [
            { id: 'A', fixes: a, range: 30 },
            { id: 'B', fixes: b, range: 50 },
          ]);
          const au = createAudit(coast);
          let i = 0;
          let j = 0;
          let c = 0;
          while (i < a.length || j < b.length) {
            const n = cuts[c++ % cuts.length];
            if (i < a.length) au.add(batch('A', a.slice(i, i + n)), 30);
            if (j < b.length) au.add(batch('B', b.slice(j, j + n + 1)), 50);
            i += n;
            j += n + 1;
          }
          const cut = au.finish();
          for (const k of [0, 1]) {
            assert.deepEqual([...cut.tracks[k].samplesSeen], [...whole.tracks[k].samplesSeen]);
            assert.ok(Math.abs(cut.tracks[k].km - whole.tracks[k].km) < 1e-6);
          }
          assert.equal(cut.coveredKm, whole.coveredKm);
          // batches cut pieces differently: closest approaches move by at most a piece (a minute)
          assert.ok(Math.abs((cut.worstRevisitH ?? 0) - (whole.worstRevisitH ?? 0)) <= 1 / 60 + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('sightings and revisit', () => {
  const start: LonLat = [14, 32];
  const coast = buildCoastModel(
    [{ coords: [start, destination(start, 90, 200)], closed: false, seaSide: 'left' }],
    1,
  );

  it('one sighting per pass, at the time of closest approach', () => {
    // east along the coast 20 km off, then back west two hours later
    const out = straight(destination(start, 0, 20), 90, 200, 280, 4);
    const back = straight(destination(destination(start, 90, 200), 0, 20), 270, 200, 280, 4, T0 + 2 * H);
    // the two legs are a data gap apart (the aircraft landed): two passes even where both ends see the coast
    const r = run(coast, [{ id: 'T', fixes: [...out, ...back], range: 40 }]);
    assert.equal(r.coverage, 1);
    const kmPerMs = (280 * 1.852) / H;
    for (const s of r.stretches) {
      assert.equal(s.sightingsS.length, 2);
      const mid = (s.fromKm + s.toKm) / 2;
      // the stretch's earliest sample is seen first: its closest approach is at its own position
      assert.ok(Math.abs(s.sightingsS[0] * 1000 - (T0 + s.fromKm / kmPerMs)) < 65_000, `out ${mid}`);
      assert.ok(
        Math.abs(s.sightingsS[1] * 1000 - (T0 + 2 * H + (200 - s.toKm) / kmPerMs)) < 65_000,
        `back ${mid}`,
      );
    }
    // the samples' own sighting times: exact to a few seconds
    const e = r.stretches[0];
    assert.ok(
      e.toKm - e.fromKm <= (60 * 280 * 1.852) / 3600 + 2,
      'a stretch spans at most a minute of flight',
    );
    assert.equal(r.tracks[0].passes, 2 * coast.samples.count);
  });

  it('worst revisit runs from the span start to the first sighting, between sightings, and to the span end', () => {
    // a sortie seeing the whole coast at once (high above its middle), at 2 h and 5 h; a far track sets the span to 0..10 h
    const mid = destination(start, 90, 100);
    const hover = (at: number): Fix[] => [
      { t: T0 + at, p: mid },
      { t: T0 + at + MIN, p: destination(mid, 0, 1) },
    ];
    const far: Fix[] = [
      { t: T0, p: [40, 10] },
      { t: T0 + 10 * H, p: [40, 10] },
    ];
    const r = run(
      coast,
      [
        { id: 'A', fixes: [...hover(2 * H)], range: 150 },
        { id: 'B', fixes: [...hover(5 * H)], range: 150 },
        { id: 'far', fixes: far, range: 10 },
      ],
      { maxGapS: 11 * 3600, maxGapKm: 1 },
    );
    assert.equal(r.coverage, 1);
    assert.equal(r.spanStart, T0);
    assert.equal(r.spanEnd, T0 + 10 * H);
    // the gaps: 2 h to the first sighting, 3 h between, 5 h to the end: 5 h, not wrapped around (5 + 2 = 7 h)
    assert.ok(r.worstRevisitH !== null && Math.abs(r.worstRevisitH - 5) < 0.02, String(r.worstRevisitH));
    assert.equal(r.stretches.length, 1);
    assert.equal(r.stretches[0].sightingsS.length, 2);
  });

  it('worst revisit is unwatched time: a long watch counts as watched throughout, overlapping watches merge', () => {
    // one aircraft loiters over the middle (seeing all the coast) from 1 h to 6 h, another from 5 h to 8 h;
    // the span is 0..10 h: unwatched 0-1 h and 8-10 h, so 2 h (instants of closest approach would give more)
    const mid = destination(start, 90, 100);
    const loiter = (from: number, to: number): Fix[] => {
      const out: Fix[] = [];
      for (let t = from; t <= to; t += 5 * MIN)
        out.push({ t: T0 + t, p: destination(mid, (t / MIN) % 2 === 0 ? 0 : 180, 1) });
      return out;
    };
    const far: Fix[] = [
      { t: T0, p: [40, 10] },
      { t: T0 + 10 * H, p: [40, 10] },
    ];
    const r = run(
      coast,
      [
        { id: 'A', fixes: loiter(1 * H, 6 * H), range: 150 },
        { id: 'B', fixes: loiter(5 * H, 8 * H), range: 150 },
        { id: 'far', fixes: far, range: 10 },
      ],
      { maxGapS: 11 * 3600, maxGapKm: 1 },
    );
    assert.equal(r.coverage, 1);
    assert.ok(r.worstRevisitH !== null && Math.abs(r.worstRevisitH - 2) < 0.02, String(r.worstRevisitH));
    assert.ok(r.stretches.every((s) => s.worstGapH !== null && Math.abs(s.worstGapH - 2) < 0.02));
  });

  it('a coast never seen waits the whole span; tracks without times count for coverage only', () => {
    const half = straight(destination(start, 0, 10), 90, 80, 200, 10);
    const r = run(coast, [{ id: 'T', fixes: half, range: 20 }]);
    assert.ok(r.coverage > 0.4 && r.coverage < 0.6, String(r.coverage));
    assert.ok(Math.abs((r.worstRevisitH ?? 0) - (half[half.length - 1].t - T0) / H) < 1e-9);
    assert.ok(r.worstRevisitSeenH !== null && r.worstRevisitSeenH <= (r.worstRevisitH ?? 0));
    const untimed = half.map((f) => ({ t: Number.NaN, p: f.p }));
    const u = run(coast, [{ id: 'U', fixes: untimed, range: 20 }]);
    assert.equal(u.coverage, r.coverage);
    assert.equal(u.worstRevisitH, null);
    assert.equal(u.spanStart, undefined);
    assert.ok(
      u.stretches.every((s) => s.sightingsS.length === 0 && s.untimedPasses === 1 && s.worstGapH === null),
    );
  });

  it('does not fly across data gaps in time or space, but counts what each side saw', () => {
    const a = destination(start, 0, 10);
    const b = destination(a, 90, 200);
    const jump = run(coast, [
      {
        id: 'T',
        fixes: [
          { t: T0, p: a },
          { t: T0 + MIN * 5, p: b },
        ],
        range: 20,
      },
    ]);
    assert.equal(jump.tracks[0].dataGaps, 1);
    assert.equal(jump.tracks[0].km, 0);
    // each end alone sees about 2 x sqrt(20^2 - 10^2) = 35 km of coast
    assert.ok(jump.coveredKm > 30 && jump.coveredKm < 40, String(jump.coveredKm));
    const slow = straight(a, 90, 200, 200, 60).map((f, i) => ({ t: f.t + (i > 20 ? 30 * MIN : 0), p: f.p }));
    const r = run(coast, [{ id: 'T', fixes: slow, range: 20 }]);
    assert.equal(r.tracks[0].dataGaps, 1);
    const flown = run(coast, [{ id: 'T', fixes: slow, range: 20 }], { maxGapS: 3600 });
    assert.equal(flown.tracks[0].dataGaps, 0);
    assert.ok(flown.tracks[0].km > r.tracks[0].km + 1);
  });

  it('sorts a batch out of time order, and reports km flown as GeographicLib does', () => {
    const fixes = straight(destination(start, 0, 10), 90, 150, 200, 5);
    const shuffled = [...fixes].reverse();
    const r1 = run(coast, [{ id: 'T', fixes, range: 25 }]);
    const r2 = run(coast, [{ id: 'T', fixes: shuffled, range: 25 }]);
    assert.deepEqual([...r1.tracks[0].samplesSeen], [...r2.tracks[0].samplesSeen]);
    let km = 0;
    for (let i = 1; i < fixes.length; i++) km += distanceKm(fixes[i - 1].p, fixes[i].p);
    assert.ok(Math.abs(r1.tracks[0].km - km) < km * 1e-6, `${r1.tracks[0].km} vs ${km}`);
  });

  it('merges neighbouring samples seen within a minute into one stretch, and splits where sightings differ', () => {
    const r = run(coast, [
      { id: 'A', fixes: straight(destination(start, 0, 5), 90, 200, 300, 5), range: 10 },
      { id: 'B', fixes: straight(destination(start, 0, 5), 90, 100, 300, 5, T0 + H), range: 10 },
    ]);
    for (const s of r.stretches) {
      assert.ok(s.sightingsS.length === 2 || s.sightingsS.length === 1);
      assert.deepEqual(
        [...s.sightingsS],
        [...s.sightingsS].sort((x, y) => x - y),
      );
    }
    // the first 100 km have two sightings, the rest one: a stretch never mixes them
    const two = r.stretches.filter((s) => s.sightingsS.length === 2);
    assert.ok(Math.abs(two[two.length - 1].toKm - 100) < 12, String(two[two.length - 1].toKm));
    let covered = 0;
    for (const s of r.stretches) covered += s.toKm - s.fromKm;
    assert.ok(Math.abs(covered - r.coveredKm) < 1e-9);
  });
});

describe('thinned tracks and plans', () => {
  const start: LonLat = [14, 32];
  const coast = buildCoastModel(
    [{ coords: [start, destination(start, 90, 200)], closed: false, seaSide: 'left' }],
    1,
  );

  it('keeps the ends, the turns and a vertex every thinS, and every fix counts in the figures', () => {
    const leg1 = straight(destination(start, 0, 10), 90, 100, 250, 1);
    const t1 = leg1[leg1.length - 1].t;
    const leg2 = straight(leg1[leg1.length - 1].p, 0, 30, 250, 1, t1 + 1000);
    const fixes = [...leg1, ...leg2];
    const r = run(coast, [{ id: 'T', fixes, range: 20 }]);
    const path = r.tracks[0].path;
    assert.equal(r.tracks[0].points, fixes.length);
    assert.ok(path.lon.length < fixes.length / 50, `${path.lon.length} vertices of ${fixes.length}`);
    assert.equal(path.t[0], fixes[0].t);
    assert.equal(path.t[path.t.length - 1], fixes[fixes.length - 1].t);
    // every fix lies within the thinning tolerance (0.2 km) of the drawn line
    for (let i = 0; i < fixes.length; i += 7) {
      let best = Number.POSITIVE_INFINITY;
      for (let k = 0; k + 1 < path.lon.length; k++) {
        best = Math.min(
          best,
          pointToSegmentKm(fixes[i].p, [path.lon[k], path.lat[k]], [path.lon[k + 1], path.lat[k + 1]]).km,
        );
      }
      assert.ok(best <= 0.201, `fix ${i} is ${best} km off the drawn track`);
    }
    for (let k = 1; k < path.t.length; k++) assert.ok(path.t[k] - path.t[k - 1] <= 600_000 + 1000);
  });

  it('finds which planned sorties were flown, the planned coverage achieved and the holes', () => {
    const off = destination(start, 0, 15);
    const sortieA = {
      id: 'S01',
      aircraft: 'Patrol',
      path: [off, destination(off, 90, 100)],
    };
    const sortieB = {
      id: 'S02',
      aircraft: 'Patrol',
      path: [destination(off, 90, 100), destination(off, 90, 200)],
    };
    // what the plan covers with a 30 km sensor, measured directly (the app measures it with the planner's index)
    const covered = Uint8Array.from({ length: coast.samples.count }, (_v, i) => {
      const p: LonLat = [coast.samples.lon[i], coast.samples.lat[i]];
      return [sortieA, sortieB].some((s) => pointToSegmentKm(p, s.path[0], s.path[1]).km <= 30) ? 1 : 0;
    });
    // the track flies S01 only, 2 km off its route
    const fixes = straight(destination(off, 0, 2), 90, 100, 250, 5);
    const r = run(coast, [{ id: 'T', fixes, range: 30, aircraft: 'Patrol' }], {
      plan: { sorties: [sortieA, sortieB], covered },
    });
    const p = r.plan!;
    assert.deepEqual(
      p.sorties.map((s) => [s.id, s.flown, s.track ?? null]),
      [
        ['S01', true, 'T'],
        ['S02', false, null],
      ],
    );
    assert.ok(p.sorties[0].share > 0.95);
    assert.ok(Math.abs(p.plannedKm - 200) < 1e-6, String(p.plannedKm));
    assert.ok(p.achieved > 0.55 && p.achieved < 0.65, String(p.achieved));
    assert.equal(p.holes.length, 1);
    assert.ok(
      Math.abs(p.holes[0][1] - 200) < 1e-9 && Math.abs(p.holes[0][0] - 125) < 3,
      JSON.stringify(p.holes),
    );
    // a track of another type does not fly the sortie
    const other = run(coast, [{ id: 'T', fixes, range: 30, aircraft: 'Jet' }], {
      plan: { sorties: [sortieA, sortieB], covered },
    });
    assert.equal(other.plan!.sorties[0].flown, false);
  });
});
