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

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Number(text) for a plain decimal `-?digits[.digits]` of at most 15 digits, NaN for anything else (the caller
 * then takes the general path). Exact: the digits as an integer below 2^53 divided by a power of ten that is
 * itself exact is the correctly rounded quotient, as Number() gives (Clinger's fast path).
 */
export function plainDecimal(text: string): number {
  const n = text.length;
  let i = 0;
  let neg = false;
  if (n > 0 && text.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
  }
  let m = 0;
  let nd = 0;
  let dot = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      m = m * 10 + c;
      nd++;
    } else if (c === -2 /* . */ && dot < 0) {
      dot = i;
    } else {
      return Number.NaN;
    }
  }
  if (nd === 0 || nd > 15) return Number.NaN;
  const v = dot < 0 ? m : m / POW10[n - dot - 1];
  return neg ? -v : v;
}

/** The two digits at `at` as a number, or -1000 when they are not two digits. */
function d2(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1000;
}

let dayKey = -1;
let dayMs = 0;

/**
 * The common `YYYY-MM-DDTHH:MM:SS[.sss]Z` read by fixed positions, the day remembered from the previous call (a
 * track's times share their date); NaN when the text is not exactly that or a value is out of the plain range
 * (hour 24, a leap second, a bad date), for parseIsoUtc to decide. Equal to parseIsoUtc wherever it is a number.
 */
function isoZFast(s: string): number {
  const n = s.length;
  if (
    (n !== 20 && n !== 24) ||
    s.charCodeAt(n - 1) !== 90 /* Z */ ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return Number.NaN;
  }
  let frac = 0;
  if (n === 24) {
    const f = s.charCodeAt(22) - 48;
    const f12 = d2(s, 20);
    if (s.charCodeAt(19) !== 46 /* . */ || f12 < 0 || f < 0 || f > 9) return Number.NaN;
    frac = f12 * 10 + f;
  }
  const yy = d2(s, 0);
  const y2 = d2(s, 2);
  const y = yy * 100 + y2;
  const mo = d2(s, 5);
  const d = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const sec = d2(s, 17);
  if (yy < 0 || y2 < 0 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
    return Number.NaN;
  }
  const key = (y * 100 + mo) * 100 + d;
  if (key !== dayKey) {
    const ms = utcMs(y, mo, d);
    if (Number.isNaN(ms)) return Number.NaN;
    dayKey = key;
    dayMs = ms;
  }
  return dayMs + ((h * 60 + mi) * 60 + sec) * 1000 + frac;
}

/** An ISO date-time or an epoch number (seconds, or milliseconds when that large) to epoch ms; NaN if neither. */
export function parseTimeAuto(text: string): number {
  const n = text.length;
  if (n === 20 || n === 24) {
    const v = isoZFast(text);
    if (!Number.isNaN(v)) return v;
  } else if (n > 0 && n <= 16) {
    const v = plainDecimal(text);
    if (!Number.isNaN(v)) return epochToMs(v);
  }
  return parseTimeSlow(text);
}

/** parseTimeAuto without its fast paths (exported for the tests that check they agree). */
export function parseTimeSlow(text: string): number {
  if (text.length >= 10 && text.charCodeAt(4) === 45 /* - */) return parseIsoUtc(text);
  if (text === '' || text.trim() === '') return Number.NaN;
  const v = Number(text);
  return Number.isFinite(v) ? epochToMs(v) : parseIsoUtc(text);
}
