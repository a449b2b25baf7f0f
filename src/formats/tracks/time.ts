/**
 * Time parsing shared by the track readers: ISO 8601 (with or without an offset) and epoch numbers, to epoch
 * milliseconds UTC. Hand-rolled because Date.parse reads an offset-less date-time as local time, and because
 * the CSV path parses millions of these.
 */

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Epoch ms of a valid UTC calendar date and time of day, or NaN when a field is out of range. */
export function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1] || (mo === 2 && d === 29 && !isLeap(y))) {
    return Number.NaN;
  }
  // 24:00:00 is allowed by ISO 8601 as the end of the day; leap second 60 is folded into the next second
  if (h > 24 || mi > 59 || s >= 61 || (h === 24 && (mi > 0 || s > 0))) return Number.NaN;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60000 + s * 1000;
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * ISO 8601 / RFC 3339 date-time to epoch ms UTC, NaN when it is not one. Accepts `T` or a space between date
 * and time, optional seconds and fraction, and `Z`, `±HH:MM`, `±HHMM`, `±HH` or no zone (taken as UTC, since
 * every format we read defines UTC). A bare date `YYYY-MM-DD` is midnight UTC.
 */
export function parseIsoUtc(text: string): number {
  let s = text;
  if (s.length < 10) return Number.NaN;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
  const y = digits(s, 0, 4);
  if (y < 0 || s[4] !== '-' || s[7] !== '-') return Number.NaN;
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (mo < 0 || d < 0) return Number.NaN;
  if (s.length === 10) return utcMs(y, mo, d);
  const sep = s[10];
  if (sep !== 'T' && sep !== 't' && sep !== ' ') return Number.NaN;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (h < 0 || s[13] !== ':' || mi < 0) return Number.NaN;
  let i = 16;
  let sec = 0;
  let frac = 0;
  if (s[i] === ':') {
    sec = digits(s, 17, 2);
    if (sec < 0) return Number.NaN;
    i = 19;
    if (s[i] === '.' || s[i] === ',') {
      i++;
      let scale = 100;
      const start = i;
      while (i < s.length) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        frac += c * scale;
        scale /= 10;
        i++;
      }
      if (i === start) return Number.NaN;
    }
  }
  let offsetMin = 0;
  if (i < s.length) {
    const z = s[i];
    if ((z === 'Z' || z === 'z') && i === s.length - 1) {
      // UTC
    } else if (z === '+' || z === '-') {
      const rest = s.length - i - 1;
      const oh = digits(s, i + 1, 2);
      let om = 0;
      if (rest === 5 && s[i + 3] === ':') om = digits(s, i + 4, 2);
      else if (rest === 4) om = digits(s, i + 3, 2);
      else if (rest !== 2) return Number.NaN;
      if (oh < 0 || om < 0 || oh > 18 || om > 59) return Number.NaN;
      offsetMin = (z === '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return Number.NaN;
    }
  }
  const base = utcMs(y, mo, d, h, mi, sec);
  return base + frac - offsetMin * 60000;
}

/** Epoch seconds are told from milliseconds by size: 1e11 s is the year 5138, 1e11 ms is 1973. */
export function epochToMs(v: number): number {
  // rounded to the millisecond so that 1738703622.619 s is exactly ...619 ms, not ...618.9999
  return Math.round(Math.abs(v) >= 1e11 ? v : v * 1000);
}

/** An ISO date-time or an epoch number (seconds, or milliseconds when that large) to epoch ms; NaN if neither. */
export function parseTimeAuto(text: string): number {
  if (text.length >= 10 && text.charCodeAt(4) === 45 /* - */) return parseIsoUtc(text);
  if (text === '' || text.trim() === '') return Number.NaN;
  const v = Number(text);
  return Number.isFinite(v) ? epochToMs(v) : parseIsoUtc(text);
}

/** Milliseconds to ISO 8601 UTC, for messages and tests. */
export function isoOf(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : 'no time';
}
