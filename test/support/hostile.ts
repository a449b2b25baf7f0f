/**
 * Hostile inputs, made on the fly and small where possible (issue 9's fuzz reproducers): bombs are built from a
 * compressed piece repeated (a gzip of many members, a zip whose entries share one deflate stream), huge files are
 * sparse, so a test stays fast and the repository holds no big files.
 */
import { open } from 'node:fs/promises';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';

/** A file of `size` bytes starting with `head`, the rest a hole (zeros) that takes no disk and no time. */
export async function sparseFile(path: string, head: string, size: number): Promise<void> {
  const fh = await open(path, 'w');
  try {
    // text past the readers' 64 KiB sniff, so the file is judged by its size, not taken for binary data
    await fh.write(head.padEnd(128 * 1024, ' '));
    await fh.truncate(size);
  } finally {
    await fh.close();
  }
}

/**
 * A gzip file inflating to `head` and then `totalBytes` of `fill` (a multi-member gzip: one member of `chunkBytes`
 * repeated), a few hundred KB for a GiB.
 */
const members = new Map<string, Buffer>();
export function gzipBomb(head: string, totalBytes: number, fill = ' ', chunkBytes = 16 * 2 ** 20): Buffer {
  const key = `${fill}:${chunkBytes}`;
  const member = members.get(key) ?? gzipSync(Buffer.alloc(chunkBytes, fill), { level: 9 });
  members.set(key, member);
  const parts: Buffer[] = [gzipSync(Buffer.from(head))];
  for (let done = 0; done < totalBytes; done += chunkBytes) parts.push(member);
  return Buffer.concat(parts);
}

export interface ZipEntry {
  name: string;
  /** Raw deflate data, or stored bytes when `method` is 0. */
  data: Uint8Array;
  method: 0 | 8;
  crc: number;
  size: number;
}

/** A zip archive of the given entries (no zip64): local headers, data, central directory, end record. */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
  let size = 22;
  for (const e of entries) size += 30 + 46 + 2 * Buffer.byteLength(e.name) + e.data.length;
  const out = Buffer.alloc(size);
  let at = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(at);
    out.writeUInt32LE(0x04034b50, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(e.method, at + 8);
    out.writeUInt32LE(e.crc >>> 0, at + 14);
    out.writeUInt32LE(e.data.length, at + 18);
    out.writeUInt32LE(Math.min(e.size, 0xffffffff), at + 22);
    const n = out.write(e.name, at + 30);
    out.writeUInt16LE(n, at + 26);
    out.set(e.data, at + 30 + n);
    at += 30 + n + e.data.length;
  }
  const cdStart = at;
  entries.forEach((e, i) => {
    out.writeUInt32LE(0x02014b50, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(20, at + 6);
    out.writeUInt16LE(e.method, at + 10);
    out.writeUInt32LE(e.crc >>> 0, at + 16);
    out.writeUInt32LE(e.data.length, at + 20);
    out.writeUInt32LE(Math.min(e.size, 0xffffffff), at + 24);
    const n = out.write(e.name, at + 46);
    out.writeUInt16LE(n, at + 28);
    out.writeUInt32LE(offsets[i], at + 42);
    at += 46 + n;
  });
  out.writeUInt32LE(0x06054b50, at);
  // more than 65,535 entries needs zip64, whose marker 0xffff this count then is
  const n = Math.min(entries.length, 0xffff);
  out.writeUInt16LE(n, at + 8);
  out.writeUInt16LE(n, at + 10);
  out.writeUInt32LE(at - cdStart, at + 12);
  out.writeUInt32LE(cdStart, at + 16);
  return out.subarray(0, at + 22);
}

/** A stored (uncompressed) zip entry. */
export function storedEntry(name: string, text: string): ZipEntry {
  const data = Buffer.from(text);
  return { name, data, method: 0, crc: crc32(data), size: data.length };
}

