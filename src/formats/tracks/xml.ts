/**
 * XML for the GPX and KML readers: xmldom (which never fetches or expands external entities) plus small
 * namespace-blind element helpers, since real files mix GPX 1.0/1.1 and KML 2.0/2.1/2.2 namespaces and even drop
 * the `gx:` prefix. XML files are read whole: tracks in these formats are small (a day of 1 s fixes is a few MB).
 */
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { inputError } from '../../domain/errors.js';
import { MAX_XML_DEPTH, xmlDeeperThan } from '../../domain/nesting.js';
import type { ReadContext } from './sink.js';

const ELEMENT_NODE = 1;

/** Line of an element in the file (xmldom's locator), or 0 when unknown. */
export function lineOf(el: Node): number {
  return (el as unknown as { lineNumber?: number }).lineNumber ?? 0;
}

function tryParse(text: string): { doc?: Document; fatal?: string; errors: string[] } {
  const errors: string[] = [];
  let fatal: string | undefined;
  const parser = new DOMParser({
    onError: (level, msg) => {
      const first = String(msg).split('\n')[0];
      if (level === 'fatalError') fatal = first;
      else if (level === 'error') errors.push(first);
    },
  });
  try {
    const doc = parser.parseFromString(text, 'text/xml');
    return { doc, errors };
  } catch (e) {
    return { fatal: fatal ?? (e as Error).message.split('\n')[0], errors };
  }
}

/**
 * Parses an XML document. A file cut off mid-write (a logger that lost power) is closed at its last complete
 * tag and read with a note; anything else that is not well-formed is a `track.no-fixes` error naming the fault.
 */
export function parseXml(text: string, ctx: ReadContext, where = ctx.path): Document {
  // before the DOM is built and walked recursively
  if (xmlDeeperThan(text))
    throw inputError(
      'track.no-fixes',
      `no usable fix: its XML elements nest more than ${MAX_XML_DEPTH} deep, which no track file needs; check that it is a track file`,
      where,
    );
  const first = tryParse(text);
  if (first.doc?.documentElement) {
    for (const e of first.errors.slice(0, 3)) ctx.sink.note(`${where}: XML: ${e} (read on regardless)`);
    return first.doc;
  }
  const unclosed = /unclosed xml tag\(s\): (.*)$/.exec(first.fatal ?? '');
  if (unclosed) {
    // cut at the last complete tag, then close what is still open in reverse order
    const cut = text.slice(0, text.lastIndexOf('>') + 1);
    let attempt = tryParse(cut);
    const still = /unclosed xml tag\(s\): (.*)$/.exec(attempt.fatal ?? '');
    if (still) {
      const closers = still[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .reverse()
        .map((tag) => `</${tag}>`)
        .join('');
      attempt = tryParse(cut + closers);
    }
    if (attempt.doc?.documentElement) {
      const lines = cut.split('\n').length;
      ctx.sink.note(
        `${where}: the file ends in the middle of the XML (truncated?): read it up to line ${lines}`,
      );
      return attempt.doc;
    }
  }
  throw inputError(
    'track.no-fixes',
    `no usable fix: not well-formed XML (${first.fatal ?? 'no root element'}); check that the file was copied whole`,
    where,
  );
}

/** Child elements with this local name (any namespace), in document order. */
export function childElements(el: Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE && (localName === undefined || (c as Element).localName === localName)) {
      out.push(c as Element);
    }
  }
  return out;
}

/** Descendant elements with this local name (any namespace), in document order. */
export function descendants(el: Element | Document, localName: string): Element[] {
  const out: Element[] = [];
  const list = el.getElementsByTagNameNS('*', localName);
  for (let i = 0; i < list.length; i++) out.push(list.item(i)!);
  return out;
}

/** The text of the first child element with this local name, trimmed, or undefined. */
export function childText(el: Element, localName: string): string | undefined {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE && (c as Element).localName === localName) {
      return (c.textContent ?? '').trim();
    }
  }
  return undefined;
}

/** A number from an attribute or element text; NaN when absent or blank (Number('') would be 0). */
export function numOf(s: string | null | undefined): number {
  if (s == null) return Number.NaN;
  const v = s.trim();
  return v === '' ? Number.NaN : Number(v);
}
