/**
 * GPX 1.1 for Garmin, GDAL, gpsbabel and flight-planning apps: the bases as `wpt`, one `rte` per sortie with a
 * named `rtept` at each turn, and for schedules and audits one `trk` per sortie or track with a time per point
 * (a `trkseg` per part). Written by hand: the format is small and the element order is fixed by the schema
 * (metadata, wpt, rte, trk), which a builder would not add anything to.
 */
import type { ExportDoc } from '../../domain/export.js';
import { deg, esc, iso } from './xml.js';

const pt = (tag: string, lon: number, lat: number, inner: string) =>
  `<${tag} lat="${deg(lat)}" lon="${deg(lon)}">${inner}</${tag}>`;

export function toGpx(doc: ExportDoc): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<gpx version="1.1" creator="coastwatch" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">',
  );
  const desc = doc.notes.join(' ');
  out.push(
    `<metadata><name>${esc(`${doc.title} (${doc.kind})`)}</name>${desc ? `<desc>${esc(desc)}</desc>` : ''}</metadata>`,
  );
  for (const b of doc.bases)
    out.push(
      pt(
        'wpt',
        b.position[0],
        b.position[1],
        `<name>${esc(b.name)}</name>${b.icao ? `<desc>ICAO ${esc(b.icao)}</desc>` : ''}<sym>Airport</sym>`,
      ),
    );
  for (const s of doc.sorties) {
    const rtepts = s.waypoints.map((w) =>
      pt(
        'rtept',
        w.position[0],
        w.position[1],
        `${w.time !== undefined ? `<time>${iso(w.time)}</time>` : ''}<name>${esc(w.name)}</name><desc>${esc(
          `leg ${w.legKm.toFixed(2)} km, total ${w.cumulativeKm.toFixed(2)} km${w.courseDeg !== null ? `, course ${w.courseDeg.toFixed(0)} deg` : ''}`,
        )}</desc>`,
      ),
    );
    out.push(
      `<rte><name>${esc(s.id)}</name><desc>${esc(`${s.tail ?? s.aircraft} from ${s.base}, ${s.distanceKm.toFixed(1)} km, ${s.durationH.toFixed(2)} h`)}</desc>${rtepts.join('')}</rte>`,
    );
  }
  for (const t of doc.tracks) {
    const segs = t.parts.map(
      (p) =>
        `<trkseg>${p.coords
          .map((c, i) =>
            pt('trkpt', c[0], c[1], Number.isFinite(p.times[i]) ? `<time>${iso(p.times[i])}</time>` : ''),
          )
          .join('')}</trkseg>`,
    );
    out.push(
      `<trk><name>${esc(t.id)}</name>${t.aircraft ? `<desc>${esc(t.aircraft)}</desc>` : ''}${segs.join('')}</trk>`,
    );
  }
  out.push('</gpx>');
  return `${out.join('\n')}\n`;
}
