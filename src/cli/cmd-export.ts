/** `coastwatch export FILE --to FORMAT`: a plan, schedule or audit file in another format (docs/exports.md). */
import { exportFiles, exportFormats } from '../app/export.js';
import { inputError } from '../domain/errors.js';
import type { LegacyCommand } from './spec.js';

const usage = `export FILE --to FORMAT [--out FILE] [--scenario SCENARIO] [--altitude M] [--json]

formats:
${exportFormats.map((f) => `  ${f.name.padEnd(10)} ${f.description} (${f.kinds.join(', ')})`).join('\n')}`;

export const exportCmd: LegacyCommand = {
  summary: 'turn a plan, schedule or audit file into KML/KMZ, GPX, QGC, waypoints, CoT, CSV, GeoJSON or PDF',
  usage,
  options: {
    to: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    scenario: { type: 'string', short: 's' },
    altitude: { type: 'string' },
  },
  async run(pos, v) {
    if (pos.length !== 1)
      throw inputError(
        pos.length === 0 ? 'cli.missing-argument' : 'cli.extra-argument',
        `${pos.length === 0 ? 'missing the plan, schedule or audit file' : `export takes one file, got ${pos.length}: ${pos.join(' ')}`}\n\nusage: coastwatch ${usage}`,
      );
    const to = v.to as string | undefined;
    if (!to)
      throw inputError(
        'cli.missing-argument',
        `--to FORMAT is required: one of ${exportFormats.map((f) => f.name).join(', ')}`,
        '--to',
      );
    let altitudeM: number | undefined;
    if (v.altitude !== undefined) {
      altitudeM = Number(v.altitude);
      if (!Number.isFinite(altitudeM) || altitudeM <= 0 || altitudeM > 20000)
        throw inputError(
          'cli.bad-altitude',
          `must be a height in metres above home between 0 and 20000, got "${v.altitude}"`,
          '--altitude',
        );
    }
    const r = await exportFiles(pos[0], {
      to: to.trim().toLowerCase(),
      ...(v.out !== undefined ? { out: v.out as string } : {}),
      ...(v.scenario !== undefined ? { scenario: v.scenario as string } : {}),
      ...(altitudeM !== undefined ? { altitudeM } : {}),
    });
    const info = {
      out: r.outPath,
      format: to,
      contentType: r.contentType,
      bytes: r.bytes.length,
      notes: r.notes,
    };
    // with --out - the file itself is on stdout: the summary goes to stderr
    const say = r.outPath === '-' ? console.error : console.log;
    if (v.json) say(JSON.stringify(info));
    else if (v.quiet) return 0;
    else {
      for (const n of r.notes) say(`note: ${n}`);
      if (r.outPath !== '-')
        say(`${to} written to ${r.outPath} (${r.bytes.length.toLocaleString('en-US')} bytes)`);
    }
    return 0;
  },
};
