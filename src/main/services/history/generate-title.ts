/**
 * A conversation title made locally from the first exchange, so naming a
 * conversation costs no request, no tokens and works offline. The question
 * usually names the topic; the answer is the fallback for "hi" and the like.
 */

export const maxGeneratedTitleChars = 50;
const fallbackTitle = 'New conversation';

/** Drops markdown and code noise so the title reads as a sentence. */
function plain(text: string): string {
  return text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_~]{1,3}([^*_~]+)[*_~]{1,3}/g, '$1')
    .replace(/\p{Cc}|\p{Cf}/gu, ' ');
}

function firstSentence(text: string): string {
  const line = plain(text)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return '';
  const sentence = line.match(/^.+?[.!?](?=\s|$)/u)?.[0] ?? line;
  return sentence
    .replace(/\s+/g, ' ')
    .replace(/[.!:;,\s]+$/u, '')
    .trim();
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  const base = space >= max * 0.5 ? cut.slice(0, space) : cut;
  return `${base.replace(/[\s.,;:!?-]+$/u, '')}…`;
}

export function generateTitle(firstUserText: string, firstAnswerText = ''): string {
  const fromQuestion = firstSentence(firstUserText);
  const words = fromQuestion.split(' ').filter(Boolean).length;
  const fromAnswer = words < 2 ? firstSentence(firstAnswerText) : '';
  const chosen = fromAnswer.length > fromQuestion.length ? fromAnswer : fromQuestion;
  if (chosen.length === 0) return fallbackTitle;
  const capitalised = chosen.charAt(0).toLocaleUpperCase() + chosen.slice(1);
  return shorten(capitalised, maxGeneratedTitleChars);
}
