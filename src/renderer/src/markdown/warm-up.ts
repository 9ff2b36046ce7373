import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { highlightCode } from './highlight';
import { MarkdownBlocks } from './markdown-blocks';

/**
 * The first answer of a session would otherwise pay, inside its first
 * frames, for the engine compiling the parser, the renderer and React's
 * paths for markdown on first use, and for highlight.js compiling each
 * grammar on first use. Measured in the streaming benchmark (paced run),
 * React and the parser took about twice as long in the first half second of
 * an answer as in a later one, and up to 40 % of its frames were late: a
 * visible hitch just as text starts to appear. Doing that work in idle time
 * once the chat view is mounted moves it out of the stream.
 *
 * The sample answer is streamed through the very component an answer uses,
 * in small steps, into a root that is not attached to the document. Once
 * settled, it is laid out once in the page, hidden, and then unmounted: by
 * the `layOut` the caller passes (the chat view lays out what a first
 * message shows, in its own boxes: first-answer-layout.tsx), else as a bare
 * `.markdown` block (layOutHidden). Each step runs only while the browser
 * reports idle time; all but the first (which creates the root, cold) and
 * the layout take a millisecond or two.
 */
const CODE = {
  typescript:
    'export function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}',
  python: 'def total(items):\n    """Sum the items."""\n    return sum(items) * 2',
  bash: 'for i in $(seq 1 3); do\n  echo "pass $i"\ndone',
  json: '{\n  "ok": true,\n  "tags": ["a", "b"]\n}',
} as const;
const LANGUAGES = ['typescript', 'javascript', 'python', 'bash', 'json', 'shell', 'css', 'xml'];

export const WARM_UP_SAMPLE = [
  '# Warm-up',
  'Some **bold**, *em*, `code`, ~~old~~, a [link](https://example.com) and https://example.org.',
  '## Lists\n\n- [x] done\n- [ ] open\n- plain item with `code`\n\n1. first\n2. second',
  '> A quote with *emphasis*\n> over two lines.',
  '| Step | Note | Cost |\n| --- | --- | ---: |\n| 1 | first | 10 |\n| 2 | second | 20 |',
  ...Object.entries(CODE).map(([language, code]) => `\`\`\`${language}\n${code}\n\`\`\``),
  'A closing paragraph, long enough to wrap over more than one line of the message column.',
].join('\n\n');
/** Characters added per step: about what one frame of a fast stream adds. */
const STEP_CHARS = 80;

/**
 * Lays `sample` out in the page, hidden, now; returns what removes it again.
 * The warm-up's last step but one calls it, and its last step the teardown.
 */
export type WarmUpLayOut = (sample: string) => () => void;

let scheduled = false;
/**
 * The layout step asked for, read when that step runs: the first caller
 * schedules the warm-up (an answer's markdown mounts, and runs its effects,
 * before the chat view around it), a later one may still say how to lay out.
 */
let layOutStep: WarmUpLayOut | null = null;

export function warmUpWhenIdle(layOut?: WarmUpLayOut): void {
  if (layOut) layOutStep = layOut;
  if (scheduled || typeof requestIdleCallback !== 'function') return;
  scheduled = true;
  const steps: (() => void)[] = [
    ...LANGUAGES.map((language) => () => highlightCode(language, CODE.typescript)),
    ...streamSample(),
  ];
  const run = (deadline: IdleDeadline): void => {
    while (steps.length > 0 && deadline.timeRemaining() > 4) steps.shift()?.();
    if (steps.length > 0) requestIdleCallback(run);
  };
  requestIdleCallback(run);
}

/**
 * The steps that stream WARM_UP_SAMPLE through MarkdownBlocks in a detached
 * root, settle it, lay it out once in the page (hidden), then unmount it.
 */
function streamSample(): (() => void)[] {
  const container = document.createElement('div');
  container.className = 'markdown';
  let root: ReturnType<typeof createRoot> | null = null;
  const show = (text: string, streaming: boolean) => (): void => {
    root ??= createRoot(container);
    const target = root;
    flushSync(() => target.render(createElement(MarkdownBlocks, { text, streaming })));
  };
  const steps: (() => void)[] = [];
  for (let end = STEP_CHARS; end < WARM_UP_SAMPLE.length; end += STEP_CHARS)
    steps.push(show(WARM_UP_SAMPLE.slice(0, end), true));
  let removeLaidOut: (() => void) | null = null;
  steps.push(
    show(WARM_UP_SAMPLE, true),
    show(WARM_UP_SAMPLE, false),
    () => {
      if (layOutStep) removeLaidOut = layOutStep(WARM_UP_SAMPLE);
      else {
        const host = layOutHidden(container);
        removeLaidOut = () => host.remove();
      }
    },
    () => {
      root?.unmount();
      removeLaidOut?.();
    },
  );
  return steps;
}

/**
 * Lays the settled sample out once inside the document, where nobody can see
 * or reach it (hidden, out of the accessibility tree, inert), when the caller
 * gave no layout of its own (the streaming harness). Without this
 * the first answer's first frame paid for what layout does the first time:
 * finding and loading the faces it uses (monospace, bold, italic), shaping
 * their first words, the first table and code block. In the streaming
 * benchmark's fast run the first delta was the slowest of the run in 4 of 6
 * runs, though it carries a fraction of a later delta's text.
 */
function layOutHidden(content: HTMLElement): HTMLElement {
  const host = hiddenHost();
  host.append(content);
  document.body.append(host);
  // Reading a size lays it out now, in this idle period, not in the next frame.
  void host.offsetHeight;
  return host;
}

/**
 * A box in the page that is laid out but that nobody can see or reach:
 * hidden, out of the accessibility tree, inert, under everything. Marked
 * `data-warm-up` so that tests can find what the warm-up laid out.
 */
export function hiddenHost(): HTMLElement {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.setAttribute('inert', '');
  host.dataset['warmUp'] = '';
  host.style.cssText =
    'position:fixed;left:0;top:0;width:720px;visibility:hidden;pointer-events:none;contain:layout paint;z-index:-1';
  return host;
}
