/**
 * Cursor on Target for ATAK/WinTAK and TAK Server: a route event (`b-m-r`) per sortie whose waypoints are
 * `<link>` elements (uid, callsign, type `b-m-p-w`, point "lat,lon,hae", relation `c`) with the `link_attr`,
 * `__routeinfo` and colour details ATAK writes for its own routes, and a point event per base.
 *
 * Several events: ATAK and WinTAK import one event per .cot file, and a file with an `<events>` root is not CoT;
 * so they go out as a TAK data package (mission package): a zip with one `UID/UID.cot` per event and
 * `MANIFEST/manifest.xml` (MissionPackageManifest version 2) listing them, which ATAK's and WinTAK's Import
 * Manager open. Uids are derived from the scenario, kind and sortie, so importing a newer export replaces the
 * routes instead of doubling them.
 */
import { createHash } from 'node:crypto';
import type { ExportDoc, ExportOptions, ExportSortie } from '../../domain/export.js';
import { DEFAULT_ALTITUDE_M } from './qgc.js';
import { esc, iso } from './xml.js';
import { zipFiles } from './zip.js';

/** A stable UUID-shaped uid from a key (name-based, so repeated exports keep their uids). */
export function stableUid(key: string): string {
  const h = createHash('sha1').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const f7 = (x: number) => x.toFixed(7);
const DAY = 86_400_000;

interface Times {
  time: string;
  stale: string;
}

function event(
  uid: string,
  type: string,
  t: Times,
  lat: number,
  lon: number,
  hae: number,
  detail: string,
): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<event version="2.0" uid="${esc(uid)}" type="${type}" time="${t.time}" start="${t.time}" stale="${t.stale}" how="h-e"><point lat="${f7(lat)}" lon="${f7(lon)}" hae="${hae.toFixed(1)}" ce="9999999.0" le="9999999.0"/><detail>${detail}</detail></event>
`;
}

export function routeEvent(
  doc: ExportDoc,
  s: ExportSortie,
  t: Times,
  altitudeM: number,
  uid: string,
): string {
  const links = s.waypoints
    .map(
      (w) =>
        `<link uid="${esc(stableUid(`${uid}/${w.name}`))}" callsign="${esc(w.name)}" type="b-m-p-w" point="${f7(w.position[1])},${f7(w.position[0])},${altitudeM.toFixed(1)}" remarks="" relation="c"/>`,
    )
    .join('');
  const remarks = `${s.tail ?? s.aircraft} from ${s.base}, ${s.distanceKm.toFixed(1)} km, ${s.durationH.toFixed(2)} h${s.takeoff ? `, takeoff ${s.takeoff}, landing ${s.landing}` : ''} (coastwatch ${doc.kind}: ${doc.title})`;
  const first = s.waypoints[0].position;
  return event(
    uid,
    'b-m-r',
    t,
    first[1],
    first[0],
    altitudeM,
    `${links}<link_attr planningmethod="Infil" color="-16776961" method="Flying" prefix="${esc(s.id)}-W" type="Vehicle" stroke="3" direction="Infil" routetype="Primary" order="Ascending Check Points"/><strokeColor value="-16776961"/><strokeWeight value="3.0"/><__routeinfo><__navcues/></__routeinfo><contact callsign="${esc(`${s.id} ${s.tail ?? s.aircraft}`)}"/><remarks>${esc(remarks)}</remarks><archive/><labels_on value="false"/><color value="-16776961"/>`,
  );
}

export function toCot(doc: ExportDoc, opts: ExportOptions = {}) {
  const now = opts.now ? Date.parse(opts.now) : Date.now();
  const landings = doc.sorties.map((s) => (s.landing ? Date.parse(s.landing) : NaN)).filter(Number.isFinite);
  // routes stay on the map for a week, or until the schedule's last landing and a day
  const stale = Math.max(now + 7 * DAY, ...landings.map((x) => x + DAY));
  const t: Times = { time: iso(now), stale: iso(stale) };
  const alt = opts.altitudeM ?? DEFAULT_ALTITUDE_M;
  const key = `coastwatch/${doc.title}/${doc.kind}`;
  const files: { uid: string; name: string; xml: string }[] = [];
  for (const b of doc.bases) {
    const uid = stableUid(`${key}/base/${b.name}`);
    files.push({
      uid,
      name: b.name,
      xml: event(
        uid,
        'b-m-p-s-m',
        t,
        b.position[1],
        b.position[0],
        0,
        `<contact callsign="${esc(b.name)}"/><remarks>${esc(b.icao ? `base, ICAO ${b.icao}` : 'base')}</remarks><archive/>`,
      ),
    });
  }
  for (const s of doc.sorties) {
    const uid = stableUid(`${key}/sortie/${s.id}`);
    files.push({ uid, name: s.id, xml: routeEvent(doc, s, t, alt, uid) });
  }
  const pkg = stableUid(`${key}/package`);
  const manifest = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<MissionPackageManifest version="2"><Configuration><Parameter name="uid" value="${pkg}"/><Parameter name="name" value="${esc(`${doc.title} ${doc.kind}`)}"/><Parameter name="onReceiveDelete" value="false"/></Configuration><Contents>${files
    .map(
      (f) =>
        `<Content ignore="false" zipEntry="${f.uid}/${f.uid}.cot"><Parameter name="uid" value="${f.uid}"/><Parameter name="name" value="${esc(f.name)}"/></Content>`,
    )
    .join('')}</Contents></MissionPackageManifest>
`;
  return {
    data: zipFiles([
      { name: 'MANIFEST/manifest.xml', data: manifest },
      ...files.map((f) => ({ name: `${f.uid}/${f.uid}.cot`, data: f.xml })),
    ]),
    extension: 'cot.zip',
    contentType: 'application/zip',
  };
}
