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
import type { Document, Element } from '@xmldom/xmldom';
import { Unzip, UnzipInflate } from 'fflate';
import { inputError } from '../../domain/errors.js';
import { keysFor, type ReadContext, type ReaderResult } from './sink.js';
import { parseIsoUtc } from './time.js';
import { childElements, childText, descendants, lineOf, parseXml } from './xml.js';

/** Most a KMZ entry may inflate to: far above any real track, far below what would hurt. */
export const KMZ_ENTRY_CAP = 256 * 2 ** 20;

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
  const uz = new Unzip((file) => {
    names.push(file.name);
    if (!/\.kml$/i.test(file.name)) return;
    const chunks: Uint8Array[] = [];
    let n = 0;
    file.ondata = (err, data, final) => {
      if (err) {
        problems.push(`${file.name}: ${err.message}`);
        return;
      }
      n += data.length;
      if (n > KMZ_ENTRY_CAP) {
        problems.push(`${file.name} inflates to more than ${KMZ_ENTRY_CAP / 2 ** 20} MB: not read`);
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) kml.set(file.name, Buffer.concat(chunks));
    };
    file.start();
  });
  uz.register(UnzipInflate);
  try {
    uz.push(bytes, true);
  } catch (e) {
    throw inputError(
      'track.unreadable',
      `cannot read it as a KMZ (zip) archive: ${(e as Error).message}; check that the file was copied whole`,
      ctx.path,
    );
  }
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
