import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { longMarkdownTokens } from '../../../test/mock-anthropic/long-markdown';
import { groupDeltas } from '../../../test/mock-anthropic/tokens';
import type { BenchMode, BenchWindow } from '../bench-result';
import { driveStream } from './drive-stream';
import { Harness } from './harness';
import './plain.css';

/**
 * Streaming benchmark page: `?mode=incremental|baseline|plain&tokens=20000&perFrame=4`.
 * Both modes get the same deterministic ~20,000-token mixed markdown answer,
 * cut into the mock API's delta pattern; the result lands on
 * `window.__benchResult` for the runner.
 */
const params = new URLSearchParams(location.search);
const modes: readonly BenchMode[] = ['incremental', 'baseline', 'plain'];
const mode: BenchMode = modes.find((m) => m === params.get('mode')) ?? 'incremental';
const tokenCount = Number(params.get('tokens') ?? '20000');
const perFrame = Number(params.get('perFrame') ?? '4');
const benchWindow = window as unknown as BenchWindow;
// Generated before the stream starts, so its cost is not measured as a long task.
const deltas = groupDeltas(longMarkdownTokens(tokenCount));

function start(setText: (text: string) => void): void {
  driveStream({
    mode,
    deltas,
    deltasPerFrame: perFrame,
    apply: (text) => {
      flushSync(() => setText(text));
      stickToBottom();
    },
  }).then(
    (result) => {
      benchWindow.__benchResult = result;
    },
    (error: unknown) => {
      benchWindow.__benchError = String(error);
    },
  );
}

/**
 * Like the chat view while an answer streams: keep the newest text in view.
 * Reading scrollHeight forces layout inside the measured script time, in both modes.
 */
function stickToBottom(): void {
  const scroller = document.scrollingElement;
  if (scroller) scroller.scrollTop = scroller.scrollHeight;
}

const SETTLE_MS = 1000;
let started = false;
const onReady = (setText: (text: string) => void): void => {
  if (started) return;
  started = true;
  // In the app the chat view is mounted well before an answer streams; give the
  // page the same quiet second (the renderer's idle-time warm-up runs in it).
  requestAnimationFrame(() => setTimeout(() => start(setText), SETTLE_MS));
};

const root = document.getElementById('root');
if (root) createRoot(root).render(<Harness mode={mode} onReady={onReady} />);
