import { createHistoryStore } from '../../src/main/services/history/history-store';
import { createTextGenerator, type TextGenerator } from '../history/text-generator';

/**
 * One long conversation written through the real history store (the same
 * calls the chat engine makes: user message, pending answer, finished
 * answer), with answers that look like Claude's: paragraphs with inline
 * markup, lists, the odd heading, table, quote and fenced code block, of
 * varied length. Deterministic, so runs compare.
 */

export interface SeededConversation {
  id: string;
  title: string;
  /** The last answer's message id: "open" is done when it is on screen. */
  lastMessageId: string;
  firstUserText: string;
  messages: number;
}

const LANGUAGES = ['ts', 'python', 'bash', 'json', 'css', 'sql'];

function sentence(gen: TextGenerator, words: number): string {
  const text = gen.text(words).replace(/\n+/g, ' ').trim();
  return text.endsWith('.') ? text : `${text}.`;
}

function decorate(gen: TextGenerator, text: string): string {
  const words = text.split(' ');
  for (let i = 2; i < words.length - 1; i += 7 + Math.floor(gen.random() * 9)) {
    const kind = gen.random();
    const word = words[i] ?? '';
    if (!/^[a-z]+$/i.test(word)) continue;
    if (kind < 0.35) words[i] = `**${word}**`;
    else if (kind < 0.6) words[i] = `\`${word}()\``;
    else if (kind < 0.75) words[i] = `*${word}*`;
    else if (kind < 0.85) words[i] = `[${word}](https://example.com/${word.toLowerCase()})`;
  }
  return words.join(' ');
}

function codeBlock(gen: TextGenerator, n: number): string {
  const lang = LANGUAGES[Math.floor(gen.random() * LANGUAGES.length)] ?? 'ts';
  const lines = 3 + Math.floor(gen.random() * 12);
  const body: string[] = [];
  for (let i = 0; i < lines; i += 1) {
    const word = gen.text(1).replace(/\W/g, '') || 'value';
    body.push(
      lang === 'python'
        ? `    ${word}_${i} = compute(${n}, ${i})  # ${word}`
        : lang === 'bash'
          ? `echo "${word} ${i}" | grep -c ${word}`
          : `  const ${word}${i} = await step(${n}, ${i}); // ${word}`,
    );
  }
  return `\`\`\`${lang}\n${body.join('\n')}\n\`\`\``;
}

/** One of Claude's answers: 1 to ~12 blocks of mixed markdown. */
export function answerMarkdown(gen: TextGenerator, n: number): string {
  const blocks: string[] = [];
  const size = Math.pow(gen.random(), 1.6);
  const count = 1 + Math.floor(size * 11);
  for (let b = 0; b < count; b += 1) {
    const roll = gen.random();
    if (b === 0 || roll < 0.45) {
      blocks.push(decorate(gen, sentence(gen, 20 + Math.floor(gen.random() * 60))));
    } else if (roll < 0.62) {
      const items = 2 + Math.floor(gen.random() * 5);
      const ordered = gen.random() < 0.4;
      blocks.push(
        Array.from(
          { length: items },
          (_, i) => `${ordered ? `${i + 1}.` : '-'} ${decorate(gen, sentence(gen, 6 + i * 2))}`,
        ).join('\n'),
      );
    } else if (roll < 0.75) {
      blocks.push(codeBlock(gen, n));
    } else if (roll < 0.83) {
      blocks.push(`### ${sentence(gen, 4).replace(/\.$/, '')}`);
    } else if (roll < 0.91) {
      const rows = 2 + Math.floor(gen.random() * 4);
      const row = (): string =>
        `| ${gen.text(1)} | ${gen.text(2)} | ${Math.floor(gen.random() * 1000)} |`;
      blocks.push(
        [
          '| name | detail | value |',
          '| --- | --- | ---: |',
          ...Array.from({ length: rows }, row),
        ].join('\n'),
      );
    } else {
      blocks.push(`> ${decorate(gen, sentence(gen, 15 + Math.floor(gen.random() * 20)))}`);
    }
  }
  return blocks.join('\n\n');
}

export function seedLongConversation(options: {
  dataDir: string;
  turns: number;
  seed?: number;
}): SeededConversation {
  const gen = createTextGenerator(options.seed ?? 20250611);
  let now = Date.UTC(2025, 5, 1);
  const store = createHistoryStore({ dataDir: options.dataDir, clock: { now: () => now } });
  try {
    const title = 'A very long conversation';
    const model = 'claude-sonnet-4-5';
    const conversation = store.createConversation({ title, model });
    let lastMessageId = '';
    let firstUserText = '';
    for (let n = 0; n < options.turns; n += 1) {
      now += 30_000 + Math.floor(gen.random() * 90_000);
      const question = sentence(gen, 5 + Math.floor(Math.pow(gen.random(), 2) * 40));
      const lines = gen.random() < 0.15 ? `${question}\n\n${sentence(gen, 12)}` : question;
      const userText = `(${n + 1}) ${lines}`;
      if (n === 0) firstUserText = userText;
      const user = store.addUserMessage(conversation.id, userText);
      const answer = store.startAssistantMessage(user.id, model);
      now += 2_000 + Math.floor(gen.random() * 20_000);
      store.finishAssistantMessage(answer.id, {
        status: 'complete',
        text: answerMarkdown(gen, n),
        stopReason: 'end_turn',
        usage: null,
      });
      lastMessageId = answer.id;
    }
    return {
      id: conversation.id,
      title,
      lastMessageId,
      firstUserText,
      messages: options.turns * 2,
    };
  } finally {
    store.close();
  }
}
