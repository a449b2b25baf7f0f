/**
 * KML and KMZ. What counts as a track, in order of preference (a file gives only the first kind it has, and
 * says what it left out in a note):
 *   1. `gx:Track` (also inside `gx:MultiTrack`, with or without the `gx:` prefix): one track per Placemark,
 *      `<when>` and `<gx:coord>` paired by index as the KML spec says, times with offsets taken to UTC;
 *   2. Point placemarks with a `<TimeStamp>` (Flightradar24's KML: one placemark per fix): one track;
 *   3. `LineString`s (untimed): one track per line.
 * Start/end markers and airports are Points beside tracks, and FR24's trail is LineStrings beside the timed
 * points, hence the order. KMZ is a zip: its root KML is `doc.kml` or else the first `.kml`, and KML files it
 * links to inside the archive are read too. Entries are inflated by streaming with a size cap, since a zip's
 * stated sizes cannot be trusted (libkml's hostile test file claims 4 GB).
 */

import { inflateRawSync } from 'node:zlib';
import type { Document, Element } from '@xmldom/xmldom';
import { type FlateError, Unzip, type UnzipDecoder } from 'fflate';
import { inputError } from '../../domain/errors.js';
import { keysFor, type ReadContext, type ReaderResult } from './sink.js';
import { parseIsoUtc } from './time.js';
import { childElements, childText, descendants, lineOf, parseXml } from './xml.js';

/**
 * Most the `.kml` entries of a KMZ may inflate to, together (each is read whole as XML: the cap of XML files); a
 * hostile 2 MB KMZ of eight 250 MiB entries once inflated to 4.6 GB.
 */
export const KMZ_TOTAL_CAP = 64 * 2 ** 20;
/** Most entries a KMZ may have (a real one holds a KML and some icons; 100,001 overflowed the zip library). */
export const KMZ_MAX_ENTRIES = 10000;

/** The entry count a zip's end of central directory record states, or undefined when there is none. */
export function zipEntryCount(bytes: Uint8Array): number | undefined {
  // the record is 22 bytes plus a comment of up to 65535, at the end
  const from = Math.max(0, bytes.length - 22 - 65535);
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      const n = bytes[i + 10] | (bytes[i + 11] << 8);
      // 0xffff: the real count is in the zip64 record, which no KMZ needs
      return n === 0xffff ? Number.POSITIVE_INFINITY : n;
    }
  }
  return undefined;
}

const tooManyEntries = (path: string, n: number | string) =>
  inputError(
    'track.too-big',
    `cannot read it as a KMZ: the archive has ${n} entries, more than the ${KMZ_MAX_ENTRIES} a KMZ may have (a real one holds a KML file and a few images)`,
    path,
  );

interface Found {
  /** `path` or `path!/entry` for messages. */
  where: string;
  tracks: { label: string; name?: string; els: Element[] }[];
  points: { el: Element; when: Element }[];
  lines: { label: string; name?: string; el: Element }[];
  placemarks: number;
  untimedPoints: number;
  docName?: string;
}

function placemarkName(pm: Element): string | undefined {
  return childText(pm, 'name') || undefined;
}

function findIn(doc: Document, where: string): Found {
  const found: Found = { where, tracks: [], points: [], lines: [], placemarks: 0, untimedPoints: 0 };
  const root = doc.documentElement!;
  const docEl = descendants(root, 'Document')[0];
  found.docName = docEl ? childText(docEl, 'name') || undefined : undefined;
  const pms = root.localName === 'Placemark' ? [root] : descendants(root, 'Placemark');
  found.placemarks = pms.length;
  pms.forEach((pm, i) => {
    const name = placemarkName(pm);
    const label = name ?? `placemark${i + 1}`;
    const tracks = descendants(pm, 'Track').filter((t) => childElements(t).length > 0);
    if (tracks.length > 0) found.tracks.push({ label, name, els: tracks });
    descendants(pm, 'LineString').forEach((ls) => {
      found.lines.push({ label, name, el: ls });
    });
    const point = descendants(pm, 'Point')[0];
    if (point && tracks.length === 0) {
      const stamp = descendants(pm, 'TimeStamp')[0];
      const when = stamp ? childElements(stamp, 'when')[0] : undefined;
      if (when) found.points.push({ el: point, when });
      else found.untimedPoints++;
    }
  });
  return found;
}

