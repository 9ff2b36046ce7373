import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Figures and verdicts of the in-app benchmarks, printed as a table and written as JSON. */

export interface AppFigure {
  readonly name: string;
  readonly unit: 'ms' | 'count' | 'ratio' | 'bytes' | 'fps';
  readonly value: number;
}

export interface AppVerdict {
  readonly target: string;
  readonly pass: boolean;
  readonly detail: string;
}

export const round = (value: number, digits = 2): number =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : value;

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function show(figure: AppFigure): string {
  if (figure.unit === 'bytes') return `${(figure.value / (1024 * 1024)).toFixed(1)} MiB`;
  if (figure.unit === 'ms') return `${figure.value.toFixed(2)} ms`;
  if (figure.unit === 'ratio') return `${figure.value.toFixed(2)}x`;
  if (figure.unit === 'fps') return `${figure.value.toFixed(1)} fps`;
  return String(figure.value);
}

export function table(
  title: string,
  figures: readonly AppFigure[],
  verdicts: readonly AppVerdict[],
): string {
  const width = Math.max(...figures.map((f) => f.name.length), 10);
  const lines = [title, `${'figure'.padEnd(width)}  ${'value'.padStart(14)}`];
  for (const f of figures) lines.push(`${f.name.padEnd(width)}  ${show(f).padStart(14)}`);
  if (verdicts.length > 0) lines.push('');
  for (const v of verdicts) {
    lines.push(`${v.pass ? 'PASS' : 'FAIL'}  ${v.target.padEnd(48)} ${v.detail}`);
  }
  return lines.join('\n');
}

export function writeResult(file: string, result: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ ...(result as object), createdAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

/** True when the module at `moduleUrl` was started directly (`tsx bench/app/<bench>.ts`). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(resolve(script)).href;
}

/** A `--name=N` command-line option, or undefined when not given. */
export function numberOption(name: string): number | undefined {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : undefined;
}

/** Prints a benchmark run from the command line; a missed target or an error exits 1. */
export function printRun(run: Promise<{ table: string; pass: boolean }>): void {
  run.then(
    (result) => {
      console.log(result.table);
      if (!result.pass) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
