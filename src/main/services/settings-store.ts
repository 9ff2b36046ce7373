import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Settings } from '../../shared/ipc';

const settingsSchema = z
  .object({ defaultModel: z.string().nullable().catch(null) })
  .catch({ defaultModel: null });

/**
 * Small preferences (the pinned model) in `settings.json`. Never the key:
 * secrets go to the keychain. Written via rename so a crash cannot leave a
 * half-written file.
 */
export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsStore(dataDir: string): SettingsStore {
  const file = join(dataDir, 'settings.json');
  let current: Settings = { defaultModel: null };
  try {
    current = settingsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // Missing or unreadable: start from defaults; the next update rewrites it.
  }
  return {
    get: () => ({ ...current }),
    update(patch) {
      current = { ...current, ...patch };
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(current, null, 2));
      renameSync(tmp, file);
      return { ...current };
    },
  };
}
