import type { ExportedFile } from '../../../shared/history';

/**
 * Saves a file main prepared (an export) the way a web page would: a Blob
 * and a click on an `<a download>`. The renderer never touches the file
 * system; the browser (or Electron's download handling) asks where to save.
 */
export function saveFile(file: ExportedFile): void {
  const blob = new Blob([file.content], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the Blob after this function returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
