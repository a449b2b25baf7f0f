/** Text for XML-based exports: escaping and coordinate formatting shared by KML, GPX and CoT. */

/** Characters XML 1.0 forbids (control characters other than tab, newline, carriage return) are dropped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escaped for XML text and attribute values (double or single quoted). */
export function esc(s: unknown): string {
  return String(s ?? '')
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Degrees to 7 decimals (1 cm): the contract asks for at least 6. */
export const deg = (x: number) => x.toFixed(7);

/** ISO 8601 UTC to the second (milliseconds kept only when present). */
export function iso(ms: number): string {
  const s = new Date(Math.round(ms)).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}
