/**
 * Nesting depth of JSON and XML text, measured by a scan that never recurses, so that readers can refuse a hostile
 * nesting (a GeoJSON coordinate 10,000 arrays deep overflowed the stack) before anything walks it recursively.
 */

/** Deepest any file we read needs: GeoJSON is some 8 deep, a scenario a dozen; leaves room for rich properties. */
export const MAX_JSON_DEPTH = 100;
/** GPX is 5 deep, KML in nested Folders some tens. */
export const MAX_XML_DEPTH = 500;

/** Whether JSON `text` nests arrays/objects deeper than `max` (brackets inside strings do not count). */
export function jsonDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // skip the string, minding escapes
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    }
  }
  return false;
}

/** Whether XML `text` nests elements deeper than `max` (comments, CDATA, declarations and empty tags do not count). */
export function xmlDeeperThan(text: string, max = MAX_XML_DEPTH): boolean {
  let depth = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    const next = text.charCodeAt(i + 1);
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return false;
      i = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) return false;
      i = text.indexOf('<', end + 3);
      continue;
    }
    const close = text.indexOf('>', i + 1);
    if (close < 0) return false;
    if (next === 47 /* / */) depth--;
    else if (next !== 33 /* ! */ && next !== 63 /* ? */ && text.charCodeAt(close - 1) !== 47) {
      if (++depth > max) return true;
    }
    i = text.indexOf('<', close + 1);
  }
  return false;
}