/** Parses `lon lat [alt]` (gx:coord) or `lon,lat[,alt]` (coordinates) into numbers; null when malformed. */
function parseTuple(text: string, sep: RegExp): [number, number, number] | null {
  const parts = text.trim().split(sep);
  if (parts.length < 2 || parts.length > 3) return null;
  const lon = Number(parts[0]);
  const lat = Number(parts[1]);
  const alt = parts.length === 3 && parts[2] !== '' ? Number(parts[2]) : Number.NaN;
  if (parts[0] === '' || parts[1] === '' || Number.isNaN(lon) || Number.isNaN(lat)) return null;
  return [lon, lat, alt];
}

function emit(all: Found[], ctx: ReadContext): string | undefined {
  const { sink } = ctx;
  const nTracks = all.reduce((s, f) => s + f.tracks.length, 0);
  const nPoints = all.reduce((s, f) => s + f.points.length, 0);
  const nLines = all.reduce((s, f) => s + f.lines.length, 0);
  const nUntimed = all.reduce((s, f) => s + f.untimedPoints, 0);
  const nPm = all.reduce((s, f) => s + f.placemarks, 0);

  if (nTracks > 0) {
    if (nPoints > 0)
      sink.note(`${ctx.path}: ${nPoints} timed Point placemarks (markers) are not read as fixes`);
    if (nLines > 0) sink.note(`${ctx.path}: ${nLines} LineStrings beside the gx:Tracks are not read`);
    const labels = all.flatMap((f) => f.tracks.map((t) => t.label));
    const keys = keysFor(ctx.base, labels);
    let k = 0;
    for (const f of all) {
      for (const trk of f.tracks) {
        const tb = sink.open(keys[k++], { name: trk.name });
        for (const el of trk.els) {
          const whens: Element[] = [];
          const coords: Element[] = [];
          for (const c of childElements(el)) {
            if (c.localName === 'when') whens.push(c);
            else if (c.localName === 'coord') coords.push(c);
          }
          const n = Math.max(whens.length, coords.length);
          for (let i = 0; i < n; i++) {
            const w = whens[i];
            const c = coords[i];
            const at = `${f.where}:${lineOf(c ?? w)}`;
            if (!w || !c) {
              sink.skip(
                at,
                `gx:Track has ${whens.length} <when> and ${coords.length} <gx:coord>: this one has no partner`,
              );
              continue;
            }
            const wt = (w.textContent ?? '').trim();
            const t = parseIsoUtc(wt);
            if (Number.isNaN(t)) {
              sink.skip(
                `${f.where}:${lineOf(w)}`,
                `<when> "${wt.slice(0, 40)}" is not an ISO 8601 date-time`,
              );
              continue;
            }
            const ct = (c.textContent ?? '').trim();
            const p = ct === '' ? null : parseTuple(ct, /\s+/);
            if (!p) {
              sink.skip(
                at,
                ct === '' ? 'empty <gx:coord>' : `<gx:coord> "${ct.slice(0, 40)}" is not "lon lat alt"`,
              );
              continue;
            }
            sink.addChecked(tb, t, p[0], p[1], p[2], () => at);
          }
        }
      }
    }
    return undefined;
  }

  if (nPoints > 0) {
    if (nLines > 0)
      sink.note(`${ctx.path}: ${nLines} LineStrings taken as the trail between the timed points`);
    const name = all.find((f) => f.docName)?.docName;
    const tb = sink.open(ctx.base, { name });
    for (const f of all) {
      for (const { el, when } of f.points) {
        const wt = (when.textContent ?? '').trim();
        const t = parseIsoUtc(wt);
        if (Number.isNaN(t)) {
          sink.skip(`${f.where}:${lineOf(when)}`, `<when> "${wt.slice(0, 40)}" is not an ISO 8601 date-time`);
          continue;
        }
        const coordEl = childElements(el, 'coordinates')[0];
        const ct = (coordEl?.textContent ?? '').trim();
        const p = parseTuple(ct, /\s*,\s*/);
        const at = `${f.where}:${lineOf(coordEl ?? el)}`;
        if (!p) {
          sink.skip(at, `Point <coordinates> "${ct.slice(0, 40)}" is not "lon,lat[,alt]"`);
          continue;
        }
        sink.addChecked(tb, t, p[0], p[1], p[2], () => at);
      }
    }
    return undefined;
  }

  if (nLines > 0) {
    const labels = all.flatMap((f) => f.lines.map((l) => l.label));
    const keys = keysFor(ctx.base, labels);
    let k = 0;
    for (const f of all) {
      for (const line of f.lines) {
        const tb = sink.open(keys[k++], { name: line.name });
        const coordEl = childElements(line.el, 'coordinates')[0];
        const at = `${f.where}:${lineOf(coordEl ?? line.el)}`;
        const tuples = (coordEl?.textContent ?? '').trim().split(/\s+/).filter(Boolean);
        tuples.forEach((tu, i) => {
          const p = parseTuple(tu, /,/);
          if (!p) sink.skip(at, `LineString coordinate ${i + 1} "${tu.slice(0, 40)}" is not "lon,lat[,alt]"`);
          else sink.addChecked(tb, Number.NaN, p[0], p[1], p[2], () => `${at} (coordinate ${i + 1})`);
        });
      }
    }
    return undefined;
  }

  return nPm === 0
    ? 'it has no Placemark'
    : `none of its ${nPm} Placemarks holds a gx:Track, a LineString or a Point with a <TimeStamp>` +
        (nUntimed > 0 ? ` (${nUntimed} Points without a time are places, not fixes)` : '');
}

