import { appError, type AppError, type Result } from '../../../shared/app-error';
import { MAX_ARCHIVE_BYTES, tooLargeToImport } from '../../../shared/history';
import type { InvokeResponses } from '../../../shared/ipc';

type Imported = InvokeResponses['importArchive'];

export interface ImportOutcome {
  /** Summed over the files that were imported (`files` of them). */
  counts: { imported: number; skipped: number; merged: number; files: number };
  /** Each file refused, by name, with why. */
  failures: { file: string; error: AppError }[];
}

/**
 * Imports archives one after another: the files of a large export each
 * hold whole conversations, so they import in any order, and one refused
 * file does not stop the others. A file over the limit is refused before it
 * is read: reading gigabytes into the window only for main to refuse them
 * would freeze it, and say less.
 */
export async function importEach(
  files: readonly File[],
  importArchive: (content: string) => Promise<Result<Imported>>,
  maxBytes: number = MAX_ARCHIVE_BYTES,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = {
    counts: { imported: 0, skipped: 0, merged: 0, files: 0 },
    failures: [],
  };
  const refuse = (file: File, error: AppError): void => {
    outcome.failures.push({ file: file.name, error });
  };
  for (const file of files) {
    if (file.size > maxBytes) {
      refuse(file, appError('too-large', tooLargeToImport(maxBytes)));
      continue;
    }
    if (file.size === 0) {
      refuse(file, appError('invalid-input', 'That file is empty.'));
      continue;
    }
    let content: string;
    try {
      content = await file.text();
    } catch {
      refuse(file, appError('storage', `Couldn’t read ${file.name}.`));
      continue;
    }
    const result = await importArchive(content);
    if (!result.ok) {
      refuse(file, result.error);
      continue;
    }
    const { counts } = outcome;
    counts.imported += result.value.importedConversations;
    counts.skipped += result.value.skippedConversations;
    counts.merged += result.value.mergedMessages;
    counts.files += 1;
  }
  return outcome;
}
