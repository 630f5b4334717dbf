// Word lists and a small tokenizer for the few hundred characters around a quotation, where
// speakers are named. Lists hold lower-case forms with ё written as е.

/** A word or a punctuation character of an attribution window, with offsets into the window. */
export interface WindowToken {
  text: string;
  /** Lower case, ё→е: the form the lists below hold. */
  key: string;
  start: number;
  end: number;
  word: boolean;
}

// A hand-written scanner: Unicode property regexes cost ten times more per character here, and
// this runs around every quotation of every item.
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const WORD_START = /[\p{L}\p{N}]/u;
const SPACE_CHAR = /\s/u;
const UPPER_INITIAL = /^\p{Lu}$/u;

function isWordCode(c: number, ch: string): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  if (c >= 0x400 && c <= 0x52f) return true;
  return WORD_CHAR.test(ch);
}

function isWordStart(c: number, ch: string): boolean {
  if (c < 0x80) return isWordCode(c, ch);
  if (c >= 0x400 && c <= 0x482) return true;
  return WORD_START.test(ch);
}

function isSpaceCode(c: number, ch: string): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return SPACE_CHAR.test(ch);
}

// Joiners inside one word: O'Brien, Jean-Pierre, U.S.
const JOINERS = "'’.-‐";

// Abbreviations that keep their full stop inside a name ("Gen. Smith", "J. K. Rowling").
const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'sen', 'rep', 'gov', 'col', 'lt', 'sgt', 'st', 'jr', 'sr', 'capt', 'maj', 'adm', 'rev']);

/** Lower case with ё as е. */
export function keyOf(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
}

/** Words and punctuation of a short window; initials and title abbreviations keep their dot. */
export function tokenizeWindow(text: string, maxTokens = Infinity): WindowToken[] {
  const out: WindowToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && out.length < maxTokens) {
    const ch = text[i] ?? ' ';
    const c = ch.charCodeAt(0);
    if (isSpaceCode(c, ch)) {
      i++;
      continue;
    }
    if (!isWordStart(c, ch)) {
      const prev = out[out.length - 1];
      if (ch === '.' && prev?.word && prev.end === i && (UPPER_INITIAL.test(prev.text) || TITLE_ABBREVIATIONS.has(prev.key))) {
        prev.text += '.';
        prev.end += 1;
      } else {
        out.push({ text: ch, key: ch, start: i, end: i + 1, word: false });
      }
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < n && isWordCode(text.charCodeAt(j), text[j] ?? ' ')) j++;
      const next = text[j + 1];
      if (j + 1 < n && JOINERS.includes(text[j] ?? ' ') && next !== undefined && isWordStart(next.charCodeAt(0), next)) {
        j += 2;
        continue;
      }
      break;
    }
    const word = text.slice(i, j);
    out.push({ text: word, key: keyOf(word), start: i, end: j, word: true });
    i = j;
  }
  return out;
}