/** A KMZ of `n` `.kml` entries each inflating to `entryBytes` of spaces after a KML head (one deflate stream shared). */
export function kmzBomb(n: number, entryBytes: number): Buffer {
  const plain = Buffer.alloc(entryBytes, ' ');
  plain.write('<kml><Document>');
  const data = deflateRawSync(plain, { level: 9 });
  const crc = crc32(plain);
  return zipOf(
    Array.from({ length: n }, (_, i) => ({
      name: `doc${i}.kml`,
      data,
      method: 8 as const,
      crc,
      size: entryBytes,
    })),
  );
}

/** A KMZ of `n` tiny stored entries (the zip library once overflowed its stack on 100,001). */
export function kmzManyEntries(n: number): Buffer {
  const e = storedEntry('x.txt', 'x');
  return zipOf(Array.from({ length: n }, (_, i) => ({ ...e, name: `e${i}.txt` })));
}

/** GeoJSON whose first coordinate is an array nested `depth` deep. */
export function geojsonDeep(depth: number): string {
  return `{"type":"LineString","coordinates":[${'['.repeat(depth)}${']'.repeat(depth)},[13,33]]}`;
}

/** A GeometryCollection nested `depth` deep. */
export function geojsonDeepCollection(depth: number): string {
  return `${'{"type":"GeometryCollection","geometries":['.repeat(depth)}${']}'.repeat(depth)}`;
}

/** JSON arrays nested `depth` deep, in a readsb trace. */
export function readsbDeep(depth: number): string {
  return `{"icao":"abc123","timestamp":1700000000,"trace":[${'['.repeat(depth)}${']'.repeat(depth)}]}`;
}

/** A GPX whose track point sits in elements nested `depth` deep. */
export function gpxDeep(depth: number): string {
  return `<gpx version="1.1"><trk><trkseg>${'<x>'.repeat(depth)}<trkpt lat="33" lon="13"><time>2026-12-01T00:00:00Z</time></trkpt>${'</x>'.repeat(depth)}</trkseg></trk></gpx>`;
}

/** A KML nested `depth` deep in Folders. */
export function kmlDeep(depth: number): string {
  return `<kml><Document>${'<Folder>'.repeat(depth)}<Placemark><LineString><coordinates>13,33 13.1,33.1</coordinates></LineString></Placemark>${'</Folder>'.repeat(depth)}</Document></kml>`;
}

/** The billion laughs: entities expanding to `10^levels` copies of "lol". */
export function gpxEntityExpansion(levels = 9): string {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= levels; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE gpx [${dtd}]><gpx version="1.1"><trk><name>&lol${levels};</name><trkseg><trkpt lat="33" lon="13"><time>2026-12-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`;
}

/** An XML external entity pointing at `secretPath`, used in a track's name. */
export function gpxExternalEntity(secretPath: string): string {
  return `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file://${secretPath}">]><gpx version="1.1"><trk><name>&xxe;</name><trkseg><trkpt lat="33" lon="13"><time>2026-12-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>`;
}

/** The same for KML. */
export function kmlExternalEntity(secretPath: string): string {
  return `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY xxe SYSTEM "file://${secretPath}">]><kml><Document><Placemark><name>&xxe;</name><LineString><coordinates>13,33 13.1,33.1</coordinates></LineString></Placemark></Document></kml>`;
}

/** A CSV whose second row's time is 9e15 (beyond Date's range in ms when read as seconds). */
export const CSV_HUGE_TIME =
  'time,lat,lon\n2026-12-01T00:00:00Z,33,13\n9000000000000000,33.1,13.1\n2026-12-01T00:01:00Z,33.2,13.2\n';

/** A readsb trace whose second row's offset is 1e308 seconds. */
export const READSB_HUGE_OFFSET = JSON.stringify({
  icao: 'abc123',
  timestamp: 1764547200,
  trace: [
    [0, 33, 13, 1000],
    [1e308, 33.1, 13.1, 1000],
    [10, 33.2, 13.2, 1000],
  ],
});
