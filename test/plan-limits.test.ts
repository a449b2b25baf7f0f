/**
 * The planner's size guard (issue 8): a coast with more samples in reach of its bases than the machine plans is
 * refused before any work, exit 2, with the figure it needs and what to do; the limit comes from
 * COASTWATCH_MAX_SAMPLES. A long coast mostly out of reach (Canada's from Vancouver) is let through.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { resolveScenario } from '../src/app/load-scenario.js';
import {
  checkPlanSize,
  DEFAULT_MAX_SAMPLES,
  maxSamples,
  planCost,
  WHOLE_COAST_FACTOR,
} from '../src/app/plan-limits.js';
import { buildCoastModel } from '../src/domain/coast.js';
import { parseScenarioFile } from '../src/domain/scenario-schema.js';
import { samplesInReach } from '../src/plan/reach.js';
import { cli } from './support/cli.js';
import { repoRoot } from './support/golden.js';
import { tempDir } from './support/temp.js';

const { dir, done } = tempDir('coastwatch-plan-limits-');
after(done);
const LIBYA = JSON.parse(readFileSync(join(repoRoot(), 'scenarios', 'libya-pantelleria.json'), 'utf8'));
const saved = process.env.COASTWATCH_MAX_SAMPLES;
afterEach(() => {
  if (saved === undefined) delete process.env.COASTWATCH_MAX_SAMPLES;
  else process.env.COASTWATCH_MAX_SAMPLES = saved;
});

describe('the size guard', () => {
  it('reads the limit from COASTWATCH_MAX_SAMPLES, and refuses a bad one naming it', () => {
    assert.equal(maxSamples({}), DEFAULT_MAX_SAMPLES);
    assert.equal(maxSamples({ COASTWATCH_MAX_SAMPLES: '5000' }), 5000);
    assert.throws(
      () => maxSamples({ COASTWATCH_MAX_SAMPLES: '-3' }),
      /COASTWATCH_MAX_SAMPLES: must be a positive whole number/,
    );
    assert.ok(
      planCost(120_000).mb > planCost(30_000).mb && planCost(120_000).seconds > planCost(30_000).seconds,
    );
  });

  it('lets a coast within the limit through', () => {
    const coast = { samples: { count: 10 }, lengthKm: 10 } as Parameters<typeof checkPlanSize>[1];
    checkPlanSize({ sampleKm: 1 } as Parameters<typeof checkPlanSize>[0], coast, {});
  });

  it('makes `coastwatch plan` exit 2 before planning, naming the samples it needs, writing nothing', async () => {
    const path = join(dir, 'libya.json');
    writeFileSync(path, JSON.stringify(LIBYA));
    const out = join(dir, 'libya.plan.geojson');
    process.env.COASTWATCH_MAX_SAMPLES = '500';
    const t0 = performance.now();
    const r = await cli(['plan', path, '--out', out]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /^coastwatch: coast: this coast needs about [\d,]+ coast samples within reach of its bases \([\d,]+ in all: [\d,]+ km at sampleKm 1\)/,
    );
    assert.match(r.stderr, /the limit is 500 samples/);
    assert.match(r.stderr, /coast\.bbox/);
    assert.match(r.stderr, /COASTWATCH_MAX_SAMPLES=\d+/);
    assert.doesNotMatch(r.stderr, /^ {4}at /m, 'no stack trace');
    assert.equal(existsSync(out), false, 'no plan file');
    assert.ok(performance.now() - t0 < 30_000, 'refused before the work, not after');
    // the same scenario with the limit raised plans
    process.env.COASTWATCH_MAX_SAMPLES = '100000';
    const ok = await cli(['plan', path, '--out', out, '--json']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).sorties, 1);
  });

  it('judges the coast in reach of the bases, not the whole coast: Canada from Vancouver passes, from five bases across it does not', () => {
    const canada = (icaos: string[]) => {
      const s = resolveScenario(
        parseScenarioFile(
          {
            ...LIBYA,
            name: 'Canada',
            coast: { country: 'Canada' },
            bases: icaos.map((icao) => ({ icao })),
            aircraft: icaos.map((b) => ({ ...LIBYA.aircraft[0], name: `T ${b}`, base: b })),
          },
          'canada.json',
        ),
      );
      return { s, coast: buildCoastModel(s.coast.lines, s.sampleKm) };
    };
    const one = canada(['CYVR']);
    const inReach = samplesInReach(one.s, one.coast.samples);
    assert.ok(one.coast.samples.count > 130_000, `${one.coast.samples.count}`);
    // half the turboprop's range (2,333 km) plus its sensor: the Pacific coast and part of the Arctic's
    assert.ok(inReach > 15_000 && inReach < 35_000, `${inReach}`);
    checkPlanSize(one.s, one.coast, {});
    const five = canada(['CYVR', 'CYHZ', 'CYFB', 'CYRB', 'CYEV']);
    assert.equal(samplesInReach(five.s, five.coast.samples), five.coast.samples.count);
    assert.throws(
      () => checkPlanSize(five.s, five.coast, {}),
      /needs about 137,\d{3} coast samples within reach/,
    );
    // the whole coast counts too: at most WHOLE_COAST_FACTOR times the limit, even out of reach
    assert.throws(
      () =>
        checkPlanSize(one.s, one.coast, {
          COASTWATCH_MAX_SAMPLES: String(Math.ceil(137_574 / WHOLE_COAST_FACTOR) - 1_000),
        }),
      /needs about 2\d,\d{3} coast samples within reach of its bases \(137,574 in all/,
    );
  });

  it("refuses Canada's whole coast from bases spread across it, with the default limit (exit 2, the figure it needs)", async () => {
    const path = join(dir, 'canada.json');
    const icaos = ['CYVR', 'CYHZ', 'CYFB', 'CYRB', 'CYEV'];
    writeFileSync(
      path,
      JSON.stringify({
        ...LIBYA,
        name: 'Canada from five bases',
        coast: { country: 'Canada' },
        bases: icaos.map((icao) => ({ icao })),
        aircraft: icaos.map((b) => ({ ...LIBYA.aircraft[0], name: `T ${b}`, callsigns: undefined, base: b })),
      }),
    );
    delete process.env.COASTWATCH_MAX_SAMPLES;
    const t0 = performance.now();
    const r = await cli(['plan', path, '--out', join(dir, 'canada.plan.geojson')]);
    assert.equal(r.status, 2, r.stderr);
    const m = /needs about ([\d,]+) coast samples within reach/.exec(r.stderr);
    assert.ok(m, r.stderr);
    assert.ok(Number(m[1].replaceAll(',', '')) > 100_000, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(`the limit is ${DEFAULT_MAX_SAMPLES.toLocaleString('en-US')} samples in reach`),
    );
    assert.match(r.stderr, /COASTWATCH_MAX_SAMPLES=\d+/);
    assert.ok(performance.now() - t0 < 30_000, 'refused before the work, not after');
  });

  it('judges a schedule on the whole coast (its tours walk all of it): Canada from Vancouver alone is refused', async () => {
    const path = join(dir, 'canada-one.json');
    writeFileSync(
      path,
      JSON.stringify({
        ...LIBYA,
        name: 'Canada from CYVR',
        coast: { country: 'Canada' },
        bases: [{ icao: 'CYVR' }],
        aircraft: [{ ...LIBYA.aircraft[0], base: 'CYVR' }],
      }),
    );
    delete process.env.COASTWATCH_MAX_SAMPLES;
    const r = await cli(['schedule', path, '--out', join(dir, 'canada.schedule.geojson')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /needs about 137,\d{3} coast samples \(137,\d{3} km at sampleKm 1\)/);
    assert.match(r.stderr, /a schedule plans the whole coast/);
    assert.match(r.stderr, /COASTWATCH_MAX_SAMPLES=137\d{3}/);
  });
});