function set(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

// Noun-like present forms (notes, claims, comments, states, posts) are left out: they start
// phrases such as "In the comments:" far more often than they report speech.
export const SPEECH_VERBS = set(`
  said says say told tells added adds stated declared declares explained explains wrote writes
  asked asks insisted insists claimed warned warns argued argues replied remarked tweeted
  announced announces admitted admits acknowledged acknowledges stressed stresses emphasized
  emphasised emphasizes emphasises commented recalled recalls concluded suggested confirmed
  concludes complained urged continued responded shouted conceded countered observed predicted promised
  сказал сказала сказали заявил заявила заявили отметил отметила отметили добавил добавила
  добавили подчеркнул подчеркнула подчеркнули пояснил пояснила пояснили сообщил сообщила сообщили
  написал написала написали уточнил уточнила уточнили рассказал рассказала рассказали признал
  признала признали признался призналась заметил заметила заметили ответил ответила ответили
  указал указала указали констатировал констатировала предупредил предупредила предупредили
  напомнил напомнила напомнили заключил заключила резюмировал резюмировала объяснил объяснила
  объяснили спросил спросила спросили воскликнул воскликнула произнес произнесла продолжил
  продолжила возразил возразила пообещал пообещала пообещали заверил заверила заверили призвал
  призвала призвали считает считают говорит говорят заявляет заявляют отмечает отмечают
  подчеркивает подчеркивают пишет пишут сообщает сообщают добавляет добавляют поясняет
  объясняет уверен уверена уверены убежден убеждена говорится крикнул крикнула закричал закричала
  прошептал прошептала говорил говорила говорили заявлял заявляла заявляли отмечал отмечала
  отмечали подчеркивал подчеркивала писал писала писали сообщал сообщала рассказывал рассказывала
  объяснял объясняла пояснял поясняла утверждал утверждала утверждали утверждает утверждают
  признавал признавала добавлял добавляла считал считала
  сказав заявив зазначив зазначила зазначили додав додала наголосив наголосила наголосили
  повідомив повідомила повідомили написав пояснив підкреслив підкреслила розповів розповіла
  відповів відповіла каже кажуть заявляє зазначає пише вважає
`);

/** Verbs with no speaker of their own: «…», — говорится в заявлении. */
export const IMPERSONAL_VERBS = set('говорится йдеться');

/** "according to X", "по словам X", "за словами X": the words that introduce a speaker. */
export const ACCORDING_TO: ReadonlyArray<readonly [string, string]> = [
  ['according', 'to'],
  ['по', 'словам'],
  ['за', 'словами'],
];

/** "as X said", "как отметил X", "як зазначив X". */
export const AS_WORDS = set('as как як');

export const PRONOUNS = set('he she they i we it you он она они оно я мы вы він вона вони воно ми ви');

export const DETERMINERS = set('the a an his her their its our my another');

// Words between a subject and its verb: "he later said", "он также отметил".
export const ADVERBS = set(`
  also later then once again further reportedly recently previously earlier has had have would will
  simply quickly repeatedly separately
  также позже затем еще уже тогда ранее неоднократно прямо потом вновь снова сам сама сами
  також пізніше потім раніше вже знову
`);

// Words that end a speaker phrase after a verb: "said the minister on Tuesday", "заявил Лавров
// журналистам в Москве".
export const SPEAKER_STOPS = set(`
  in on at to during after before from when while as who whom which that adding according with via
  told this last yesterday today tonight earlier later and but
  в во на по после перед при когда который которая которые которое что и а но также журналистам
  о об обо про к ко для с со из от за над под между через без
  репортерам корреспонденту корреспондентам изданию агентству телеканалу радиостанции газете
  ведущему собравшимся участникам
  у до під час після який яка які що і але журналістам кореспонденту виданню агентству
`);

// Addressees that may stand between a verb and its speaker: "— заявил РИА Новости глава …".
export const ADDRESSEES = set(`
  журналистам репортерам корреспонденту корреспондентам изданию агентству телеканалу радиостанции
  газете риа новости тасс интерфаксу рбк ведомостям коммерсанту журналістам кореспонденту виданню
`);

// A connective at the start of a phrase is not part of a speaker: "And the minister said:".
export const LEADING_CONNECTIVES = set(`
  and but so then later meanwhile however still yet now also on in at during after before since
  when while speaking
  и а но однако тогда затем потом позже теперь также в во на по после при когда как не ни лишь только
  сам сама сами
  і та але однак тоді потім тепер також у в на по після при коли
`);

// Name particles that stay lower case inside a name: "Ursula von der Leyen".
export const NAME_PARTICLES = set('de der den van von bin al el la le da di du dos del ibn ибн фон де ван');

// The word before a quotation that makes it a title or a term, not speech: the newspaper "…",
// партия «…», so-called "…". Russian and Ukrainian forms are matched by these stems.
export const TITLE_WORDS_EN = set(`
  newspaper newspapers magazine daily weekly film movie book novel song album show programme program
  series party movement operation project channel campaign company group organisation organization
  article report reports titled entitled called named dubbed so-called term phrase word words label
  hashtag slogan motto brand website site portal blog outlet fund foundation agency network podcast
  documentary exercise exercises festival forum law bill doctrine initiative plan
`);

export const TITLE_STEMS_CYRILLIC = [
  'газет', 'журнал', 'фильм', 'книг', 'програм', 'парти', 'движени', 'операци', 'проект', 'канал',
  'телеканал', 'кампани', 'компани', 'групп', 'организаци', 'стать', 'доклад', 'назван', 'называем',
  'слоган', 'лозунг', 'термин', 'хэштег', 'хештег', 'фонд', 'агентств', 'издани', 'передач', 'сериал',
  'песн', 'альбом', 'шоу', 'закон', 'указ', 'доктрин', 'учени', 'форум', 'фестивал', 'сайт', 'портал',
  'блог', 'паблик', 'сообществ', 'партії', 'видан', 'операці', 'назва', 'бренд', 'акци', 'мисси',
  'инициатив', 'пакт', 'договор', 'соглашени', 'формат', 'клуб', 'союз',
];