export function readKml(text: string, ctx: ReadContext): ReaderResult {
  const doc = parseXml(text, ctx);
  const emptyWhy = emit([findIn(doc, ctx.path)], ctx);
  return { format: 'kml', emptyWhy };
}

/** The entries of a zip, inflated by streaming so that no stated size is trusted; `.kml` entries only. */
function unzipKml(bytes: Uint8Array, ctx: ReadContext): { names: string[]; kml: Map<string, Uint8Array> } {
  const names: string[] = [];
  const kml = new Map<string, Uint8Array>();
  const problems: string[] = [];
  const stated = zipEntryCount(bytes);
  if (stated !== undefined && stated > KMZ_MAX_ENTRIES)
    throw tooManyEntries(ctx.path, Number.isFinite(stated) ? stated : 'more than 65535');
  let total = 0;
  // set once the archive is refused: no further entry is inflated, and push's caller throws it
  let refused: Error | undefined;
  const uz = new Unzip((file) => {
    names.push(file.name);
    if (names.length > KMZ_MAX_ENTRIES) {
      refused = tooManyEntries(ctx.path, `more than ${KMZ_MAX_ENTRIES}`);
      throw refused;
    }
    if (refused || !/\.kml$/i.test(file.name)) return;
    const chunks: Uint8Array[] = [];
    file.ondata = (err, data, final) => {
      if (refused) return;
      if (err) {
        problems.push(`${file.name}: ${err.message}`);
        return;
      }
      total += data.length;
      if (total > KMZ_TOTAL_CAP) {
        refused = inputError(
          'track.too-big',
          `cannot read the KMZ: its .kml entries inflate to more than ${KMZ_TOTAL_CAP / 2 ** 20} MB in all (they are read whole as XML); split it, or convert it to CSV, which streams`,
          ctx.path,
        );
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) kml.set(file.name, Buffer.concat(chunks));
    };
    file.start();
  });
  /**
   * Deflate through node's zlib (some 20 times faster than fflate's, which took 11 s on one hostile entry), whole
   * per entry with the output capped at what the total has left, so a bomb stops at the cap, not at its end.
   */
  class CappedInflate implements UnzipDecoder {
    static compression = 8;
    ondata: UnzipDecoder['ondata'] = () => undefined;
    private chunks: Uint8Array[] = [];
    push(chunk: Uint8Array, final: boolean): void {
      // fflate forbids keeping its buffer: copy
      this.chunks.push(chunk.slice());
      if (!final) return;
      const left = KMZ_TOTAL_CAP - total;
      let out: Uint8Array;
      try {
        out = inflateRawSync(Buffer.concat(this.chunks), { maxOutputLength: Math.max(1, left + 1) });
      } catch (e) {
        this.chunks = [];
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          out = new Uint8Array(left + 1); // over the cap: ondata refuses the archive
        } else {
          const err = Object.assign(new Error(`corrupt deflate data (${(e as Error).message})`), {
            code: 0,
          }) as FlateError;
          this.ondata(err, new Uint8Array(0), true);
          return;
        }
      }
      this.chunks = [];
      this.ondata(null, out as Uint8Array<ArrayBuffer>, true);
    }
  }
  uz.register(CappedInflate);
  try {
    // in pieces: fflate recurses once per entry within a push, and 10,000 tiny entries overflowed its stack
    const PIECE = 16 * 1024;
    for (let at = 0; at < bytes.length && !refused; at += PIECE)
      uz.push(bytes.subarray(at, at + PIECE), at + PIECE >= bytes.length);
  } catch (e) {
    if (refused) throw refused;
    throw inputError(
      'track.unreadable',
      `cannot read it as a KMZ (zip) archive: ${(e as Error).message}; check that the file was copied whole`,
      ctx.path,
    );
  }
  if (refused) throw refused;
  for (const p of problems) ctx.sink.note(`${ctx.path}: ${p}`);
  return { names, kml };
}

