/**
 * readsb / tar1090 trace JSON (`trace_full_*.json`, `trace_recent_*.json`, usually gzip-compressed on disk):
 * `{icao, timestamp, trace: [[secondsAfter, lat, lon, altFt | "ground" | null, gs, track, flags, vrate,
 * detail | null, ...], ...]}`. A row with `flags & 2` starts a new leg, and each leg is a track
 * (`file#icao/2`); the callsign comes from the `flight` of the detail objects. Altitude is barometric, feet to
 * metres; "ground" and null are unknown. Read whole: one aircraft's day is a few MB.
 */
import { inputError } from '../../domain/errors.js';
import { normCallsign, normIcao24, type ReadContext, type ReaderResult } from './sink.js';

const FT = 0.3048;
const NEW_LEG = 2;

export function readReadsb(text: string, ctx: ReadContext): ReaderResult {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw inputError('track.no-fixes', `no usable fix: not valid JSON (${(e as Error).message})`, ctx.path);
  }
  const obj = root as { icao?: unknown; timestamp?: unknown; trace?: unknown };
  if (typeof obj !== 'object' || obj === null || !Array.isArray(obj.trace)) {
    return { format: 'readsb', emptyWhy: 'it has no "trace" array' };
  }
  if (typeof obj.timestamp !== 'number') {
    return {
      format: 'readsb',
      emptyWhy: 'its "timestamp" (base time of the trace, epoch seconds) is missing',
    };
  }
  const base = obj.timestamp;
  const icao = normIcao24(typeof obj.icao === 'string' ? obj.icao : undefined);
  const trace = obj.trace as unknown[];

  // legs first, so that keys and callsigns are known before the first fix goes out
  const legStart: number[] = [0];
  trace.forEach((row, i) => {
    if (i > 0 && Array.isArray(row) && typeof row[6] === 'number' && (row[6] & NEW_LEG) !== 0)
      legStart.push(i);
  });
  const { sink } = ctx;
  const id = icao ?? 'trace';
  for (let leg = 0; leg < legStart.length; leg++) {
    const from = legStart[leg];
    const to = leg + 1 < legStart.length ? legStart[leg + 1] : trace.length;
    const key = legStart.length === 1 ? `${ctx.base}#${id}` : `${ctx.base}#${id}/${leg + 1}`;
    const tb = sink.open(key, { icao24: icao });
    for (let i = from; i < to; i++) {
      const row = trace[i];
      const where = () => `${ctx.path}: trace[${i}]`;
      if (!Array.isArray(row) || row.length < 4) {
        sink.skip(where(), 'not a trace row [seconds, lat, lon, alt, ...]');
        continue;
      }
      const detail = row[8] as { flight?: unknown } | null | undefined;
      if (detail && typeof detail === 'object' && typeof detail.flight === 'string') {
        sink.setCallsign(tb, normCallsign(detail.flight));
      }
      const [dt, lat, lon, alt] = row as unknown[];
      if (typeof dt !== 'number') {
        sink.skip(where(), 'its seconds-after-timestamp is not a number');
        continue;
      }
      if (typeof lat !== 'number' || typeof lon !== 'number') {
        sink.skip(where(), 'no position (lat or lon not a number)');
        continue;
      }
      const altM = typeof alt === 'number' ? alt * FT : Number.NaN;
      sink.addChecked(tb, Math.round((base + dt) * 1000), lon, lat, altM, where);
    }
  }
  return { format: 'readsb', emptyWhy: trace.length === 0 ? 'its trace is empty' : undefined };
}
