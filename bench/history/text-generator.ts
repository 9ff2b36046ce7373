/**
 * Deterministic English-like text for the history benchmark. Word frequencies
 * follow a Zipf curve over a real vocabulary plus a long synthetic tail, which
 * is what makes full-text search realistic: a few words are everywhere, most
 * are rare, and posting lists have the lengths real chat history gives them.
 */

import { mulberry32 } from '../../test/support/seeded-random';

const functionWords = `the of and to a in is that it for you with as on this be are or by
not can if your from at an but have we will which there more so one all they their what
when also use should would about into than then them these may each other how some like`.split(
  /\s+/,
);

/** Words like "the" and "of": the head of the vocabulary. */
export function isFunctionWord(word: string): boolean {
  return functionWordSet.has(word);
}

const contentWords = `function data file system user error value code time example table query
database index server request response string number list array object model problem
change process memory network performance result test class method type version option
project design interface question answer message history search session window screen
button image color layout style theme browser page link document text format output input
package module library install build deploy release update config setting account password
security token cache storage disk backup restore import export sync stream event handler
callback promise async thread worker queue task job schedule timer clock date month year
week morning evening travel city country river mountain ocean island beach forest garden
kitchen recipe bread butter cheese coffee tea sugar salt pepper onion garlic tomato potato
chicken soup salad dinner lunch breakfast dessert chocolate flour oven pan knife music song
guitar piano concert movie film story book novel chapter author poem language grammar
sentence paragraph essay letter email meeting calendar budget invoice price cost market
customer product service company team manager employee interview resume salary contract
law policy health doctor exercise sleep diet vitamin protein energy weather rain snow wind
temperature climate planet moon star galaxy physics chemistry biology math equation
theorem proof algebra geometry calculus statistics probability matrix vector graph tree
node edge path route map distance speed velocity force mass gravity light sound wave
signal circuit battery engine motor vehicle bicycle train flight airport hotel ticket
passport visa museum gallery painting sculpture history ancient empire war peace election
government economy inflation interest loan mortgage investment stock bond fund tax
refactor compile debug lint deploy container kubernetes docker linux windows terminal
shell script python javascript typescript rust golang java kotlin swift sqlite postgres
redis kafka nginx react vue angular electron webpack vite node npm git branch merge commit
rebase pull push issue ticket review feedback approval migration schema column row key
constraint transaction rollback lock deadlock latency throughput bandwidth packet socket
protocol encryption certificate signature hash password keychain permission privacy`.split(/\s+/);

const functionWordSet = new Set(functionWords);

const syllables = `ka lo mi ne ru sa ti vo be da fe gi ha jo ku la ma ni po qua re si tu ve
wa xi yo ze bra cle dri flo gra pli sto tra vre zen mor tal vin dor pex`.split(/\s+/);

/** The vocabulary in frequency order: function words, content words, then a rare tail. */
export function buildVocabulary(tailSize = 30_000): string[] {
  const random = mulberry32(1234);
  const seen = new Set<string>([...functionWords, ...contentWords]);
  const tail: string[] = [];
  while (tail.length < tailSize) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i += 1) word += syllables[Math.floor(random() * syllables.length)];
    if (!seen.has(word)) {
      seen.add(word);
      tail.push(word);
    }
  }
  return [...functionWords, ...contentWords, ...tail];
}

/** Samples word indexes with probability ~ 1 / (rank + 1)^s, by binary search on the CDF. */
export function zipfSampler(size: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i += 1) {
    total += 1 / Math.pow(i + 1, s);
    cdf[i] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface TextGenerator {
  vocabulary: string[];
  /** About `words` words of text in sentences and paragraphs. */
  text(words: number): string;
  random: () => number;
}

export function createTextGenerator(seed: number): TextGenerator {
  const vocabulary = buildVocabulary();
  const random = mulberry32(seed);
  const pick = zipfSampler(vocabulary.length, 1.05, random);
  return {
    vocabulary,
    random,
    text(words) {
      const out: string[] = [];
      let sentence = 0;
      for (let i = 0; i < words; i += 1) {
        let word = vocabulary[pick()] ?? 'word';
        if (sentence === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
        sentence += 1;
        const end = sentence > 6 && random() < 0.15;
        out.push(end ? `${word}.` : word);
        if (end) {
          sentence = 0;
          if (random() < 0.2) out.push('\n\n');
        }
      }
      return out.join(' ').replace(/ \n\n /g, '\n\n');
    },
  };
}
