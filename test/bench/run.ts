/** `npm run bench`: prints medians; nothing here asserts a time (speed is not a test). */
import { issue2618Script, replicatedSets, thousandNodeSetnodes } from './engine-bench.ts';

const sections: [string, () => string[]][] = [
  ['engine', () => [...replicatedSets(), ...thousandNodeSetnodes(), ...issue2618Script()]],
];

const only = process.argv[2];
for (const [name, run] of sections) {
  if (only && only !== name) continue;
  console.log(`== ${name}`);
  for (const line of run()) console.log(line);
}
