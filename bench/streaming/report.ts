import type { StreamingBenchResult } from './bench-result';

/** One figure in bench-results/*.json, as benchmark dashboards read them. */
export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
}

export interface Verdict {
  readonly target: string;
  readonly pass: boolean;
  readonly detail: string;
}

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** The budgets from DESIGN.md and the issue, checked against both runs. */
export function verdicts(
  incremental: StreamingBenchResult,
  baseline: StreamingBenchResult,
): Verdict[] {
  const growth = lastOverFirst(incremental);
  const advantage = baseline.busyMs / Math.max(incremental.busyMs, 1e-9);
  return [
    {
      target: 'no long task (> 50 ms)',
      pass: incremental.longTasks === 0,
      detail: `${incremental.longTasks} long tasks, longest frame ${round(incremental.maxFrameMs, 1)} ms`,
    },
    {
      target: 'p95 delta-to-paint < 16 ms',
      pass: incremental.latency.p95 < 16,
      detail: `p95 ${round(incremental.latency.p95)} ms`,
    },
    {
      target: 'last-quarter cost within 1.5x of first',
      pass: growth <= 1.5,
      detail: `${round(growth)}x`,
    },
    {
      target: '>= 10x less main-thread time than baseline',
      pass: advantage >= 10,
      detail: `${round(advantage, 1)}x less`,
    },
  ];
}

export function lastOverFirst(result: StreamingBenchResult): number {
  const first = result.busyPer1kTokens[0] ?? 0;
  const last = result.busyPer1kTokens[3] ?? 0;
  return first === 0 ? 0 : last / first;
}

export function figures(
  incremental: StreamingBenchResult,
  baseline: StreamingBenchResult,
  plain: StreamingBenchResult,
): Figure[] {
  const out: Figure[] = [];
  for (const r of [incremental, baseline, plain]) {
    const p = `streaming ${r.mode}`;
    out.push(
      { name: `${p} main-thread busy`, unit: 'ms', value: round(r.busyMs) },
      { name: `${p} script time`, unit: 'ms', value: round(r.scriptMs) },
      { name: `${p} long tasks`, unit: 'count', value: r.longTasks },
      { name: `${p} delta-to-paint p50`, unit: 'ms', value: round(r.latency.p50) },
      { name: `${p} delta-to-paint p95`, unit: 'ms', value: round(r.latency.p95) },
      { name: `${p} delta-to-paint max`, unit: 'ms', value: round(r.latency.max) },
      {
        name: `${p} cost per 1k tokens, first quarter`,
        unit: 'ms',
        value: round(r.busyPer1kTokens[0] ?? 0),
      },
      {
        name: `${p} cost per 1k tokens, last quarter`,
        unit: 'ms',
        value: round(r.busyPer1kTokens[3] ?? 0),
      },
      { name: `${p} last/first quarter cost`, unit: 'ratio', value: round(lastOverFirst(r)) },
    );
  }
  out.push({
    name: 'streaming main-thread time, baseline / incremental',
    unit: 'ratio',
    value: round(baseline.busyMs / Math.max(incremental.busyMs, 1e-9), 1),
  });
  return out;
}

/**
 * The comparison table; `plain` (plain text, no markdown) is shown as the
 * machine's floor: what the browser alone costs for the same growing page.
 */
export function table(
  incremental: StreamingBenchResult,
  baseline: StreamingBenchResult,
  plain: StreamingBenchResult,
): string {
  const row = (
    name: string,
    pick: (r: StreamingBenchResult) => number,
    ratio = true,
  ): [string, number, number, number, boolean] => [
    name,
    pick(incremental),
    pick(baseline),
    pick(plain),
    ratio,
  ];
  const rows = [
    row('main-thread busy (ms)', (r) => r.busyMs),
    row('script time (ms)', (r) => r.scriptMs),
    row('long tasks > 50 ms', (r) => r.longTasks, false),
    row('longest frame (ms)', (r) => r.maxFrameMs),
    row('delta-to-paint p50 (ms)', (r) => r.latency.p50),
    row('delta-to-paint p95 (ms)', (r) => r.latency.p95),
    row('ms / 1k tokens, 1st quarter', (r) => r.busyPer1kTokens[0] ?? 0),
    row('ms / 1k tokens, 4th quarter', (r) => r.busyPer1kTokens[3] ?? 0),
    row('4th / 1st quarter cost', lastOverFirst, false),
  ];
  const lines = [
    `Streaming ${incremental.tokens} tokens in ${incremental.frames} frames (${incremental.deltas} deltas)`,
    `${'figure'.padEnd(30)}${'incremental'.padStart(13)}${'baseline'.padStart(13)}${'baseline/incr.'.padStart(16)}${'plain (floor)'.padStart(15)}`,
  ];
  for (const [name, a, b, floor, ratio] of rows) {
    const times = ratio && a > 0 ? `${(b / a).toFixed(1)}x` : '';
    lines.push(
      `${name.padEnd(30)}${fmt(a).padStart(13)}${fmt(b).padStart(13)}${times.padStart(16)}${fmt(floor).padStart(15)}`,
    );
  }
  lines.push('');
  for (const v of verdicts(incremental, baseline)) {
    lines.push(`${v.pass ? 'PASS' : 'FAIL'}  ${v.target.padEnd(46)} ${v.detail}`);
  }
  return lines.join('\n');
}

function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
