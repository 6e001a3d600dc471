/** A count in plain English: "1 input", "2 inputs", "0 inputs" (never "1 inputs" or "input(s)"). */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
