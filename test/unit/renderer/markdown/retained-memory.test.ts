import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { appendText, chunksToText } from '../../../../src/renderer/src/chat/text-chunks';
import { BlockSplitter } from '../../../../src/renderer/src/markdown/block-splitter';
import { longMarkdownTokens } from '../../../mock-anthropic/long-markdown';

/** A full garbage collection (the flag is set at run time, so the test needs no node option). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe('memory kept by a streamed answer', () => {
  it('grows with the answer, not with the answer times the number of updates', () => {
    // The `::mock long` answer as the renderer gets it at about 2,000 tokens/s: the text so
    // far joined anew for each of 625 frames and fed to the splitter.
    const tokens = [...longMarkdownTokens(20_000)];
    const splitter = new BlockSplitter();
    let chunks: readonly string[] = [];
    const before = heapUsed();
    for (let i = 0; i < tokens.length; i += 32) {
      chunks = appendText(chunks, tokens.slice(i, i + 32).join(''));
      splitter.update(chunksToText(chunks));
    }
    const kept = heapUsed() - before;
    const text = chunksToText(chunks);
    expect(splitter.update(text).groups.flat().length).toBeGreaterThan(100);
    // The text is one byte a character; blocks, their copies and the splitter's own state
    // stay within a few times that. Blocks cut from each frame's whole text kept 37 MB.
    expect(text.length).toBeGreaterThan(120_000);
    expect(kept).toBeLessThan(8 * text.length);
  });
});
