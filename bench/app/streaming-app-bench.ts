import { join } from 'node:path';
import {
  isMain,
  numberOption,
  printRun,
  round,
  table,
  writeResult,
  type AppFigure,
  type AppVerdict,
} from './app-report';
import { repoRoot } from './app-session';
import { measureStream, type StreamMeasurement } from './stream-measure';

/**
 * Streaming in the real app: `::mock long tokens=20000` (a mixed-markdown
 * answer) through the SDK, the chat engine, the bridge and the renderer,
 * measured in the page. Two runs: as fast as the mock can send (the
 * engine's coalescing then delivers a few dozen very large deltas, faster
 * than any screen can follow: the worst case for the renderer, which must
 * put each on the page without a long frame, its older blocks as plain
 * text until idle time renders them) and paced at 2,000 tokens/s
 * (about one delta per frame, the steady state). The fast run is repeated
 * with floor-page.html in place of the app, a page that only appends the
 * text and lays out no more of it than the view shows: the least any
 * renderer must do, so its delta-to-paint is this host's floor for the
 * app's. The ratio is against the
 * harness baseline (react-markdown re-rendering the whole answer per
 * delta, bench/streaming) for an answer of the same length, run in the
 * same `npm run bench`.
 */

export interface StreamingAppOptions {
  tokens?: number;
  /** Tokens per second of the paced run. */
  pacedRate?: number;
  /** Main-thread ms of the harness baseline for an answer of `tokens` tokens, for the ratio. */
  baseline?: ((tokens: number) => Promise<number | null>) | null;
  output?: string | null;
  log?: (line: string) => void;
}

export interface StreamingAppResult {
  name: 'streaming-app';
  figures: AppFigure[];
  verdicts: AppVerdict[];
  pass: boolean;
  table: string;
}

export async function runStreamingAppBench(
  options: StreamingAppOptions = {},
): Promise<StreamingAppResult> {
  const log = options.log ?? console.log;
  const tokens = options.tokens ?? 20_000;
  const burst = await measureStream(tokens, null);
  const floor = await measureStream(tokens, null, { floor: true });
  const paced = await measureStream(tokens, options.pacedRate ?? 2000);
  const baseline = options.baseline ? await options.baseline(burst.tokens) : null;

  const figures: AppFigure[] = [
    ...figuresFor('fast', burst),
    ...floorFigures(floor, burst),
    ...figuresFor(`paced ${paced.rate ?? 0}/s`, paced),
  ];
  if (baseline !== null) {
    figures.push(
      {
        name: `harness baseline (react-markdown), ${burst.tokens} tokens, busy`,
        unit: 'ms',
        value: round(baseline),
      },
      {
        name: 'baseline / app main-thread time (fast)',
        unit: 'ratio',
        value: round(baseline / Math.max(burst.busyMs, 1e-9), 1),
      },
      {
        name: 'baseline / app main-thread time (paced)',
        unit: 'ratio',
        value: round(baseline / Math.max(paced.busyMs, 1e-9), 1),
      },
    );
  }
  const verdicts = [
    ...verdictsFor('fast', burst, baseline, floor),
    ...verdictsFor('paced', paced, baseline),
  ];
  const text = table(
    `In-app streaming: ${burst.tokens} of ${tokens} requested tokens through the browser shell + mock API`,
    figures,
    verdicts,
  );
  const pass = verdicts.every((v) => v.pass);
  const output =
    options.output === undefined
      ? join(repoRoot, 'bench-results/streaming-app.json')
      : options.output;
  if (output !== null) {
    writeResult(output, { name: 'streaming-app', figures, verdicts, pass });
    log(`wrote ${output}`);
  }
  return { name: 'streaming-app', figures, verdicts, pass, table: text };
}

function growth(quarters: readonly number[]): number {
  const first = quarters[0] ?? 0;
  return first > 0 ? (quarters[3] ?? 0) / first : 0;
}

