import { runLongConversationBench } from './app/long-conversation-bench';
import { runStreamingAppBench } from './app/streaming-app-bench';
import { runHistoryBench } from './history-bench';
import { runStreamingBench, type StreamingBenchReport } from './streaming/run-streaming-bench';

/**
 * `npm run bench`: every benchmark, each printing its figures, its ratio to a
 * same-run baseline and its targets, and writing `bench-results/<name>.json`.
 * Target misses are reported, not thrown: a benchmark measures, a test decides.
 * `PARLEY_BENCH_ONLY=history,streaming,app-streaming,long-conversation` runs a subset.
 */
const only = (process.env['PARLEY_BENCH_ONLY'] ?? '').split(',').filter(Boolean);
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);

const summary: Array<{ name: string; pass: boolean }> = [];

if (wanted('history')) {
  console.log('\n=== history: 10,000 conversations / 500,000 messages ===');
  summary.push({ name: 'history', pass: runHistoryBench().pass });
}

const streamingRuns = new Map<number, StreamingBenchReport>();
if (wanted('streaming')) {
  console.log(
    '\n=== streaming: 20,000-token mixed-markdown answer, incremental vs react-markdown ===',
  );
  const report = await runStreamingBench();
  streamingRuns.set(report.baseline.tokens, report);
  console.log(report.table);
  summary.push({ name: 'streaming', pass: report.verdicts.every((v) => v.pass) });
}

if (wanted('app-streaming')) {
  console.log('\n=== app-streaming: the same kind of answer streamed through the real app ===');
  const report = await runStreamingAppBench({
    // The ratio is against the harness baseline for an answer of the length the app got
    // (it caps answers at max_tokens), measured now unless this run already has it.
    baseline: async (tokens) => {
      let harness = streamingRuns.get(tokens);
      if (!harness) {
        console.log(`(harness baseline for ${tokens} tokens, for the ratio)`);
        harness = await runStreamingBench({ tokens, output: null });
        streamingRuns.set(tokens, harness);
      }
      return harness.baseline.busyMs;
    },
  });
  console.log(report.table);
  summary.push({ name: 'app-streaming', pass: report.pass });
}

if (wanted('long-conversation')) {
  console.log('\n=== long-conversation: 2,000 messages opened and scrolled in the real app ===');
  const report = await runLongConversationBench();
  console.log(report.table);
  summary.push({ name: 'long-conversation', pass: report.pass });
}

console.log('\n=== summary ===');
for (const { name, pass } of summary)
  console.log(`${name.padEnd(18)} ${pass ? 'all targets met' : 'TARGET MISSED'}`);
