/**
 * The printable mission brief as an HTML page (the app prints it to PDF with Chromium): per A4 page an SVG map
 * of routes, covered coast and gaps over the land, the sortie table and the lower bounds; schedules add the
 * timeline on the first page and one page per airframe. Pure: the land polygons are given by the caller.
 */
import type { ExportDoc, ExportSortie } from '../../domain/export.js';
import type { LonLat } from '../../geo/lonlat.js';
import { esc } from './xml.js';

export interface BriefOptions {
  /** Land polygons (rings of [lon, lat]) to draw under the map, already limited to the area. */
  land?: LonLat[][][];
}

const W = 700;
/** Map height in the page's units (700 wide = 186 mm): less when a long sortie table needs the room. */
const H = 430;

interface Frame {
  x: (p: LonLat) => number;
  y: (p: LonLat) => number;
}

/** Equirectangular, scaled by the cosine of the middle latitude so shapes look right at these scales. */
function frameOf(points: LonLat[], H: number): Frame & { box: [number, number, number, number] } {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of points) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  if (!Number.isFinite(w)) [w, s, e, n] = [-1, -1, 1, 1];
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const padX = (e - w) * 0.06 + 0.1;
  const padY = (n - s) * 0.06 + 0.1;
  w -= padX;
  e += padX;
  s -= padY;
  n += padY;
  const scale = Math.min(W / ((e - w) * k), H / (n - s));
  const ox = (W - (e - w) * k * scale) / 2;
  const oy = (H - (n - s) * scale) / 2;
  return {
    box: [w, s, e, n],
    x: (p) => ox + (p[0] - w) * k * scale,
    y: (p) => oy + (n - p[1]) * scale,
  };
}

const path = (f: Frame, l: readonly LonLat[]) =>
  l.map((p, i) => `${i ? 'L' : 'M'}${f.x(p).toFixed(1)} ${f.y(p).toFixed(1)}`).join('');

const COLOURS = ['#1f5fd2', '#7b2fbf', '#0f8a8a', '#c2561a', '#4a6b00', '#b0246b', '#2d2d9f', '#8a5a00'];

