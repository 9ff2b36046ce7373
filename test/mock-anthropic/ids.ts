/** Identifiers shaped like the real ones (`req_011C…`, `msg_01…`), random per response. */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export const newRequestId = (): string => `req_011C${base62(20)}`;
export const newMessageId = (): string => `msg_01${base62(22)}`;
