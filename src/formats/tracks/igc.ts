/**
 * IGC flight logs. B records are parsed directly rather than through igc-parser, which refuses whole files for
 * faults real loggers write (the spec example's `HFDTEDATE:16081902`, a stray malformed B line); here a bad B
 * line is skipped and named, the rest of the flight is read. The date is `HFDTE DDMMYY` or
 * `HFDTEDATE:DDMMYY[,NN]`; B times are UTC, and a time more than 12 h before the previous one is the next day
 * (flights crossing UTC midnight). Fixes with validity `V` (no 3D GPS fix) are skipped and counted. LAD/LOD
 * I-record extensions add precision to the minutes. Altitude is GNSS altitude, or pressure altitude when the
 * logger wrote GNSS as 0. Read whole: IGC files are a few MB at most.
 */
import { badLonLat, type ReadContext, type ReaderResult } from './sink.js';
import { utcMs } from './time.js';

const B_RECORD =
  /^B(\d{2})(\d{2})(\d{2})(\d{2})(\d{5})([NS])(\d{3})(\d{5})([EW])([AV])([-\d]\d{4})([-\d]\d{4})/;
const HALF_DAY_S = 12 * 3600;

interface Extension {
  code: string;
  from: number;
  to: number;
}

function parseExtensions(line: string): Extension[] {
  const n = Number(line.slice(1, 3));
  const out: Extension[] = [];
  for (let i = 0; i < n; i++) {
    const s = line.slice(3 + i * 7, 10 + i * 7);
    if (s.length < 7) break;
    out.push({ from: Number(s.slice(0, 2)), to: Number(s.slice(2, 4)), code: s.slice(4, 7).toUpperCase() });
  }
  return out;
}

export function readIgc(text: string, ctx: ReadContext): ReaderResult {
  const { sink } = ctx;
  const lines = text.split(/\r?\n|\r/);
  let dayMs = Number.NaN;
  let name: string | undefined;
  for (const line of lines) {
    if (Number.isNaN(dayMs)) {
      const m = /^HFDTE(?:DATE)?:?\s*(\d{2})(\d{2})(\d{2})/i.exec(line);
      if (m) {
        const yy = Number(m[3]);
        dayMs = utcMs(yy < 80 ? 2000 + yy : 1900 + yy, Number(m[2]), Number(m[1]));
      }
    }
    if (name === undefined) {
      const g = /^HFGID[^:]*:(.*)$/i.exec(line);
      if (g && g[1].trim() !== '') name = g[1].trim();
    }
  }
  if (Number.isNaN(dayMs)) sink.note(`${ctx.path}: no HFDTE date header: fixes have no time`);

  const tb = sink.open(ctx.base, { name });
  let lad: Extension | undefined;
  let lod: Extension | undefined;
  let prevTod = -1;
  let days = 0;
  let bLines = 0;
  let vFixes = 0;
  lines.forEach((line, i) => {
    const c = line.charCodeAt(0);
    if (c === 73 /* I */) {
      const ext = parseExtensions(line);
      lad = ext.find((e) => e.code === 'LAD');
      lod = ext.find((e) => e.code === 'LOD');
      return;
    }
    if (c !== 66 /* B */) return;
    bLines++;
    const where = () => `${ctx.path}:${i + 1}`;
    const m = B_RECORD.exec(line);
    if (!m) {
      sink.skip(where(), `not a B record (BHHMMSSDDMMmmmNDDDMMmmmEVPPPPPGGGGG): "${line.slice(0, 40)}"`);
      return;
    }
    const tod = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    if (prevTod >= 0 && tod < prevTod - HALF_DAY_S) days++;
    prevTod = tod;
    if (m[10] === 'V') {
      vFixes++;
      sink.skip(where(), 'fix validity V (no 3D GPS fix)');
      return;
    }
    const extra = (ext: Extension | undefined) => {
      if (!ext) return { digits: '', scale: 1 };
      const d = line.slice(ext.from - 1, ext.to);
      return /^\d+$/.test(d) ? { digits: d, scale: 10 ** d.length } : { digits: '', scale: 1 };
    };
    const la = extra(lad);
    const lo = extra(lod);
    const latMin = Number(m[5] + la.digits) / (1000 * la.scale);
    const lonMin = Number(m[8] + lo.digits) / (1000 * lo.scale);
    if (latMin >= 60 || lonMin >= 60) {
      sink.skip(where(), 'minutes of latitude or longitude are 60 or more');
      return;
    }
    const lat = (Number(m[4]) + latMin / 60) * (m[6] === 'S' ? -1 : 1);
    const lon = (Number(m[7]) + lonMin / 60) * (m[9] === 'W' ? -1 : 1);
    const bad = badLonLat(lon, lat);
    if (bad) {
      sink.skip(where(), bad);
      return;
    }
    const pressure = Number(m[11]);
    const gnss = Number(m[12]);
    const alt = gnss !== 0 ? gnss : pressure !== 0 ? pressure : Number.NaN;
    const t = dayMs + (days * 86400 + tod) * 1000;
    if (tod >= 86400) {
      sink.skip(where(), `time ${m[1]}:${m[2]}:${m[3]} is not a time of day`);
      return;
    }
    sink.add(tb, t, lon, lat, Number.isNaN(alt) ? Number.NaN : alt, where);
  });
  if (vFixes > 0) sink.note(`${ctx.path}: ${vFixes} fixes with validity V skipped`);
  const emptyWhy =
    text.trim() === ''
      ? 'the file is empty'
      : bLines === 0
        ? 'it has no B (fix) records: an IGC flight log lists its fixes as lines starting with B'
        : undefined;
  return { format: 'igc', emptyWhy };
}
