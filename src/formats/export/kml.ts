/**
 * KML 2.2 (and KMZ) for Google Earth, GDAL and QGIS: a folder per sortie (per airframe for schedules, per track
 * for audits) with the route and its named waypoints, `gx:Track` with times for schedules and audits, the
 * covered coast and the gaps styled apart, the bases, and with the scenario its no-fly areas and standoff band.
 * Written by hand: @placemarkio/tokml turns GeoJSON properties into KML but has no gx:Track, shared styles or
 * nested folders, which are most of this file.
 */
import type { ExportDoc, ExportSortie, ExportTrackPart } from '../../domain/export.js';
import { drawnLines } from '../../geo/drawn.js';
import type { LonLat } from '../../geo/lonlat.js';
import { deg, esc, iso } from './xml.js';
import { zipFiles } from './zip.js';

const coord = (p: LonLat) => `${deg(p[0])},${deg(p[1])}`;
const coords = (l: readonly LonLat[]) => l.map(coord).join(' ');
const lineString = (l: readonly LonLat[]) =>
  `<LineString><tessellate>1</tessellate><coordinates>${coords(l)}</coordinates></LineString>`;
const lines = (ls: readonly (readonly LonLat[])[]) =>
  ls.length === 1 ? lineString(ls[0]) : `<MultiGeometry>${ls.map(lineString).join('')}</MultiGeometry>`;
const ring = (r: readonly LonLat[]) => `<LinearRing><coordinates>${coords(r)}</coordinates></LinearRing>`;
const polygon = (rings: readonly (readonly LonLat[])[]) =>
  `<Polygon><outerBoundaryIs>${ring(rings[0])}</outerBoundaryIs>${rings
    .slice(1)
    .map((r) => `<innerBoundaryIs>${ring(r)}</innerBoundaryIs>`)
    .join('')}</Polygon>`;

const placemark = (name: string, style: string, geometry: string, description = '') =>
  `<Placemark><name>${esc(name)}</name>${description ? `<description>${esc(description)}</description>` : ''}<styleUrl>#${style}</styleUrl>${geometry}</Placemark>`;

const folder = (name: string, body: string, description = '') =>
  `<Folder><name>${esc(name)}</name>${description ? `<description>${esc(description)}</description>` : ''}${body}</Folder>`;

/** KML colours are aabbggrr. */
const STYLES = [
  `<Style id="route"><LineStyle><color>ffd28c1e</color><width>3</width></LineStyle></Style>`,
  `<Style id="track"><LineStyle><color>ff00c8ff</color><width>2</width></LineStyle></Style>`,
  `<Style id="covered"><LineStyle><color>ff3cb43c</color><width>5</width></LineStyle></Style>`,
  `<Style id="gap"><LineStyle><color>ff2020e0</color><width>6</width></LineStyle></Style>`,
  `<Style id="coast"><LineStyle><color>ff808080</color><width>1</width></LineStyle></Style>`,
  `<Style id="base"><IconStyle><scale>1.2</scale><Icon><href>http://maps.google.com/mapfiles/kml/shapes/airports.png</href></Icon></IconStyle></Style>`,
  `<Style id="waypoint"><IconStyle><scale>0.6</scale><Icon><href>http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png</href></Icon></IconStyle><LabelStyle><scale>0.7</scale></LabelStyle></Style>`,
  `<Style id="nofly"><LineStyle><color>ff0000ff</color><width>2</width></LineStyle><PolyStyle><color>600000ff</color></PolyStyle></Style>`,
  `<Style id="band"><LineStyle><color>8000a5ff</color><width>1</width></LineStyle><PolyStyle><color>4000a5ff</color></PolyStyle></Style>`,
].join('');

/** gx:Track needs a time per position; parts without times are drawn as plain lines. */
function track(name: string, parts: readonly ExportTrackPart[]): string {
  const timed = parts.filter((p) => p.times.every((t) => Number.isFinite(t)));
  const untimed = parts.filter((p) => !p.times.every((t) => Number.isFinite(t)));
  const gx = timed.map(
    (p) =>
      `<gx:Track>${p.times.map((t) => `<when>${iso(t)}</when>`).join('')}${p.coords
        .map((c) => `<gx:coord>${deg(c[0])} ${deg(c[1])} 0</gx:coord>`)
        .join('')}</gx:Track>`,
  );
  let out = '';
  if (gx.length)
    out += placemark(
      name,
      'track',
      gx.length === 1 ? gx[0] : `<gx:MultiTrack>${gx.join('')}</gx:MultiTrack>`,
    );
  if (untimed.length)
    out += placemark(`${name} (no times)`, 'track', lines(untimed.flatMap((p) => drawnLines(p.coords))));
  return out;
}

