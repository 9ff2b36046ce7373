import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createHistoryStore } from '../../../src/main/services/history/history-store';
import { deterministicAnswer } from './fixtures/deterministic-text';

/**
 * "Nothing lost", tested the hard way: a real process streams an answer into
 * a real database and is SIGKILLed at random moments. After each kill the
 * file must be sound, the question present, and the saved answer a prefix of
 * the streamed text at least as long as the last save the child reported.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'stream-writer.ts');
const repoRoot = path.resolve(here, '../../..');
const expected = deterministicAnswer(100_000);
const runs = 20;
const parallel = 4;
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface KillOutcome {
  dataDir: string;
  userId: string;
  answerId: string;
  lastFlushed: number;
  delayMs: number;
  signal: NodeJS.Signals | null;
}

function runAndKill(delayMs: number, intervalMs: number): Promise<KillOutcome> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-sigkill-'));
  dirs.push(dataDir);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fixture, dataDir, String(intervalMs)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let buffer = '';
    let stderr = '';
    let userId = '';
    let answerId = '';
    let lastFlushed = 0;
    let armed = false;
    const giveUp = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, value = ''] = line.split(' ');
        if (kind === 'user') userId = value;
        if (kind === 'answer') answerId = value;
        if (kind === 'flushed') lastFlushed = Math.max(lastFlushed, Number(value));
        if (kind === 'answer' && !armed) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(giveUp);
      if (!userId || !answerId) {
        reject(new Error(`child never started streaming: ${stderr}`));
        return;
      }
      resolve({ dataDir, userId, answerId, lastFlushed, delayMs, signal });
    });
  });
}

function verify(outcome: KillOutcome): number {
  const label = `killed after ${outcome.delayMs} ms`;
  expect(outcome.signal, label).toBe('SIGKILL');
  const file = path.join(outcome.dataDir, 'history.sqlite3');
  // Raw look first, before the store marks anything.
  const raw = new Database(file);
  try {
    expect(raw.pragma('integrity_check', { simple: true }), label).toBe('ok');
    const row = raw.prepare('SELECT status FROM messages WHERE id = ?').get(outcome.answerId) as
      { status: string } | undefined;
    expect(['pending', 'streaming'], label).toContain(row?.status);
  } finally {
    raw.close();
  }

  const store = createHistoryStore({ dataDir: outcome.dataDir, clock: { now: () => Date.now() } });
  try {
    expect(store.recovery, label).toBeNull();
    expect(store.interruptedAtOpen, label).toBe(1);
    expect(store.getMessage(outcome.userId)?.text, label).toBe('Explain the tides, at length.');
    const answer = store.getMessage(outcome.answerId);
    expect(answer?.status, label).toBe('interrupted');
    const saved = answer?.text ?? '';
    expect(expected.startsWith(saved), `${label}: saved text is not a prefix`).toBe(true);
    expect(saved.length, label).toBeGreaterThanOrEqual(outcome.lastFlushed);
    expect(store.checkIntegrity('full'), label).toEqual([]);
    return saved.length;
  } finally {
    store.close();
  }
}

describe('SIGKILL while streaming an answer', () => {
  it(`loses nothing that was reported saved (${runs} random kills)`, async () => {
    const delays = Array.from({ length: runs }, (_, i) =>
      // a few kills right at the start, the rest spread over the stream
      i < 3 ? Math.floor(Math.random() * 5) : Math.floor(Math.random() * 900),
    );
    const outcomes: KillOutcome[] = [];
    for (let i = 0; i < delays.length; i += parallel) {
      const batch = delays.slice(i, i + parallel);
      // alternate the production interval with a fast one that puts many commits in flight
      outcomes.push(
        ...(await Promise.all(batch.map((d, j) => runAndKill(d, (i + j) % 2 === 0 ? 250 : 10)))),
      );
    }
    const savedLengths = outcomes.map(verify);
    // the kills did land mid-stream, with real text saved in most runs
    expect(savedLengths.filter((n) => n > 0).length).toBeGreaterThanOrEqual(runs / 2);
    expect(Math.max(...savedLengths)).toBeLessThan(expected.length);
  }, 60_000);
});