function figuresFor(label: string, m: StreamMeasurement): AppFigure[] {
  const f = (name: string, unit: AppFigure['unit'], value: number): AppFigure => ({
    name: `${label}: ${name}`,
    unit,
    value: round(value),
  });
  return [
    f('tokens arrived', 'count', m.tokens),
    f('delta events received', 'count', m.deltas),
    f('stream wall time', 'ms', m.wallMs),
    f('main-thread busy (CDP TaskDuration)', 'ms', m.busyMs),
    f('main-thread CPU (CDP ThreadTime; busy less this: waiting for a core)', 'ms', m.cpuMs),
    f('  script', 'ms', m.scriptMs),
    f('  layout', 'ms', m.layoutMs),
    f('  style', 'ms', m.styleMs),
    f('long tasks > 50 ms', 'count', m.longTasks.length),
    f('longest long task', 'ms', Math.max(0, ...m.longTasks)),
    f('delta-to-paint p50', 'ms', m.latency.p50),
    f('delta-to-paint p95', 'ms', m.latency.p95),
    f('delta-to-paint max', 'ms', m.latency.max),
    f(
      'delta-to-paint p95, frame end marked by setTimeout(0) (the earlier marker)',
      'ms',
      m.afterQueuedP95,
    ),
    f('receipt-to-paint p95 (incl. vsync wait)', 'ms', m.receiptP95),
    f('deltas painted > 2 frames after receipt', 'count', m.late),
    f('deltas held past their first frame', 'count', m.held),
    f('last delta -> list settled (all drawn as markdown)', 'ms', m.settleMs),
    f("renderer JS heap before sending (GC'd)", 'bytes', m.heapBefore),
    f("renderer JS heap with the answer open (GC'd)", 'bytes', m.heapAfter),
    f('CPU ms / 1k tokens, 1st quarter', 'ms', m.quarters[0] ?? 0),
    f('CPU ms / 1k tokens, 4th quarter', 'ms', m.quarters[3] ?? 0),
    f('4th / 1st quarter cost (CPU)', 'ratio', growth(m.quarters)),
    f('4th / 1st quarter task time (wall clock)', 'ratio', growth(m.quartersWall)),
  ];
}

/**
 * The same fast stream shown by floor-page.html, a page that does nothing but
 * append each delta's text (laying out only what the view shows) and keep the
 * view at the end: what this host's Chromium, shell and mock allow at best,
 * next to the app's figures.
 */
function floorFigures(floor: StreamMeasurement, app: StreamMeasurement): AppFigure[] {
  const f = (name: string, unit: AppFigure['unit'], value: number): AppFigure => ({
    name: `fast, host floor (a page that only appends the text): ${name}`,
    unit,
    value: round(value),
  });
  return [
    f('delta events received', 'count', floor.deltas),
    f('main-thread busy (CDP TaskDuration)', 'ms', floor.busyMs),
    f('delta-to-paint p50', 'ms', floor.latency.p50),
    f('delta-to-paint p95', 'ms', floor.latency.p95),
    {
      name: 'fast: app / host floor delta-to-paint p95',
      unit: 'ratio',
      value: round(app.latency.p95 / Math.max(floor.latency.p95, 1e-9)),
    },
  ];
}

function verdictsFor(
  label: string,
  m: StreamMeasurement,
  baseline: number | null,
  floor: StreamMeasurement | null = null,
): AppVerdict[] {
  const cost = growth(m.quarters);
  const verdicts: AppVerdict[] = [
    {
      target: `${label}: the whole ${m.requested}-token answer arrived`,
      pass: m.tokens === m.requested,
      detail: `${m.tokens} tokens`,
    },
    {
      target: `${label}: no long task (> 50 ms)`,
      pass: m.longTasks.length === 0,
      detail: `${m.longTasks.length} long tasks`,
    },
    {
      target: `${label}: p95 delta-to-paint < 16 ms`,
      pass: m.latency.p95 < 16,
      detail:
        `p95 ${round(m.latency.p95)} ms (${round(m.receiptP95)} ms incl. vsync wait)` +
        (floor ? `; host floor p95 ${round(floor.latency.p95)} ms` : ''),
    },
    {
      target: `${label}: last-quarter cost within 1.5x of first (main-thread CPU)`,
      pass: cost > 0 && cost <= 1.5,
      detail: `${round(cost)}x (task time ${round(growth(m.quartersWall))}x)`,
    },
  ];
  if (baseline !== null) {
    const advantage = baseline / Math.max(m.busyMs, 1e-9);
    verdicts.push({
      target: `${label}: >= 10x less main-thread time than baseline`,
      pass: advantage >= 10,
      detail: `${round(advantage, 1)}x less`,
    });
  }
  return verdicts;
}

if (isMain(import.meta.url)) {
  const tokens = numberOption('tokens');
  const pacedRate = numberOption('rate');
  const baselineMs = numberOption('baseline-ms');
  printRun(
    runStreamingAppBench({
      ...(tokens === undefined ? {} : { tokens }),
      ...(pacedRate === undefined ? {} : { pacedRate }),
      ...(baselineMs === undefined ? {} : { baseline: async () => baselineMs }),
    }),
  );
}
