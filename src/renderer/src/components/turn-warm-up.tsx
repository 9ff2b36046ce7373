import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Turn } from '../chat/conversation';
import { hiddenHost } from '../markdown';
import { TurnView } from './turn-view';

/**
 * The markdown warm-up's layout step for the chat view: one finished turn
 * (the person's message, then an answer of `sample` with its header and
 * Copy button) drawn by the very components a conversation uses, inside the
 * same column, log and turn boxes, laid out once, hidden, then removed.
 *
 * Why a whole turn in the chat's own boxes and not a bare markdown block:
 * the first time a page lays out text in a face at a size it has not used
 * yet, Chromium on Linux asks the browser process's font service for it, a
 * synchronous round trip. A bare block in <body> used other sizes than an
 * answer does (15 px text where answers have 15.5, so every heading and
 * code size was off), and none of the header, footer or the person's own
 * message. In the streaming benchmark's fast run the first answer still
 * made nine such requests inside its first frames, each waiting for a
 * browser process busy with the stream; the slowest first frame spent 8 of
 * its 22 ms blocked on one. With the turn laid out in advance it makes none
 * (e2e spec `warm-up.spec.ts` holds every face and size a streamed turn
 * shows to the ones laid out here).
 */
export function layOutSampleTurn(sample: string): () => void {
  const host = hiddenHost();
  host.className = 'message-column';
  const log = document.createElement('div');
  log.className = 'message-log';
  const box = document.createElement('div');
  box.className = 'turn';
  log.append(box);
  host.append(log);
  document.body.append(host);
  const root = createRoot(box);
  flushSync(() =>
    root.render(
      <TurnView
        turn={sampleTurn(sample)}
        canAct
        focus={null}
        modelName={() => 'Claude'}
        onRetry={ignore}
        onCancel={ignore}
        onOpenSettings={ignore}
        remembered={new Map()}
      />,
    ),
  );
  // Reading a size lays it out now, in this idle period, not in the next frame.
  void host.offsetHeight;
  // Out of the document first: unmounting inside it would change the page node by node.
  return () => {
    host.remove();
    root.unmount();
  };
}

function ignore(): void {}

function sampleTurn(sample: string): Turn {
  return {
    id: 'warm-up',
    userText: 'A question, as the person typed it.',
    answers: [
      {
        id: 'warm-up-answer',
        requestId: null,
        attempt: 1,
        model: 'claude',
        chunks: [sample],
        status: 'done',
        retry: null,
        error: null,
        stopReason: 'end_turn',
      },
    ],
  };
}
