import { join } from 'node:path';
import {
  isMain,
  numberOption,
  percentile,
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
 * measured in the page. As fast as the mock can send (the engine's
 * coalescing then delivers a handful of very large deltas, faster than any
 * screen can follow: the worst case for the renderer, which must put each on
 * the page without a long frame, its older blocks as plain text until idle
 * time renders them), and paced at 2,000 tokens/s (about one delta per frame,
 * the steady state).
 *
 * The fast answer arrives in only 3 to 12 deltas, so the p95 of one answer is
 * its slowest delta, and swings with whatever else the host ran in that half
 * second. So the fast answer is streamed several times, each in a fresh app,
 * and its delta-to-paint figures are taken over the deltas of all runs (each
 * run's own p95 is printed too): FAST_RUNS times, and more (up to
 * MAX_FAST_RUNS) until there are MIN_FAST_DELTAS deltas, as a p95 of fewer
 * than 20 is the slowest one alone. How many runs depends only on how many
 * deltas arrived, never on their timings. Each fast run is followed by the
 * same stream shown by floor-page.html, a page that only appends the text and
 * lays out no more of it than the view shows: the least any renderer must
 * do, so its delta-to-paint is this host's floor for the app's, measured
 * alongside so that both see the same host. The ratio is against the
 * harness baseline (react-markdown re-rendering the whole answer per
 * delta, bench/streaming) for an answer of the same length, run in the
 * same `npm run bench`.
 */

export interface StreamingAppOptions {
  tokens?: number;
  /** Tokens per second of the paced run. */
  pacedRate?: number;
  /**
   * Times the fast answer is streamed (and the floor page after each), exactly; by default
   * FAST_RUNS or more, until MIN_FAST_DELTAS deltas have arrived.
   */
  fastRuns?: number;
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

export const FAST_RUNS = 5;
/** Deltas the fast runs' figures are taken over, at least (see above): then p95 is the second slowest. */
export const MIN_FAST_DELTAS = 40;
export const MAX_FAST_RUNS = 12;

export async function runStreamingAppBench(
  options: StreamingAppOptions = {},
): Promise<StreamingAppResult> {
  const log = options.log ?? console.log;
  const tokens = options.tokens ?? 20_000;
  const bursts: StreamMeasurement[] = [];
  const floors: StreamMeasurement[] = [];
  const deltas = (): number => bursts.reduce((sum, m) => sum + m.deltaLatencies.length, 0);
  const runs = options.fastRuns ?? FAST_RUNS;
  while (
    bursts.length < runs ||
    (options.fastRuns === undefined && deltas() < MIN_FAST_DELTAS && bursts.length < MAX_FAST_RUNS)
  ) {
    bursts.push(await measureStream(tokens, null));
    floors.push(await measureStream(tokens, null, { floor: true }));
  }
  const paced = await measureStream(tokens, options.pacedRate ?? 2000);
  const arrived = fewestTokens(bursts);
  const baseline = options.baseline ? await options.baseline(arrived) : null;

  const figures: AppFigure[] = [
    ...figuresFor(`fast, ${bursts.length} runs`, bursts),
    ...floorFigures(floors, bursts),
    ...figuresFor(`paced ${paced.rate ?? 0}/s`, [paced]),
  ];
  if (baseline !== null) {
    figures.push(
      {
        name: `harness baseline (react-markdown), ${arrived} tokens, busy`,
        unit: 'ms',
        value: round(baseline),
      },
      {
        name: 'baseline / app main-thread time (fast, median run)',
        unit: 'ratio',
        value: round(baseline / Math.max(median(bursts.map((m) => m.busyMs)), 1e-9), 1),
      },
      {
        name: 'baseline / app main-thread time (paced)',
        unit: 'ratio',
        value: round(baseline / Math.max(paced.busyMs, 1e-9), 1),
      },
    );
  }
  const verdicts = [
    ...verdictsFor('fast', bursts, baseline, floors),
    ...verdictsFor('paced', [paced], baseline),
  ];
  const text = table(
    `In-app streaming: ${arrived} of ${tokens} requested tokens through the browser shell + mock API`,
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

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function growth(quarters: readonly number[]): number {
  const first = quarters[0] ?? 0;
  return first > 0 ? (quarters[3] ?? 0) / first : 0;
}

/** Delta-to-paint over the deltas of every run, and each run's own p95. */
function pooled(runs: readonly StreamMeasurement[]): {
  latencies: number[];
  runP95s: number[];
} {
  return {
    latencies: runs.flatMap((m) => m.deltaLatencies),
    runP95s: runs.map((m) => m.latency.p95),
  };
}

function fewestTokens(runs: readonly StreamMeasurement[]): number {
  return Math.min(...runs.map((m) => m.tokens));
}

/** A figure of one run: its name, its unit and how to read it. */
type RunFigure = readonly [string, AppFigure['unit'], (m: StreamMeasurement) => number];

/** Figures of one run, or of the median run of several: the main thread's counters. */
const COUNTERS: readonly RunFigure[] = [
  ['stream wall time', 'ms', (m) => m.wallMs],
  ['main-thread busy (CDP TaskDuration)', 'ms', (m) => m.busyMs],
  ['main-thread CPU (CDP ThreadTime; busy less this: waiting for a core)', 'ms', (m) => m.cpuMs],
  ['  script', 'ms', (m) => m.scriptMs],
  ['  layout', 'ms', (m) => m.layoutMs],
  ['  style', 'ms', (m) => m.styleMs],
];

/** The same, after delta-to-paint: other latencies, memory and the cost per quarter. */
const DETAILS: readonly RunFigure[] = [
  [
    'delta-to-paint p95, frame end marked by setTimeout(0) (the earlier marker)',
    'ms',
    (m) => m.afterQueuedP95,
  ],
  ['receipt-to-paint p95 (incl. vsync wait)', 'ms', (m) => m.receiptP95],
  ['last delta -> list settled (all drawn as markdown)', 'ms', (m) => m.settleMs],
  ["renderer JS heap before sending (GC'd)", 'bytes', (m) => m.heapBefore],
  ["renderer JS heap with the answer open (GC'd)", 'bytes', (m) => m.heapAfter],
  ['CPU ms / 1k tokens, 1st quarter', 'ms', (m) => m.quarters[0] ?? 0],
  ['CPU ms / 1k tokens, 4th quarter', 'ms', (m) => m.quarters[3] ?? 0],
  ['4th / 1st quarter cost (CPU)', 'ratio', (m) => growth(m.quarters)],
  ['4th / 1st quarter task time (wall clock)', 'ratio', (m) => growth(m.quartersWall)],
];

/**
 * The figures of one or more runs of the same stream: delta-to-paint and
 * counts over all of them, the rest the median run's (for one run, its own).
 */
function figuresFor(label: string, runs: readonly StreamMeasurement[]): AppFigure[] {
  const several = runs.length > 1;
  const all = several ? ' (all runs)' : '';
  const f = (name: string, unit: AppFigure['unit'], value: number): AppFigure => ({
    name: `${label}: ${name}`,
    unit,
    value: round(value),
  });
  const medianRun = ([name, unit, pick]: RunFigure): AppFigure =>
    f(`${name}${several ? ', median run' : ''}`, unit, median(runs.map(pick)));
  const sum = (pick: RunFigure[2]): number => runs.reduce((total, m) => total + pick(m), 0);
  const { latencies, runP95s } = pooled(runs);
  const longTasks = runs.flatMap((m) => m.longTasks);
  return [
    f(`tokens arrived${several ? ' (fewest of any run)' : ''}`, 'count', fewestTokens(runs)),
    f(`delta events received${all}`, 'count', latencies.length),
    ...COUNTERS.map(medianRun),
    f(`long tasks > 50 ms${all}`, 'count', longTasks.length),
    f('longest long task', 'ms', Math.max(0, ...longTasks)),
    f(`delta-to-paint p50${all}`, 'ms', percentile(latencies, 50)),
    f(`delta-to-paint p95${all}`, 'ms', percentile(latencies, 95)),
    f(`delta-to-paint max${all}`, 'ms', Math.max(0, ...latencies)),
    ...(several
      ? [
          f('delta-to-paint p95 of one run: best', 'ms', Math.min(...runP95s)),
          f('delta-to-paint p95 of one run: median', 'ms', median(runP95s)),
          f('delta-to-paint p95 of one run: worst', 'ms', Math.max(...runP95s)),
        ]
      : []),
    f(
      `deltas painted > 2 frames after receipt${all}`,
      'count',
      sum((m) => m.late),
    ),
    f(
      `deltas held past their first frame${all}`,
      'count',
      sum((m) => m.held),
    ),
    ...DETAILS.map(medianRun),
  ];
}

/**
 * The same fast streams shown by floor-page.html, a page that does nothing but
 * append each delta's text (laying out only what the view shows) and keep the
 * view at the end: what this host's Chromium, shell and mock allow at best,
 * next to the app's figures.
 */
function floorFigures(
  floors: readonly StreamMeasurement[],
  apps: readonly StreamMeasurement[],
): AppFigure[] {
  const f = (name: string, unit: AppFigure['unit'], value: number): AppFigure => ({
    name: `fast, host floor (a page that only appends the text): ${name}`,
    unit,
    value: round(value),
  });
  const floor = pooled(floors);
  return [
    f('delta events received (all runs)', 'count', floor.latencies.length),
    f('main-thread busy (CDP TaskDuration), median run', 'ms', median(floors.map((m) => m.busyMs))),
    f('delta-to-paint p50 (all runs)', 'ms', percentile(floor.latencies, 50)),
    f('delta-to-paint p95 (all runs)', 'ms', percentile(floor.latencies, 95)),
    f('delta-to-paint p95 of one run: median', 'ms', median(floor.runP95s)),
    {
      name: 'fast: app / host floor delta-to-paint p95 (all runs)',
      unit: 'ratio',
      value: round(
        percentile(pooled(apps).latencies, 95) / Math.max(percentile(floor.latencies, 95), 1e-9),
      ),
    },
  ];
}

/**
 * The targets, for one or more runs of the same stream: delta-to-paint over
 * all their deltas, no long task in any, the cost ratios of the median run.
 */
function verdictsFor(
  label: string,
  runs: readonly StreamMeasurement[],
  baseline: number | null,
  floors: readonly StreamMeasurement[] = [],
): AppVerdict[] {
  const several = runs.length > 1;
  const { latencies, runP95s } = pooled(runs);
  const requested = runs[0]?.requested ?? 0;
  const longTasks = runs.flatMap((m) => m.longTasks);
  const costs = runs.map((m) => growth(m.quarters));
  const cost = median(costs);
  const p95 = percentile(latencies, 95);
  const perRun = (values: readonly number[], digits = 2): string =>
    several ? ` (runs ${values.map((v) => round(v, digits)).join(', ')})` : '';
  const verdicts: AppVerdict[] = [
    {
      target: `${label}: the whole ${requested}-token answer arrived${several ? ' in every run' : ''}`,
      pass: runs.every((m) => m.tokens === m.requested),
      detail: `${runs.map((m) => m.tokens).join(', ')} tokens`,
    },
    {
      target: `${label}: no long task (> 50 ms)${several ? ' in any run' : ''}`,
      pass: longTasks.length === 0,
      detail: `${longTasks.length} long tasks`,
    },
    {
      target: `${label}: p95 delta-to-paint < 16 ms${several ? ` (the deltas of ${runs.length} runs)` : ''}`,
      pass: p95 < 16,
      detail:
        `p95 ${round(p95)} ms over ${latencies.length} deltas${perRun(runP95s, 1)}` +
        (several ? '' : ` (${round(runs[0]?.receiptP95 ?? 0)} ms incl. vsync wait)`) +
        (floors.length > 0
          ? `; host floor p95 ${round(percentile(pooled(floors).latencies, 95))} ms`
          : ''),
    },
    {
      target: `${label}: last-quarter cost within 1.5x of first (main-thread CPU${several ? ', median run' : ''})`,
      pass: cost > 0 && cost <= 1.5,
      detail: `${round(cost)}x${perRun(costs)}`,
    },
  ];
  if (baseline !== null) {
    const advantage = baseline / Math.max(median(runs.map((m) => m.busyMs)), 1e-9);
    verdicts.push({
      target: `${label}: >= 10x less main-thread time than baseline${several ? ' (median run)' : ''}`,
      pass: advantage >= 10,
      detail: `${round(advantage, 1)}x less`,
    });
  }
  return verdicts;
}

if (isMain(import.meta.url)) {
  const tokens = numberOption('tokens');
  const pacedRate = numberOption('rate');
  const fastRuns = numberOption('runs');
  const baselineMs = numberOption('baseline-ms');
  printRun(
    runStreamingAppBench({
      ...(tokens === undefined ? {} : { tokens }),
      ...(pacedRate === undefined ? {} : { pacedRate }),
      ...(fastRuns === undefined ? {} : { fastRuns }),
      ...(baselineMs === undefined ? {} : { baseline: async () => baselineMs }),
    }),
  );
}
