import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Anything shaped like an Anthropic key, wherever it hides in a log line. */
const KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]+/g;

/**
 * Line-per-event JSON log. Redaction happens here, at the one place that
 * writes, with the live key passed in as a getter, so no call site can leak
 * it by forgetting.
 */
export function createLogger(options: {
  file: string | null;
  secrets: () => Array<string | null>;
  echo?: boolean;
}): Logger {
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  const redact = (line: string): string => {
    let out = line.replace(KEY_PATTERN, '[redacted-key]');
    for (const secret of options.secrets()) {
      if (secret && secret.length >= 8) out = out.split(secret).join('[redacted-key]');
    }
    return out;
  };
  const write = (level: string, message: string, fields?: Record<string, unknown>): void => {
    const line = redact(JSON.stringify({ t: new Date().toISOString(), level, message, ...fields }));
    if (options.file) appendFileSync(options.file, line + '\n');
    if (options.echo) console.log(line);
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
