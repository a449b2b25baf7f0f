/** Plain aligned text tables for the terminal: numbers right-aligned, text left-aligned. */
export function table(head: string[], rows: (string | number)[][], opts: { right?: boolean[] } = {}): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_h, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const right =
    opts.right ??
    head.map((_h, c) => rows.every((r) => typeof r[c] === 'number' || /^[\d,.\-+%]+$/.test(String(r[c]))));
  const line = (r: string[]) =>
    r
      .map((v, c) => (right[c] ? v.padStart(widths[c]) : v.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export const fmt = {
  km: (x: number) => Math.round(x).toLocaleString('en-US'),
  nm: (x: number) => Math.round(x / 1.852).toLocaleString('en-US'),
  h: (x: number) => x.toFixed(1),
  pct: (x: number) => `${(x * 100).toFixed(1)}%`,
};

/** Where a command's summary goes: stderr when the result file itself goes to stdout (`--out -`). */
export const summaryOut = (v: Record<string, unknown>): ((text: string) => void) =>
  v.out === '-' ? console.error : console.log;
