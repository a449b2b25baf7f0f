/** Quoting bits of a file in a message without sending its binary bytes to the terminal. */

const NAMED: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r' };

/** Text safe for a terminal: control and undecodable characters escaped, cut to `max` characters. */
export function printable(text: string, max = 40): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  let out = '';
  for (let i = 0; i < cut.length; i++) {
    const c = cut.charCodeAt(i);
    if (c === 0xfffd) out += '\\ufffd';
    else if (c < 32 || (c >= 0x7f && c <= 0x9f)) out += NAMED[c] ?? `\\x${c.toString(16).padStart(2, '0')}`;
    else out += cut[i];
  }
  return text.length > max ? `${out}...` : out;
}
