/**
 * Synthetic flown tracks for benchmarks: aircraft patrolling back and forth along the Libyan coast, 30-80 km
 * offshore, one fix every 10 s, written as a plain `time,lat,lon,alt,callsign` CSV with the tracks interleaved
 * in time order (as a multi-aircraft ADS-B export is). Deterministic for a seed. Written in multi-MB string
 * chunks, so 10M points take seconds.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { kxAt, kyAt } from '../../geo/frame.js';

/** The Libyan coast from the Tunisian to the Egyptian border, coarsely, west to east (sea to the left). */
export const LIBYA_COAST: readonly [number, number][] = [
  [11.56, 33.17],
  [12.08, 32.93],
  [13.18, 32.9],
  [14.27, 32.65],
  [15.09, 32.38],
  [15.5, 31.9],
  [16.0, 31.5],
  [16.6, 31.2],
  [17.5, 30.95],
  [18.2, 30.75],
  [18.7, 30.45],
  [19.2, 30.27],
  [19.6, 30.4],
  [20.0, 30.8],
  [20.1, 31.3],
  [20.07, 32.1],
  [20.6, 32.55],
  [21.0, 32.75],
  [21.75, 32.9],
  [22.64, 32.77],
  [23.1, 32.5],
  [23.97, 32.08],
  [24.5, 31.95],
  [25.15, 31.67],
];

/**
 * The patrol line the aircraft fly, about 55 km off that coast and smoother than it (it cuts across the
 * Gulf of Sirte's corner rather than follow it), so that a swing of 18 km either side stays about 30-80 km out.
 */
export const LIBYA_PATROL: readonly [number, number][] = [
  [11.7, 33.65],
  [12.5, 33.45],
  [13.2, 33.4],
  [14.3, 33.15],
  [15.3, 32.9],
  [16.0, 32.2],
  [16.7, 31.75],
  [17.6, 31.45],
  [18.5, 31.15],
  [19.05, 30.8],
  [19.45, 30.95],
  [19.4, 31.45],
  [19.4, 32.1],
  [19.9, 32.75],
  [20.8, 33.2],
  [21.75, 33.4],
  [22.64, 33.3],
  [23.3, 33.0],
  [24.0, 32.6],
  [24.6, 32.45],
  [25.1, 32.2],
];

export interface SyntheticCsvOptions {
  /** Total fixes over all tracks. */
  points: number;
  /** Aircraft flying at once (default 8). */
  tracks?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Time of the first fix, epoch ms (default 2026-12-01T06:00:00Z). */
  startMs?: number;
}

const STEP_S = 10;
const CHUNK_CHARS = 4 * 2 ** 20;

/** mulberry32: small, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The patrol line in a flat km frame (fine for test data), with unit normals to its left at each vertex. */
function patrolFrame() {
  const lat0 = 32;
  const kx = kxAt(lat0);
  const ky = kyAt(lat0);
  const line = LIBYA_PATROL;
  const x = line.map((p) => (p[0] - line[0][0]) * kx);
  const y = line.map((p) => (p[1] - lat0) * ky);
  const n = x.length;
  const cum = [0];
  const segN: [number, number][] = [];
  for (let i = 1; i < n; i++) {
    const dx = x[i] - x[i - 1];
    const dy = y[i] - y[i - 1];
    const len = Math.hypot(dx, dy);
    cum.push(cum[i - 1] + len);
    segN.push([-dy / len, dx / len]);
  }
  // vertex normals: the mean of the neighbouring segments', so the offset path bends smoothly
  const vN = x.map((_, i) => {
    const a = segN[Math.max(0, i - 1)];
    const b = segN[Math.min(segN.length - 1, i)];
    const l = Math.hypot(a[0] + b[0], a[1] + b[1]);
    return [(a[0] + b[0]) / l, (a[1] + b[1]) / l] as [number, number];
  });
  return { kx, ky, lat0, lon0: line[0][0], x, y, cum, vN, length: cum[n - 1] };
}

/** Writes the CSV; resolves with the bytes written. */
export async function writeSyntheticCsv(path: string, opts: SyntheticCsvOptions): Promise<{ bytes: number }> {
  const tracks = Math.max(1, Math.floor(opts.tracks ?? 8));
  const points = Math.max(0, Math.floor(opts.points));
  const rnd = mulberry32(opts.seed ?? 1);
  const start = opts.startMs ?? Date.UTC(2026, 11, 1, 6);
  const f = patrolFrame();

  const planes = Array.from({ length: tracks }, (_, j) => ({
    callsign: `SEEK${String(j + 1).padStart(2, '0')}`,
    count: Math.floor(points / tracks) + (j < points % tracks ? 1 : 0),
    s: rnd() * f.length,
    dir: rnd() < 0.5 ? -1 : 1,
    kmPerStep: ((240 + rnd() * 60) * 1.852 * STEP_S) / 3600,
    alt: 1500 + rnd() * 6000,
    phase: rnd() * 2 * Math.PI,
    // the offshore distance swings 18 km either side of the patrol line over one to three hours
    omega: (2 * Math.PI * STEP_S) / (3600 * (1 + 2 * rnd())),
    seg: 0,
  }));
  const steps = planes.reduce((m, p) => Math.max(m, p.count), 0);

  const fd = openSync(path, 'w');
  let bytes = 0;
  let buf = 'time,lat,lon,alt,callsign\n';
  try {
    for (let k = 0; k < steps; k++) {
      const time = new Date(start + k * STEP_S * 1000).toISOString().slice(0, 19);
      for (const p of planes) {
        if (k >= p.count) continue;
        // advance, bouncing at the borders
        p.s += p.dir * p.kmPerStep;
        if (p.s < 0) {
          p.s = -p.s;
          p.dir = 1;
        } else if (p.s > f.length) {
          p.s = 2 * f.length - p.s;
          p.dir = -1;
        }
        while (p.seg > 0 && f.cum[p.seg] > p.s) p.seg--;
        while (p.seg < f.cum.length - 2 && f.cum[p.seg + 1] < p.s) p.seg++;
        const i = p.seg;
        const u = (p.s - f.cum[i]) / (f.cum[i + 1] - f.cum[i]);
        const nx = f.vN[i][0] * (1 - u) + f.vN[i + 1][0] * u;
        const ny = f.vN[i][1] * (1 - u) + f.vN[i + 1][1] * u;
        const nl = Math.hypot(nx, ny);
        const off = 18 * Math.sin(p.phase + p.omega * k);
        const x = f.x[i] + (f.x[i + 1] - f.x[i]) * u + (nx / nl) * off;
        const y = f.y[i] + (f.y[i + 1] - f.y[i]) * u + (ny / nl) * off;
        const lon = f.lon0 + x / f.kx;
        const lat = f.lat0 + y / f.ky;
        const alt = Math.round(p.alt + 30 * Math.sin(p.phase + k / 7));
        buf += `${time}Z,${lat.toFixed(5)},${lon.toFixed(5)},${alt},${p.callsign}\n`;
      }
      if (buf.length >= CHUNK_CHARS) {
        bytes += writeSync(fd, buf);
        buf = '';
      }
    }
    bytes += writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return { bytes };
}
