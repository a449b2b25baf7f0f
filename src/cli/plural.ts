/** `1 sortie`, `2 sorties`: a count with its noun, singular or plural as the count wants. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
