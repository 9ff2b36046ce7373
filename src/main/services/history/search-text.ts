/**
 * The text the search index holds for a message, and the form a query takes
 * to match it.
 *
 * FTS5's unicode61 tokenizer makes a word of every run of letters, so in
 * scripts written without spaces between words (Chinese, Japanese, Thai,
 * Lao, Khmer, Burmese) a whole sentence up to its punctuation was one
 * "word": 東京 was found in 「東京」 but not in 東京に行きました. Neither
 * SQLite nor better-sqlite3 lets us add a word-splitting tokenizer, and a
 * dictionary segmenter would be megabytes and still guess. So each character
 * of those scripts (with the marks written on it: a Thai vowel sign belongs
 * to its consonant) is made a word of its own, by a zero-width space (a
 * separator to unicode61, invisible on screen, and dropped from snippets)
 * between it and any letter beside it. A query is cut the same way and
 * searched as a phrase, so 東京 matches those two characters side by side
 * wherever they stand: a substring search, which is what people expect in
 * these scripts.
 *
 * The function is applied to every message's text when it is written, and by
 * migration 4 to what was written before; if it ever changes, a new
 * migration must re-cut the stored text with it.
 */

/** The separator put between characters of unspaced scripts. */
export const WORD_BREAK = '\u200B';

/** Scripts whose words are not separated by spaces, and the katakana-hiragana length mark. */
const UNSPACED =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}' +
  '\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u30FC';

const anyUnspaced = new RegExp(`[${UNSPACED}]`, 'u');
const unspacedChar = new RegExp(`^[${UNSPACED}]$`, 'u');
const markChar = /^\p{M}$/u;
const wordChar = /^[\p{L}\p{N}\p{Co}]$/u;

const OTHER = 0;
const WORD = 1;
const MARK = 2;
const UNSPACED_CHAR = 3;
/**
 * Each BMP character's kind, read once: the text of half a million messages
 * is walked at startup by migration 4, and a regex over Unicode properties
 * costs about 150 ns a character against a few for a table.
 */
let kinds: Uint8Array | null = null;

function kindOf(char: string): number {
  // A Thai vowel sign is of the Thai script too: it is a mark first.
  if (markChar.test(char)) return MARK;
  if (unspacedChar.test(char)) return UNSPACED_CHAR;
  return wordChar.test(char) ? WORD : OTHER;
}

function bmpKinds(): Uint8Array {
  if (kinds) return kinds;
  kinds = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code += 1) {
    // Surrogates are read in pairs, as the code point they make.
    if (code < 0xd800 || code > 0xdfff) kinds[code] = kindOf(String.fromCharCode(code));
  }
  return kinds;
}

/**
 * `text` with a WORD_BREAK between every two characters of an unspaced
 * script, and between such a character and any word it touches. A mark
 * (a Thai vowel sign) stays on the character it is written on.
 */
export function searchTextOf(text: string): string {
  if (!anyUnspaced.test(text)) return text;
  const table = bmpKinds();
  const parts: string[] = [];
  let from = 0;
  // The character before: a word character (marks too), and part of an unspaced one.
  let afterWord = false;
  let afterUnspaced = false;
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    const low = text.charCodeAt(i + 1);
    const pair = code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
    const size = pair ? 2 : 1;
    const kind = pair ? kindOf(text.slice(i, i + 2)) : (table[code] ?? OTHER);
    if (kind === MARK) {
      // Part of whatever it is written on (a break never comes before it), and of a word.
      afterWord = true;
    } else {
      const unspaced = kind === UNSPACED_CHAR;
      if (afterWord && (unspaced || (kind === WORD && afterUnspaced))) {
        parts.push(text.slice(from, i), WORD_BREAK);
        from = i;
      }
      afterWord = kind !== OTHER;
      afterUnspaced = unspaced;
    }
    i += size;
  }
  if (from === 0) return text;
  parts.push(text.slice(from));
  return parts.join('');
}
