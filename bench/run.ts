import { runHistoryBench } from './history-bench';
import { runStreamingBench } from './streaming/run-streaming-bench';

/**
 * `npm run bench`: every benchmark, each printing its figures, its ratio to a
 * same-run baseline and its targets, and writing `bench-results/<name>.json`.
 * Target misses are reported, not thrown: a benchmark measures, a test decides.
 * `PARLEY_BENCH_ONLY=history,streaming` runs a subset.
 */
const only = (process.env['PARLEY_BENCH_ONLY'] ?? '').split(',').filter(Boolean);
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);

const summary: Array<{ name: string; pass: boolean }> = [];

if (wanted('history')) {
  console.log('\n=== history: 10,000 conversations / 500,000 messages ===');
  summary.push({ name: 'history', pass: runHistoryBench().pass });
}

if (wanted('streaming')) {
  console.log(
    '\n=== streaming: 20,000-token mixed-markdown answer, incremental vs react-markdown ===',
  );
  const report = await runStreamingBench();
  console.log(report.table);
  summary.push({ name: 'streaming', pass: report.verdicts.every((v) => v.pass) });
}

console.log('\n=== summary ===');
for (const { name, pass } of summary)
  console.log(`${name.padEnd(12)} ${pass ? 'all targets met' : 'TARGET MISSED'}`);
