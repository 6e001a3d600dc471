/** `npm run bench`: prints medians; nothing here asserts a time (speed is not a test). */
import { browserBench } from './browser-bench.ts';
import { bigListEnds, issue2618Script, replicatedSets, scanPages, thousandNodeSetnodes } from './engine-bench.ts';

const sections: [string, () => string[] | Promise<string[]>][] = [
  ['engine', () => [...replicatedSets(), ...thousandNodeSetnodes(), ...issue2618Script(), ...bigListEnds(), ...scanPages()]],
  // Production build in headless Chromium: start-up bundle, time to a working console.
  // Issue 12's runner: idle time, the 1,000-node bootstrap through the built CLI, start-up.
  ['cli', () => import('./cli-bench.ts').then(async (bench) => [...bench.idleWaits(), ...(await bench.cliRuns())])],
  ['browser', browserBench],
  // Issue 11 point 5: seeking in sessions one virtual hour long (500 and 3 nodes).
  ['seek', () => import('./seek-bench.ts').then((bench) => bench.seekBench())],
  ['graph', () => import('./graph-bench.ts').then((bench) => bench.graphFrameTimes())],
  // <kvrocks-lab>: the embed script's size, three embeds on a plain page to a rendered console.
  ['embed', () => import('./embed-bench.ts').then((bench) => bench.embedBench())],
  // kvlab serve against redis-server, same machine, same run: throughput, memory, huge and slow input.
  ['serve', () => import('./serve-bench.ts').then((bench) => bench.serveBench())],
  // Only the huge and slow input of `serve`; `npm run bench huge "MSET|EXISTS"` runs the requests whose description matches.
  ['huge', () => import('./serve-bench.ts').then((bench) => bench.hugeAndSlowInput(process.argv[3]))],
];

const only = process.argv[2];
for (const [name, run] of sections) {
  // `huge` is part of `serve`: it runs only when asked for by name.
  if (only ? only !== name : name === 'huge') continue;
  console.log(`== ${name}`);
  for (const line of await run()) console.log(line);
}
