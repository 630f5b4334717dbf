// Text helpers for the rule detector: sentence and clause bounds, span trimming, stopwords.
// All offsets are UTF-16 indices into the text.

// Character tests on code units, written out because they run for every character a span scans.
const isSentenceEnd = (c: number): boolean => c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026; // . ! ? …

/** Whether the code unit is matched by /\s/ (NaN, past the text's end, counts as a space, as before). */
function isSpace(c: number): boolean {
  if (Number.isNaN(c)) return true;
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Start and end of the sentence around [start, end): split at . ! ? … followed by space, and line breaks. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0) {
    const c = text.charCodeAt(s - 1);
    if (c === 0x0a) break;
    if (isSentenceEnd(c) && isSpace(text.charCodeAt(s))) break;
    s--;
  }
  let e = end;
  while (e < text.length) {
    const c = text.charCodeAt(e);
    if (c === 0x0a) break;
    if (isSentenceEnd(c)) {
      const d = text.charCodeAt(e + 1); // " ” » ’ ' or a space (or the end of the text)
      if (isSpace(d) || d === 0x22 || d === 0x201d || d === 0xbb || d === 0x2019 || d === 0x27) {
        if (c !== 0x2e) e++; // keep ? and ! with their sentence
        break;
      }
    }
    e++;
  }
  return trimSpan(text, s, Math.max(e, end));
}

/** Like `sentenceAround`, also split at ; : and dashes, so a long sentence yields its clause. */
export function clauseAround(text: string, start: number, end: number): { start: number; end: number } {
  const sent = sentenceAround(text, start, end);
  let s = start;
  while (s > sent.start) {
    const c = text[s - 1] ?? '';
    if (c === ';' || c === ':' || ((c === '—' || c === '–') && text[s - 2] === ' ')) break;
    s--;
  }
  let e = end;
  while (e < sent.end) {
    const c = text[e] ?? '';
    if (c === ';' || c === ':' || ((c === '—' || c === '–') && text[e - 1] === ' ')) break;
    e++;
  }
  return trimSpan(text, s, Math.max(e, end));
}

// Edge characters: \s and " “ ” ' ‘ ’ « » ( ) [ ] , . ; : — – -
const EDGE = new Set([...'"“”\'‘’«»()[],.;:—–-'].map((c) => c.charCodeAt(0)));
const isEdge = (c: number): boolean => (EDGE.has(c) || isSpace(c)) && !Number.isNaN(c);

/** Shrinks a span past spaces, quotes and punctuation at its edges (PTC fragments never start or end with them). */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && isEdge(text.charCodeAt(s))) s++;
  while (e > s && isEdge(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

/** End of the word that follows `end` (skipping one run of spaces), or `end` when none follows. */
export function nextWordEnd(text: string, end: number, stop: ReadonlySet<string>): number {
  const m = /^[ \t]+([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(text.slice(end, end + 60));
  if (!m?.[1]) return end;
  if (stop.has(m[1].toLowerCase())) return end;
  return end + m[0].length;
}

export const STOP_EN: ReadonlySet<string> = new Set(
  ('a an the and or but nor so yet for of in on at to from by with without about as into onto over under than then ' +
    'that this these those there here which who whom whose what when where why how is are was were be been being am ' +
    'do does did done have has had having will would shall should can could may might must not no yes it its it’s ' +
    "it's he him his she her hers they them their theirs we us our ours you your yours i me my mine one ones also " +
    'just only very more most much many some any all each every other such own same too again further once both few ' +
    'said says say told according mr mrs ms dr if because while after before during until up down out off above below ' +
    'between through against among per via like even still ever well now new people time year years').split(' '),
);

export const STOP_RU: ReadonlySet<string> = new Set(
  ('и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы по только ее её мне было вот от ' +
    'меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ' +
    'ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз ' +
    'тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее ' +
    'сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот через эти нас про ' +
    'всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им ' +
    'более всегда конечно всю между это эта также которые который которая которых году года также заявил сообщил').split(' '),
);
