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
/** What unicode61 (with categories 'L* N* Co M*') puts in a word. */
const WORD_CHAR = '\\p{L}\\p{N}\\p{Co}\\p{M}';

const anyUnspaced = new RegExp(`[${UNSPACED}]`, 'u');
/**
 * A character of those scripts with all its marks, followed by a word
 * character. The lookahead takes no mark: with one, the match could give
 * back the last mark and split it from its character.
 */
const unitBeforeWord = new RegExp(
  `((?!\\p{M})[${UNSPACED}]\\p{M}*)(?=[\\p{L}\\p{N}\\p{Co}])`,
  'gu',
);
/** A word character followed by a character (not a mark) of those scripts. */
const wordBeforeUnit = new RegExp(`(?<=[${WORD_CHAR}])(?=(?!\\p{M})[${UNSPACED}])`, 'gu');

/** `text` with a WORD_BREAK on each side of every character of an unspaced script. */
export function searchTextOf(text: string): string {
  if (!anyUnspaced.test(text)) return text;
  return text.replace(unitBeforeWord, `$1${WORD_BREAK}`).replace(wordBeforeUnit, WORD_BREAK);
}
