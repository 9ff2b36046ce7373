import type { KeySource, KeyStatus } from '../../../shared/ipc';

/**
 * The sentences about the key, in one place so onboarding, Settings and the
 * notices after saving all say the same thing the same way.
 */
export const SESSION_ONLY_NOTICE =
  'No keychain on this system: your key is kept for this session only and never written to disk.';

export const UNVERIFIED_NOTICE =
  'Couldn’t check the key now — the Anthropic API is unreachable. It’s saved; Parley will use it when you’re back online.';

export function keySourceText(source: KeySource | null): string {
  switch (source) {
    case 'keychain':
      return 'Stored in your system keychain';
    case 'session':
      return 'This session only';
    case 'environment':
      return 'From the ANTHROPIC_API_KEY environment variable';
    case null:
      return 'No key yet';
  }
}

/** "…abcd": the last four characters are all the renderer ever learns. */
export function keyHintText(status: KeyStatus): string | null {
  return status.hint ? `…${status.hint}` : null;
}

export interface KeyNotice {
  id: 'unverified' | 'session-only';
  text: string;
}

/** What to tell the person right after a key was saved, beyond "it worked". */
export function noticesAfterSave(status: KeyStatus, verified: boolean): KeyNotice[] {
  const notices: KeyNotice[] = [];
  if (!verified) notices.push({ id: 'unverified', text: UNVERIFIED_NOTICE });
  if (status.source === 'session') notices.push({ id: 'session-only', text: SESSION_ONLY_NOTICE });
  return notices;
}