function map(doc: ExportDoc, sorties: readonly ExportSortie[], land: LonLat[][][], H = 430): string {
  const pts: LonLat[] = [
    ...doc.coast.flat(),
    ...sorties.flatMap((s) => s.path),
    ...doc.bases.map((b) => b.position),
  ];
  const f = frameOf(pts, H);
  const [w, s, e, n] = f.box;
  const near = (r: LonLat[]) => r.some(([x, y]) => x >= w - 5 && x <= e + 5 && y >= s - 5 && y <= n + 5);
  const landPaths = land
    .filter((p) => p[0] && near(p[0]))
    .map(
      (p) =>
        `<path d="${p.map((r) => `${path(f, r)}Z`).join('')}" fill="#efe9d8" stroke="#c9bf9f" stroke-width="0.5" fill-rule="evenodd"/>`,
    )
    .join('');
  const poly = (rings: LonLat[][], cls: string) =>
    `<path d="${rings.map((r) => `${path(f, r)}Z`).join('')}" class="${cls}" fill-rule="evenodd"/>`;
  const areas = doc.area
    ? [...doc.area.band.map((p) => poly(p, 'band')), ...doc.area.noFly.map((p) => poly(p, 'nofly'))].join('')
    : '';
  const coast = doc.coast.map((l) => `<path d="${path(f, l)}" class="coast"/>`).join('');
  const covered = doc.covered.map((l) => `<path d="${path(f, l)}" class="covered"/>`).join('');
  const gaps = doc.gaps
    .flatMap((g) => g.lines)
    .map((l) => `<path d="${path(f, l)}" class="gap"/>`)
    .join('');
  const tails = [...new Set(doc.sorties.map((x) => x.tail ?? x.aircraft))];
  const routes = sorties
    .map((x) => {
      const c = COLOURS[tails.indexOf(x.tail ?? x.aircraft) % COLOURS.length];
      const wp = x.waypoints
        .map(
          (p) =>
            `<circle cx="${f.x(p.position).toFixed(1)}" cy="${f.y(p.position).toFixed(1)}" r="1.6" fill="${c}"/>`,
        )
        .join('');
      return `<path d="${path(f, x.path)}" class="route" stroke="${c}"/>${sorties.length <= 12 ? wp : ''}`;
    })
    .join('');
  const bases = doc.bases
    .map(
      (b) =>
        `<rect x="${(f.x(b.position) - 4).toFixed(1)}" y="${(f.y(b.position) - 4).toFixed(1)}" width="8" height="8" fill="#222"/><text x="${(f.x(b.position) + 6).toFixed(1)}" y="${(f.y(b.position) + 4).toFixed(1)}" class="label">${esc(b.name)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#dfeef7"/>${landPaths}${areas}${coast}${covered}${gaps}${routes}${bases}</svg>
<div class="legend"><span class="k covered"></span> covered coast <span class="k gap"></span> gap (not covered) <span class="k route"></span> route, dots at the waypoints <span class="k base"></span> base${doc.area ? ' <span class="k band"></span> standoff band <span class="k nofly"></span> no-fly area' : ''}</div>`;
}

const fmt1 = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const hhmm = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

/** Rows of the sortie table that fit under a map of height `mapH`; the rest are counted, not cut silently. */
const ROW_UNITS = 18;
const PAGE_UNITS = 880;
function fitRows(n: number): { mapH: number; rows: number } {
  const mapH = Math.max(200, Math.min(H, PAGE_UNITS - 60 - ROW_UNITS * n));
  return { mapH, rows: Math.max(1, Math.floor((PAGE_UNITS - 60 - mapH) / ROW_UNITS)) };
}

function sortieTable(all: readonly ExportSortie[], schedule: boolean, maxRows = Infinity): string {
  const sorties = all.length > maxRows ? all.slice(0, maxRows - 1) : all;
  const more =
    all.length > sorties.length
      ? `<tr><td colspan="9">and ${all.length - sorties.length} more sorties (${esc(all[sorties.length].id)} to ${esc(all[all.length - 1].id)}): every one is in the CSV and GPX exports</td></tr>`
      : '';
  const rows = sorties
    .map(
      (s) =>
        `<tr><td>${esc(s.id)}</td><td>${esc(schedule ? (s.tail ?? s.aircraft) : s.aircraft)}</td><td>${esc(s.base)}</td>${
          schedule ? `<td>${esc(hhmm(s.takeoff))}</td><td>${esc(hhmm(s.landing))}</td>` : ''
        }<td class="n">${fmt1(s.distanceKm)}</td><td class="n">${s.durationH.toFixed(2)}</td><td class="n">${s.waypoints.length}</td><td>${esc(
          s.covers.map(([a, b]) => `${Math.round(a)}-${Math.round(b)}`).join(', '),
        )}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>sortie</th><th>${schedule ? 'airframe' : 'aircraft'}</th><th>base</th>${
    schedule ? '<th>takeoff (UTC)</th><th>landing (UTC)</th>' : ''
  }<th class="n">km</th><th class="n">hours</th><th class="n">waypoints</th><th>covers (coast km)</th></tr></thead><tbody>${rows}${more}</tbody></table>`;
}

function boundsBlock(doc: ExportDoc): string {
  const s = doc.summary as Record<string, unknown>;
  const items: string[] = [];
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
  if (doc.bounds) {
    const b = doc.bounds;
    items.push(
      `<li>no plan can use fewer than <b>${b.minSorties}</b> sorties (this ${doc.kind}: ${num(s.sorties)})</li>`,
    );
    items.push(
      `<li>no set of sorties covering this coast flies less than <b>${fmt1(b.minDistanceKm)} km</b> (this ${doc.kind}: ${fmt1(num(s.distanceKm))} km)</li>`,
    );
    for (const note of b.notes) items.push(`<li class="note">${esc(note)}</li>`);
  }
  if (Array.isArray(s.revisitBounds)) {
    for (const r of s.revisitBounds as { name?: string; hours?: number; how?: string }[])
      items.push(
        `<li>worst revisit cannot be below <b>${Number(r.hours).toFixed(2)} h</b> (${esc(r.name)}${r.how ? `: ${esc(r.how)}` : ''})</li>`,
      );
  }
  if (!items.length) return '<p class="note">no lower bounds in the file</p>';
  return `<ul class="bounds">${items.join('')}</ul>`;
}

function timeline(doc: ExportDoc): string {
  const s = doc.summary as Record<string, unknown>;
  const times = doc.sorties
    .flatMap((x) => [Date.parse(x.takeoff ?? ''), Date.parse(x.landing ?? '')])
    .filter(Number.isFinite);
  const start = typeof s.start === 'string' ? Date.parse(s.start) : Math.min(...times);
  const horizonH = typeof s.horizonH === 'number' ? s.horizonH : (Math.max(...times) - start) / 3.6e6;
  const end = start + horizonH * 3.6e6;
  const tails = [...new Set(doc.sorties.map((x) => x.tail ?? x.aircraft))];
  const L = 150;
  const R = W - 10;
  const rowH = 18;
  const h = tails.length * rowH + 24;
  // sorties that land after the horizon (the schedule repeats) are cut at its end
  const x = (t: number) =>
    L + ((Math.min(Math.max(t, start), end) - start) / Math.max(1, end - start)) * (R - L);
  const days: string[] = [];
  for (let t = start; t <= end + 1; t += 86_400_000)
    days.push(
      `<line x1="${x(t).toFixed(1)}" y1="0" x2="${x(t).toFixed(1)}" y2="${h - 16}" stroke="#bbb"/><text x="${(x(t) + 2).toFixed(1)}" y="${h - 4}" class="label">${new Date(t).toISOString().slice(5, 10)}</text>`,
    );
  const rows = tails
    .map((tail, i) => {
      const y = i * rowH + 2;
      const bars = doc.sorties
        .filter((q) => (q.tail ?? q.aircraft) === tail && q.takeoff && q.landing)
        .map((q) => {
          const a = x(Date.parse(q.takeoff!));
          const b = x(Date.parse(q.landing!));
          return `<rect x="${a.toFixed(1)}" y="${y}" width="${Math.max(1, b - a).toFixed(1)}" height="${rowH - 6}" fill="${COLOURS[i % COLOURS.length]}"><title>${esc(q.id)}</title></rect>`;
        })
        .join('');
      return `<text x="0" y="${y + 11}" class="label">${esc(tail)}</text>${bars}`;
    })
    .join('');
  return `<h2>Timeline (UTC)</h2><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}">${days.join('')}${rows}</svg>`;
}

const CSS = `@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font: 9.5pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0; color: #111; }
.page { height: 270mm; overflow: hidden; page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11pt; margin: 3mm 0 1mm; }
.sub { color: #444; margin-bottom: 2mm; }
svg { display: block; width: 100%; height: auto; border: 1px solid #999; }
.coast { fill: none; stroke: #777; stroke-width: 0.8; }
.band { fill: #ffa500; fill-opacity: 0.18; stroke: none; }
.nofly { fill: #e00000; fill-opacity: 0.2; stroke: #e00000; stroke-width: 1; }
.covered { fill: none; stroke: #2e9e3e; stroke-width: 3; stroke-linecap: round; }
.gap { fill: none; stroke: #d9231d; stroke-width: 4; stroke-linecap: round; }
.route { fill: none; stroke-width: 1.3; }
.label { font-size: 10px; fill: #222; }
.legend { font-size: 8pt; color: #333; margin: 1mm 0; }
.k { display: inline-block; width: 14px; height: 4px; vertical-align: middle; margin-left: 6px; }
.k.band { background: #ffd9a0; } .k.nofly { background: #f4b0b0; }
.k.covered { background: #2e9e3e; } .k.gap { background: #d9231d; } .k.route { background: #1f5fd2; } .k.base { background: #222; width: 6px; height: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { border-bottom: 1px solid #ccc; padding: 0.6mm 1.2mm; text-align: left; }
.n { text-align: right; }
.bounds { margin: 0; padding-left: 5mm; } .note { color: #555; font-size: 8pt; }`;

export function toBriefHtml(doc: ExportDoc, opts: BriefOptions = {}): string {
  const s = doc.summary as Record<string, unknown>;
  const land = opts.land ?? [];
  const schedule = doc.kind === 'schedule';
  const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
  const headline = `coast ${fmt1(num(s.coastKm))} km, covered ${fmt1(num(s.coveredKm))} km (${(num(s.coverage) * 100).toFixed(1)}%) by ${doc.sorties.length} sorties, ${fmt1(num(s.distanceKm))} km, ${num(s.flightHours).toFixed(1)} flight hours${
    schedule && s.worstRevisitH !== undefined && s.worstRevisitH !== null
      ? `; worst revisit ${num(s.worstRevisitH).toFixed(2)} h, mean ${num(s.meanRevisitH).toFixed(2)} h over ${num(s.horizonH)} h`
      : ''
  }`;
  const gaps = doc.gaps.length
    ? `<h2>Gaps</h2><ul class="bounds">${doc.gaps
        .slice(0, 8)
        .map(
          (g) =>
            `<li>coast km ${Math.round(g.fromKm)}-${Math.round(g.toKm)} (${fmt1(g.lengthKm)} km): ${esc(g.reason)}</li>`,
        )
        .join('')}${doc.gaps.length > 8 ? `<li>and ${doc.gaps.length - 8} more</li>` : ''}</ul>`
    : '';
  const pages: string[] = [];
  const first = schedule
    ? `${timeline(doc)}<h2>Lower bounds</h2>${boundsBlock(doc)}${gaps}`
    : `<h2>Sorties</h2>${sortieTable(doc.sorties, false, 12)}<h2>Lower bounds</h2>${boundsBlock(doc)}${gaps}`;
  pages.push(
    `<section class="page"><h1>${esc(doc.title)}: ${doc.kind} brief</h1><div class="sub">${esc(headline)}</div>${map(doc, doc.sorties, land)}${first}${
      doc.notes.length ? `<p class="note">${esc(doc.notes.join(' '))}</p>` : ''
    }</section>`,
  );
  if (schedule) {
    const tails = [...new Set(doc.sorties.map((x) => x.tail ?? x.aircraft))];
    for (const tail of tails) {
      const mine = doc.sorties.filter((x) => (x.tail ?? x.aircraft) === tail);
      const hours = mine.reduce((a, x) => a + x.durationH, 0);
      const fit = fitRows(mine.length);
      pages.push(
        `<section class="page"><h1>${esc(tail)}</h1><div class="sub">${esc(`${mine.length} sorties, ${hours.toFixed(1)} flight hours, ${fmt1(mine.reduce((a, x) => a + x.distanceKm, 0))} km`)}</div>${map(doc, mine, land, fit.mapH)}<h2>Sorties</h2>${sortieTable(mine, true, fit.rows)}</section>`,
      );
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${CSS}</style></head><body>${pages.join('\n')}</body></html>`;
}
