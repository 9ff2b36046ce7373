import { NewerSchemaError } from './history/migrations';

/**
 * What to tell the person when Parley cannot start because its history
 * cannot be opened. Without it the app stayed running with no window and
 * said nothing. Damage is not among these: a damaged file is moved aside and
 * Parley starts (see history-store); these are the cases where moving the
 * file would hide a healthy history, so it is left exactly as it is.
 */
export interface StartupFailure {
  title: string;
  detail: string;
}

const codeOf = (error: unknown): string =>
  typeof (error as { code?: unknown } | null)?.code === 'string'
    ? (error as { code: string }).code
    : '';

export function startupFailure(error: unknown, dataDir: string): StartupFailure {
  const title = 'Parley could not open your history';
  if (error instanceof NewerSchemaError) {
    return {
      title,
      detail: `Your history in ${dataDir} was saved by a newer version of Parley. Install that version (or a later one) to open it. Nothing was changed.`,
    };
  }
  const code = codeOf(error);
  if (
    /^(SQLITE_(BUSY|LOCKED|CANTOPEN|READONLY|PERM|AUTH|IOERR)|E(ACCES|PERM|BUSY|ROFS|ISDIR|NOSPC))/.test(
      code,
    )
  ) {
    return {
      title,
      detail: `The history in ${dataDir} could not be opened (${code}). Check that the folder can be read and written and that no other program is using it, then open Parley again. Nothing was changed.`,
    };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return {
    title: 'Parley could not start',
    detail: `${reason}. Your history in ${dataDir} was left as it is; open Parley again, and if this repeats, keep a copy of that folder.`,
  };
}
