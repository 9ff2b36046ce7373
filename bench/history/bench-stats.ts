/**
 * Small helpers for timing and reporting, kept apart from the workload so the
 * benchmark file reads as the list of things it measures.
 */

export interface Figure {
  name: string;
  unit: 'ms' | 'bytes' | 'count' | 'ratio';
  value: number;
}

export interface Target {
  name: string;
  unit: 'ms';
  limit: number;
  value: number;
  pass: boolean;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function formatValue(figure: Figure): string {
  if (figure.unit === 'bytes') return `${(figure.value / (1024 * 1024)).toFixed(1)} MiB`;
  if (figure.unit === 'ms') return `${figure.value.toFixed(2)} ms`;
  if (figure.unit === 'ratio') return `${figure.value.toFixed(1)}x`;
  return String(figure.value);
}

export function formatTable(figures: readonly Figure[], targets: readonly Target[]): string {
  const byName = new Map(targets.map((t) => [t.name, t]));
  const rows = figures.map((f) => {
    const target = byName.get(f.name);
    const verdict = target ? `${target.pass ? 'PASS' : 'FAIL'} (< ${target.limit} ms)` : '';
    return [f.name, formatValue(f), verdict];
  });
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length), 6));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ');
  return [
    line(['figure', 'value', 'target']),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
