/**
 * GPX 1.0 and 1.1: each `<trk>` (its segments joined) is a track; a route (`<rte>`) is a plan, not a flight,
 * and is skipped with a note, as waypoints are. A point
 * without `<time>` is kept untimed; one with a time that does not parse, or a position out of range (OpenTracks
 * writes lat 100/200 as pause markers), is skipped and named.
 */
import type { Element } from '@xmldom/xmldom';
import { keysFor, type ReadContext, type ReaderResult } from './sink.js';
import { parseIsoUtc } from './time.js';
import { childElements, childText, descendants, lineOf, numOf, parseXml } from './xml.js';

interface GpxItem {
  label: string;
  name?: string;
  points: Element[];
}

export function readGpx(text: string, ctx: ReadContext): ReaderResult {
  const doc = parseXml(text, ctx);
  const root = doc.documentElement!;
  const items: GpxItem[] = [];
  let emptyTrk = 0;
  const collect = (els: Element[], kind: string, pointsOf: (e: Element) => Element[]) => {
    els.forEach((el, i) => {
      const points = pointsOf(el);
      const name = childText(el, 'name') || undefined;
      if (points.length === 0) emptyTrk++;
      else items.push({ label: name ?? `${kind}${i + 1}`, name, points });
    });
  };
  collect(descendants(root, 'trk'), 'trk', (trk) => descendants(trk, 'trkpt'));
  const routes = descendants(root, 'rte').filter((r) => childElements(r, 'rtept').length > 0).length;
  const wpts = descendants(root, 'wpt').length;
  if (wpts > 0 && items.length > 0)
    ctx.sink.note(`${ctx.path}: ${wpts} waypoints (<wpt>) are not read as a track`);
  if (routes > 0 && items.length > 0)
    ctx.sink.note(
      `${ctx.path}: ${routes} route${routes > 1 ? 's' : ''} (<rte>) skipped: a route is a plan, not a flown track`,
    );

  const { sink } = ctx;
  const keys = keysFor(
    ctx.base,
    items.map((it) => it.label),
  );
  items.forEach((it, k) => {
    const tb = sink.open(keys[k], { name: it.name });
    for (const p of it.points) {
      const where = () => `${ctx.path}:${lineOf(p)}`;
      const timeText = childText(p, 'time');
      let t = Number.NaN;
      if (timeText !== undefined && timeText !== '') {
        t = parseIsoUtc(timeText);
        if (Number.isNaN(t)) {
          sink.skip(where(), `<time> "${timeText.slice(0, 40)}" is not an ISO 8601 date-time`);
          continue;
        }
      }
      const alt = numOf(childText(p, 'ele'));
      sink.addChecked(tb, t, numOf(p.getAttribute('lon')), numOf(p.getAttribute('lat')), alt, where);
    }
  });

  let emptyWhy: string | undefined;
  if (items.length === 0) {
    emptyWhy =
      routes > 0
        ? `it holds only ${routes > 1 ? `${routes} routes` : 'a route'} (<rte>), which is a plan, not a flown track: skipped (a flown track is <trk><trkseg><trkpt>)`
        : wpts > 0
          ? `it holds only waypoints (${wpts} <wpt>), which are not a track: a flown track is <trk><trkseg><trkpt>, a route <rte><rtept>`
          : emptyTrk > 0
            ? `its ${emptyTrk} <trk> have no points`
            : 'it has no <trk>';
  }
  return { format: 'gpx', emptyWhy };
}