export function readKmz(bytes: Uint8Array, ctx: ReadContext): ReaderResult {
  const { names, kml } = unzipKml(bytes, ctx);
  const kmlNames = names.filter((n) => kml.has(n));
  if (kmlNames.length === 0) {
    const listed = names.slice(0, 8).join(', ') + (names.length > 8 ? ', ...' : '');
    return {
      format: 'kmz',
      emptyWhy: `the archive holds no readable .kml file (entries: ${listed || 'none'})`,
    };
  }
  // doc.kml is the root by convention (at the top, else in a folder, as libkml's multikml-doc.kmz has it)
  const rootName =
    kmlNames.find((n) => n.toLowerCase() === 'doc.kml') ??
    kmlNames.find((n) => n.toLowerCase().endsWith('/doc.kml')) ??
    kmlNames[0];
  const dirOf = (n: string) => n.slice(0, n.lastIndexOf('/') + 1);
  const queue = [rootName];
  const seen = new Set<string>();
  const all: Found[] = [];
  const decoder = new TextDecoder();
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const where = `${ctx.path}!/${name}`;
    const doc = parseXml(decoder.decode(kml.get(name)!), ctx, where);
    all.push(findIn(doc, where));
    // NetworkLinks to other KML files inside the archive are part of it; links out of it are not followed
    for (const link of descendants(doc.documentElement!, 'NetworkLink')) {
      for (const href of descendants(link, 'href')) {
        const target = dirOf(name) + (href.textContent ?? '').trim();
        if (kml.has(target)) queue.push(target);
        else
          ctx.sink.note(
            `${where}: NetworkLink to "${(href.textContent ?? '').trim()}" (not in the archive) not read`,
          );
      }
    }
  }
  const emptyWhy = emit(all, ctx);
  return { format: 'kmz', emptyWhy: emptyWhy && `${emptyWhy} (read ${[...seen].join(', ')})` };
}
