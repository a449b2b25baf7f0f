/**
 * `npm run bench`: prints the figures the issues set targets for, as Markdown tables for the README.
 * Pick sections with arguments: `npm run bench -- plan audit`. Never a timed unit test: numbers, not verdicts.
 */
import { cpus, totalmem } from 'node:os';

const sections: Record<string, () => Promise<{ bench: () => Promise<void> }>> = {
  plan: () => import('./plan.js'),
  'plan-large': () => import('./plan-large.js' as string),
  readers: () => import('./readers.js' as string),
  audit: () => import('./audit.js' as string),
  schedule: () => import('./schedule.js' as string),
  fuzz: () => import('./fuzz.js' as string),
  verify: () => import('./verify.js' as string),
  server: () => import('./server.js' as string),
  web: () => import('./web.js' as string),
  situation: () => import('./situation.js' as string),
  merge: () => import('./merge.js' as string),
};

const wanted = process.argv.slice(2);
const cpu = cpus();
console.log(`# coastwatch bench, ${new Date().toISOString().slice(0, 10)}`);
console.log(
  `machine: ${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`,
);
for (const [name, load] of Object.entries(sections)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  let mod: { bench: () => Promise<void> };
  try {
    mod = await load();
  } catch (e) {
    console.log(`\n## ${name}\n\n(not available: ${(e as Error).message.split('\n')[0]})`);
    continue;
  }
  await mod.bench();
}
