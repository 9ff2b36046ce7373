import { highlightCode } from './highlight';
import { parseBlock } from './parse-block';
import { renderBlock } from './render-mdast';

/**
 * The first answer of a session would otherwise pay, inside one frame, for
 * the engine compiling the parser and renderer on first use and for
 * highlight.js compiling each grammar on first use: tens of milliseconds, a
 * visible hitch just as text starts to appear. Doing that work in idle time
 * once the chat view is mounted moves it out of the stream. Each step is
 * small and runs only while the browser reports idle time.
 */
const SAMPLE = [
  '# Warm-up',
  '',
  'Some **bold**, *em*, `code`, ~~old~~ and a [link](https://example.com).',
  '',
  '- [x] item',
  '1. item',
  '',
  '> quote',
  '',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
].join('\n');
const SAMPLE_CODE = 'function f(x) {\n  return "s" + 1; // note\n}\n';
const LANGUAGES = ['typescript', 'javascript', 'python', 'bash', 'json', 'shell', 'css', 'xml'];

let scheduled = false;

export function warmUpWhenIdle(): void {
  if (scheduled || typeof requestIdleCallback !== 'function') return;
  scheduled = true;
  const steps: (() => void)[] = [
    () => renderBlock(parseBlock(SAMPLE)),
    ...LANGUAGES.map((language) => () => highlightCode(language, SAMPLE_CODE)),
  ];
  const run = (deadline: IdleDeadline): void => {
    while (steps.length > 0 && deadline.timeRemaining() > 4) steps.shift()?.();
    if (steps.length > 0) requestIdleCallback(run);
  };
  requestIdleCallback(run);
}