function sortieBody(doc: ExportDoc, s: ExportSortie): string {
  const desc = `${s.aircraft}${s.tail ? ` ${s.tail}` : ''} from ${s.base}: ${s.distanceKm.toFixed(1)} km, ${s.durationH.toFixed(2)} h${s.takeoff ? `, takeoff ${s.takeoff}, landing ${s.landing}` : ''}; covers coast km ${s.covers.map(([a, b]) => `${a.toFixed(0)}-${b.toFixed(0)}`).join(', ')}`;
  // drawn as readers draw: legs cut to stay within 0.1 km of the geodesic and at most 20 km long
  let out = placemark(`${s.id} route`, 'route', lines(drawnLines(s.path, { maxStepKm: 20 })), desc);
  const t = doc.tracks.find((x) => x.id === s.id);
  if (t) out += track(`${s.id} flight`, t.parts);
  out += folder(
    `${s.id} waypoints`,
    s.waypoints
      .map((w) =>
        placemark(
          w.name,
          'waypoint',
          `<Point><coordinates>${coord(w.position)}</coordinates></Point>`,
          `leg ${w.legKm.toFixed(2)} km, total ${w.cumulativeKm.toFixed(2)} km${w.courseDeg !== null ? `, course ${w.courseDeg.toFixed(0)} deg` : ''}${w.time !== undefined ? `, ${iso(w.time)}` : ''}`,
        ),
      )
      .join(''),
  );
  return out;
}

export function toKml(doc: ExportDoc): string {
  const parts: string[] = [];
  const coastBody = [
    doc.coast.length ? placemark('coast', 'coast', lines(doc.coast.flatMap((l) => drawnLines(l)))) : '',
    doc.covered.length
      ? placemark(
          doc.kind === 'audit' ? 'coast seen' : 'covered coast',
          'covered',
          lines(doc.covered.flatMap((l) => drawnLines(l))),
        )
      : '',
    ...doc.gaps.map((g, i) =>
      placemark(
        `gap ${i + 1}: coast km ${g.fromKm.toFixed(0)}-${g.toKm.toFixed(0)}`,
        'gap',
        lines(g.lines.flatMap((l) => drawnLines(l))),
        `${g.lengthKm.toFixed(1)} km: ${g.reason}`,
      ),
    ),
  ].join('');
  parts.push(folder('Coast', coastBody));
  if (doc.bases.length)
    parts.push(
      folder(
        'Bases',
        doc.bases
          .map((b) =>
            placemark(
              b.name,
              'base',
              `<Point><coordinates>${coord(b.position)}</coordinates></Point>`,
              b.icao ? `ICAO ${b.icao}` : '',
            ),
          )
          .join(''),
      ),
    );
  if (doc.area) {
    const a = doc.area;
    parts.push(
      folder(
        'Areas',
        [
          ...a.noFly.map((p, i) => placemark(`no-fly area ${i + 1}`, 'nofly', polygon(p))),
          ...a.band.map((p, i) =>
            placemark(`standoff band ${i + 1}`, 'band', polygon(p), `${a.standoffKm} km from the coast`),
          ),
        ].join(''),
      ),
    );
  }
  if (doc.kind === 'schedule') {
    const tails = [...new Set(doc.sorties.map((s) => s.tail ?? s.aircraft))];
    for (const tail of tails)
      parts.push(
        folder(
          tail,
          doc.sorties
            .filter((s) => (s.tail ?? s.aircraft) === tail)
            .map((s) => folder(s.id, sortieBody(doc, s)))
            .join(''),
        ),
      );
  } else if (doc.kind === 'plan') {
    for (const s of doc.sorties)
      parts.push(folder(`${s.id} ${s.aircraft} from ${s.base}`, sortieBody(doc, s)));
  } else {
    for (const t of doc.tracks) parts.push(folder(t.id, track(t.id, t.parts), t.aircraft ?? ''));
  }
  const description = doc.notes.join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><name>${esc(`${doc.title} (${doc.kind})`)}</name>${description ? `<description>${esc(description)}</description>` : ''}${STYLES}
${parts.join('\n')}
</Document></kml>
`;
}

/** KMZ: the KML zipped as doc.kml at the root, as Google Earth expects. */
export function toKmz(doc: ExportDoc): Uint8Array {
  return zipFiles([{ name: 'doc.kml', data: toKml(doc) }]);
}
