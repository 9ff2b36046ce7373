import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../src/main/services/history/migrations';
import { startupFailure } from '../../../src/main/services/startup-failure';
import { mock, start, useSessionHarness } from './session-harness';

/**
 * A history Parley must not touch (written by a newer Parley, or not a file
 * it can open): starting fails, and what the person is told says why and
 * what to do, with the files left as they were.
 */

useSessionHarness();

const freshDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'parley-startup-'));

async function failureOf(dataDir: string) {
  const error: unknown = await start(mock.url, dataDir).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).not.toBeNull();
  return startupFailure(error, dataDir);
}

describe('a history Parley cannot open', () => {
  it('written by a newer Parley: says to install that version, and changes nothing', async () => {
    const dataDir = freshDir();
    const file = path.join(dataDir, 'history.sqlite3');
    const db = new Database(file);
    db.exec('CREATE TABLE conversations (id TEXT PRIMARY KEY)');
    db.pragma(`user_version = ${latestSchemaVersion + 3}`);
    db.close();
    const before = fs.readFileSync(file);

    const failure = await failureOf(dataDir);
    expect(failure.title).toBe('Parley could not open your history');
    expect(failure.detail).toContain('saved by a newer version of Parley');
    expect(failure.detail).toContain(dataDir);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('corrupt-'))).toEqual([]);
  });

  it('that cannot be opened as a file: names the reason and what to check', async () => {
    const dataDir = freshDir();
    fs.mkdirSync(path.join(dataDir, 'history.sqlite3'));
    const failure = await failureOf(dataDir);
    expect(failure.detail).toMatch(/could not be opened \(SQLITE_[A-Z_]+\)/);
    expect(failure.detail).toContain('no other program is using it');
  });
});
