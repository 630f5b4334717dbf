// Deterministic generator of a realistic scraped corpus for the ingest benchmark.
// Everything comes from one seeded PRNG, so a seed always gives byte-identical files; files are
// streamed to disk in chunks, so memory stays flat whatever the requested size.
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Rng } from '../common/rng.js';

export type Lang = 'en' | 'ru' | 'uk';
export type GenFormat = 'text' | 'text-cp1251' | 'html' | 'jsonl';

export interface GenerateOptions {
  /** Stop once at least this many bytes are written (the last file is closed properly). */
  totalBytes: number;
  seed?: number;
}

export interface GenerateResult {
  files: number;
  bytes: number;
  /** Files written per format: text, text-cp1251, html, jsonl. */
  byFormat: Record<string, number>;
  /** Bytes written per main language of a file: en, ru, uk. */
  byLanguage: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// PRNG

export { Rng };

// ---------------------------------------------------------------------------------------------
// Vocabulary and templates

type Gender = 'm' | 'f';
interface Entry {
  forms: Record<string, string>;
  gender: Gender | null;
}
type Part =
  | { kind: 'lit'; text: string }
  | { kind: 'slot'; slot: string; form: string; cap: boolean }
  | { kind: 'gen'; name: string; cap: boolean }
  | { kind: 'gender'; m: string; f: string };
type Template = Part[];
type Generator = (rng: Rng) => string;

interface Lexicon {
  lang: Lang;
  slots: Record<string, Entry[]>;
  generators: Record<string, Generator>;
  sentences: Template[];
  headlines: Template[];
  /** Short standalone lines: slogans and calls to action. */
  slogans: string[];
  openQuote: string;
  closeQuote: string;
}

/** Entries given as "form1|form2|…" in the order of `cases`. */
function entries(cases: readonly string[], lines: readonly string[]): Entry[] {
  return lines.map((line) => {
    const parts = line.split('|');
    if (parts.length !== cases.length) throw new Error(`expected ${cases.length} forms in "${line}"`);
    const forms: Record<string, string> = {};
    cases.forEach((c, i) => {
      forms[c] = parts[i] ?? '';
    });
    return { forms, gender: null };
  });
}

function capitalise(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

function titleCase(s: string): string {
  const small = new Set(['a', 'an', 'and', 'at', 'for', 'in', 'of', 'on', 'the', 'to', 'with']);
  return s
    .split(' ')
    .map((w, i) => (i > 0 && small.has(w) ? w : capitalise(w)))
    .join(' ');
}

/** Parse "{slot.form}", "{^slot}" (capitalised), "{g:he|she}" and literal text into parts. */
function compile(template: string, slots: Record<string, Entry[]>, generators: Record<string, Generator>): Template {
  const parts: Part[] = [];
  const re = /\{([^}]+)\}/g;
  let last = 0;
  for (let m = re.exec(template); m !== null; m = re.exec(template)) {
    if (m.index > last) parts.push({ kind: 'lit', text: template.slice(last, m.index) });
    last = m.index + m[0].length;
    let body = m[1] ?? '';
    if (body.startsWith('g:')) {
      const [mForm = '', fForm = ''] = body.slice(2).split('|');
      parts.push({ kind: 'gender', m: mForm, f: fForm });
      continue;
    }
    const cap = body.startsWith('^');
    if (cap) body = body.slice(1);
    const [slot = '', form = 'nom'] = body.split('.');
    if (generators[slot] !== undefined) {
      parts.push({ kind: 'gen', name: slot, cap });
      continue;
    }
    const list = slots[slot];
    if (list === undefined || list.length === 0) throw new Error(`unknown slot {${body}} in "${template}"`);
    for (const e of list) {
      if (e.forms[form] === undefined) throw new Error(`slot ${slot} has no form ${form} ("${template}")`);
    }
    parts.push({ kind: 'slot', slot, form, cap });
  }
  if (last < template.length) parts.push({ kind: 'lit', text: template.slice(last) });
  return parts;
}

function render(lex: Lexicon, t: Template, rng: Rng): string {
  // Pick every slot first, so that a verb placed before its subject ("— сказала Анна …") still agrees.
  const picks: (Entry | null)[] = [];
  let gender: Gender | null = null;
  for (const p of t) {
    if (p.kind !== 'slot') {
      picks.push(null);
      continue;
    }
    const e = rng.pick(lex.slots[p.slot] ?? []);
    if (gender === null && e.gender !== null) gender = e.gender;
    picks.push(e);
  }
  let out = '';
  t.forEach((p, i) => {
    switch (p.kind) {
      case 'lit':
        out += p.text;
        break;
      case 'slot': {
        const s = picks[i]?.forms[p.form] ?? '';
        out += p.cap ? capitalise(s) : s;
        break;
      }
      case 'gen': {
        const g = lex.generators[p.name];
        const s = g === undefined ? '' : g(rng);
        out += p.cap ? capitalise(s) : s;
        break;
      }
      case 'gender':
        out += gender === 'f' ? p.f : p.m;
        break;
    }
  });
  // A date ending in "г." or "р." at the end of a sentence must not leave a doubled full stop.
  out = out.replace(/([гр])\.\.(?!\.)/g, '$1.');
  // Euphony that slot filling breaks: Russian "о иностранном" → "об иностранном", Ukrainian "з Спілки" → "зі Спілки".
  if (lex.lang === 'ru') out = out.replace(/(^|[\s«])([Оо]) (?=[аеиоуэыАЕИОУЭЫ])/g, '$1$2б ');
  else if (lex.lang === 'uk') out = out.replace(/(^|\s)([Зз]) (?=[сзшщчцСЗШЩЧЦ][^аеєиіїоуюяь])/g, '$1$2і ');
  return out;
}

const RU_MONTHS_GEN = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const RU_MONTHS_PREP = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];
const UK_MONTHS_GEN = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const UK_MONTHS_LOC = ['січні', 'лютому', 'березні', 'квітні', 'травні', 'червні', 'липні', 'серпні', 'вересні', 'жовтні', 'листопаді', 'грудні'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function recentYear(rng: Rng): number {
  return rng.range(2014, 2023);
}
function historicYear(rng: Rng): number {
  return rng.pick([1914, 1917, 1918, 1920, 1932, 1939, 1941, 1945, 1956, 1961, 1968, 1986, 1989, 1991, 1994, 1999, 2004, 2008]);
}
function dmy(rng: Rng, pad: boolean): string {
  const d = rng.range(1, 28);
  const m = rng.range(1, 12);
  const y = rng.chance(0.8) ? recentYear(rng) : historicYear(rng);
  return pad ? `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}` : `${d}.${m}.${y}`;
}
function yearRange(rng: Rng): [number, number] {
  const a = rng.chance(0.5) ? historicYear(rng) : rng.range(1990, 2018);
  return [a, a + rng.range(1, 8)];
}

const EN_GENERATORS: Record<string, Generator> = {
  date: (r) => (r.chance(0.5) ? dmy(r, false) : `${r.range(1, 28)} ${r.pick(EN_MONTHS)} ${recentYear(r)}`),
  month: (r) => `${r.pick(EN_MONTHS)} ${recentYear(r)}`,
  year: (r) => String(r.chance(0.6) ? historicYear(r) : recentYear(r)),
  range: (r) => {
    const [a, b] = yearRange(r);
    return r.chance(0.5) ? `from ${a} to ${b}` : `between ${a} and ${b}`;
  },
  span: (r) => {
    const y = r.chance(0.5) ? historicYear(r) : recentYear(r);
    return `(${r.range(1, 28)}.${r.range(1, 6)}.${y}-${r.range(1, 28)}.${r.range(7, 12)}.${y + r.int(2)})`;
  },
  num: (r) => String(r.pick([12, 40, 84, 150, 300, 1200, 2000, 4500, 6000, 12000])),
  time: (r) => `${r.range(0, 2)}:${String(r.range(0, 59)).padStart(2, '0')}:${String(r.range(0, 59)).padStart(2, '0')}`,
};

const RU_GENERATORS: Record<string, Generator> = {
  date: (r) => {
    const y = r.chance(0.7) ? recentYear(r) : historicYear(r);
    const style = r.int(3);
    if (style === 0) return `${r.range(1, 28)} ${r.pick(RU_MONTHS_GEN)} ${y} г.`;
    if (style === 1) return `${r.range(1, 28)} ${r.pick(RU_MONTHS_GEN)} ${y} года`;
    return dmy(r, true);
  },
  month: (r) => `в ${r.pick(RU_MONTHS_PREP)} ${recentYear(r)} года`,
  year: (r) => `в ${r.chance(0.6) ? historicYear(r) : recentYear(r)} г.`,
  range: (r) => {
    const [a, b] = yearRange(r);
    return r.chance(0.5) ? `в ${a}–${b} гг.` : `с ${a} по ${b} год`;
  },
  num: (r) => String(r.pick([12, 40, 84, 150, 300, 1200, 2000, 4500, 6000, 12000])),
};

const UK_GENERATORS: Record<string, Generator> = {
  date: (r) => {
    const y = r.chance(0.7) ? recentYear(r) : historicYear(r);
    const style = r.int(3);
    if (style === 0) return `${r.range(1, 28)} ${r.pick(UK_MONTHS_GEN)} ${y} р.`;
    if (style === 1) return `${r.range(1, 28)} ${r.pick(UK_MONTHS_GEN)} ${y} року`;
    return dmy(r, true);
  },
  month: (r) => `у ${r.pick(UK_MONTHS_LOC)} ${recentYear(r)} року`,
  year: (r) => `у ${r.chance(0.6) ? historicYear(r) : recentYear(r)} році`,
  range: (r) => {
    const [a, b] = yearRange(r);
    return r.chance(0.5) ? `у ${a}–${b} рр.` : `з ${a} по ${b} рік`;
  },
  num: (r) => String(r.pick([12, 40, 84, 150, 300, 1200, 2000, 4500, 6000, 12000])),
};

// Russian personal names declined by rule; the chosen stems all follow the regular patterns.
const RU_CASES = ['nom', 'gen', 'dat', 'acc', 'ins', 'prep'] as const;
function ruGiven(name: string): string[] {
  const stem = name.slice(0, -1);
  if (name.endsWith('ий')) return [name, stem + 'я', stem + 'ю', stem + 'я', stem + 'ем', stem + 'и'];
  if (name.endsWith('й')) return [name, stem + 'я', stem + 'ю', stem + 'я', stem + 'ем', stem + 'е'];
  if (name.endsWith('ия')) return [name, stem + 'и', stem + 'и', stem + 'ю', stem + 'ей', stem + 'и'];
  if (name.endsWith('а')) {
    const gen = /[гкхжшчщ]$/.test(stem) ? stem + 'и' : stem + 'ы';
    return [name, gen, stem + 'е', stem + 'у', stem + 'ой', stem + 'е'];
  }
  return [name, name + 'а', name + 'у', name + 'а', name + 'ом', name + 'е'];
}
function ruSurname(male: string, gender: Gender): string[] {
  if (male.endsWith('ий')) {
    const stem = male.slice(0, -2);
    return gender === 'm'
      ? [male, stem + 'ого', stem + 'ому', stem + 'ого', stem + 'им', stem + 'ом']
      : [stem + 'ая', stem + 'ой', stem + 'ой', stem + 'ую', stem + 'ой', stem + 'ой'];
  }
  return gender === 'm'
    ? [male, male + 'а', male + 'у', male + 'а', male + 'ым', male + 'е']
    : [male + 'а', male + 'ой', male + 'ой', male + 'у', male + 'ой', male + 'ой'];
}

const UK_CASES = ['nom', 'gen', 'dat', 'acc', 'ins', 'loc'] as const;
function ukGiven(name: string): string[] {
  if (name.endsWith('ій')) {
    const stem = name.slice(0, -1);
    return [name, stem + 'я', stem + 'єві', stem + 'я', stem + 'єм', stem + 'єві'];
  }
  if (name.endsWith('ія')) {
    const stem = name.slice(0, -1);
    return [name, stem + 'ї', stem + 'ї', stem + 'ю', stem + 'єю', stem + 'ї'];
  }
  if (name.endsWith('а')) {
    const stem = name.slice(0, -1);
    return [name, stem + 'и', stem + 'і', stem + 'у', stem + 'ою', stem + 'і'];
  }
  return [name, name + 'а', name + 'ові', name + 'а', name + 'ом', name + 'ові'];
}
function ukSurname(male: string, gender: Gender): string[] {
  if (male.endsWith('ський') || male.endsWith('цький')) {
    const stem = male.slice(0, -2);
    return gender === 'm'
      ? [male, stem + 'ого', stem + 'ому', stem + 'ого', stem + 'им', stem + 'ому']
      : [stem + 'а', stem + 'ої', stem + 'ій', stem + 'у', stem + 'ою', stem + 'ій'];
  }
  // Women's surnames in -енко and -ук do not decline.
  if (gender === 'f') return [male, male, male, male, male, male];
  if (male.endsWith('о')) {
    const stem = male.slice(0, -1);
    return [male, stem + 'а', stem + 'ові', stem + 'а', stem + 'ом', stem + 'ові'];
  }
  return [male, male + 'а', male + 'ові', male + 'а', male + 'ом', male + 'ові'];
}

function people(
  cases: readonly string[],
  given: Record<Gender, readonly string[]>,
  surnames: readonly string[],
  declineGiven: (n: string) => string[],
  declineSurname: (s: string, g: Gender) => string[],
  count: number,
  rng: Rng,
): Entry[] {
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const gender: Gender = rng.chance(0.65) ? 'm' : 'f';
    const g = declineGiven(rng.pick(given[gender]));
    const s = declineSurname(rng.pick(surnames), gender);
    const forms: Record<string, string> = {};
    cases.forEach((c, k) => {
      forms[c] = `${g[k] ?? ''} ${s[k] ?? ''}`;
    });
    // Second mention: surname only, as news copy does.
    cases.forEach((c, k) => {
      forms[`s${c}`] = s[k] ?? '';
    });
    out.push({ forms, gender });
  }
  return out;
}

function single(lines: readonly string[]): Entry[] {
  return lines.map((l) => ({ forms: { nom: l }, gender: null }));
}

function buildEnglish(rng: Rng): Lexicon {
  const first = {
    m: ['Dale', 'Halvard', 'Jonas', 'Marek', 'Tobias', 'Conrad', 'Oren', 'Viktor', 'Graham', 'Kasper', 'Rowan', 'Bruno', 'Anders', 'Felix', 'Leopold', 'Emil'],
    f: ['Margit', 'Petra', 'Ilse', 'Ruth', 'Evelyn', 'Agnes', 'Liesl', 'Sabine', 'Nadia', 'Hedda', 'Elin', 'Annika', 'Greta', 'Maren'],
  };
  const last = ['Prewitt', 'Ellander', 'Ostrin', 'Noorlaan', 'Vilk', 'Randveer', 'Calloway', 'Halloran', 'Strand', 'Markwell', 'Lindqvist', 'Dorsey', 'Halvorsen', 'Keane', 'Varga', 'Pike', 'Whitcombe', 'Aldane', 'Brisco', 'Ferrant', 'Meyrick', 'Tallis', 'Oakhurst', 'Renvall'];
  const roles = ['Senator', 'Minister', 'Commissioner', 'MP', 'Mayor', 'Governor', 'Deputy', 'Ambassador', 'Councillor', 'party leader', 'analyst', 'Professor'];
  const persons: Entry[] = [];
  for (let i = 0; i < 60; i++) {
    const gender: Gender = rng.chance(0.6) ? 'm' : 'f';
    const name = `${rng.pick(first[gender])} ${rng.pick(last)}`;
    const role = rng.pick(roles);
    const full = /^[A-Z]/.test(role) ? `${role} ${name}` : `${name}, the ${role},`;
    persons.push({ forms: { nom: full, short: name.split(' ')[1] ?? name }, gender });
  }
  const topics = [
    'the harbour deal', 'the grain quota', 'foreign interference', 'energy prices', 'the gas transit contract', 'free speech', 'the border talks',
    'the election law', 'the pension reform', 'the new school curriculum', 'the military budget', 'the sanctions regime', 'food security',
    'the migration pact', 'the digital services act', 'the port privatisation', 'the media literacy programme', 'the tax increase',
    'the referendum', 'the heating tariffs', 'the fact-checking network', 'the emergency powers bill', 'the language law', 'the farm subsidies',
    'the vaccine contracts', 'the bank bailout', 'the wind farm project', 'the ferry subsidies', 'the climate targets', 'the housing crisis',
  ].map((t) => ({ forms: { nom: t, title: titleCase(t.replace(/^the /, '')), upper: t.replace(/^the /, '').toUpperCase() }, gender: null }));
  const orgs = single([
    'Sovereign Dialogue Council', 'Global Openness Foundation', 'Baltic Grain Consortium', 'Ministry of Trade', 'European Commission',
    'national broadcaster', 'Central Election Commission', 'Verity Check network', "People's Renewal Front", 'Civic Harbour party',
    'Northern Frontier movement', 'city council', 'Chamber of Commerce', 'Atlantic Policy Institute', 'Dockworkers Union', 'Farmers League',
  ]);
  const places = single([
    'Lindmark', 'Port Harwick', 'Eastmere', 'Kyiv', 'Moscow', 'Berlin', 'Brussels', 'Riga', 'Vilnius', 'Warsaw', 'London', 'Washington',
    'Odesa', 'Tallinn', 'Gdansk', 'Helsinki', 'St. Petersburg', 'Kaliningrad', 'Minsk', 'Paris', 'Geneva', 'Vienna',
  ]);
  const media = single([
    'the mainstream media', 'the national broadcaster', 'the so-called fact-checkers', 'the Lindmark Courier', 'the Harwick Evening Post',
    'the liberal press', 'the paid bloggers', 'the state channels', 'Western outlets', 'the big papers',
  ]);
  const claims = single([
    'a direct threat to our sovereignty', 'a lie from start to finish', 'the end of the family farm', 'a plan written in Brussels',
    'nothing less than treason', 'a provocation prepared in advance', 'a question of national survival', 'the biggest theft in our history',
    'a disgrace for the whole country', 'the only way to keep order', 'an attack on ordinary people', 'pure propaganda',
    'not negotiable', 'a betrayal of our grandparents', 'a smokescreen for the real deal', 'exactly what our enemies want',
  ]);
  const generators = EN_GENERATORS;
  const slots = { person: persons, topic: topics, org: orgs, place: places, place2: places, media, claim: claims };
  const c = (t: string): Template => compile(t, slots, generators);
  return {
    lang: 'en',
    slots,
    generators,
    openQuote: '"',
    closeQuote: '"',
    sentences: [
      '"{^claim}," {person} told reporters in {place}.',
      '{person} said on {date} that {topic} was "{claim}".',
      'According to {person}, the {org} has been hiding the truth about {topic} since {year}.',
      'Nobody in {place} believes the official story about {topic} any more.',
      'The so-called experts at the {org} have never explained who pays for {topic}.',
      'Ask yourself who gains from {topic}.',
      '{^media} told us in {year} that {topic} was "{claim}", and they were wrong then too.',
      '{^range} our grandparents paid the price, and now the {org} wants us to forget.',
      'Between {date} and {date}, officials met lobbyists of the {org} at least {num} times.',
      'In {year} {place} was promised jobs and investment; today the quays are empty.',
      '{^media} will not report this, but {num} people gathered in {place} on {date}.',
      '{person} called the report on {topic} "{claim}" and demanded an inquiry.',
      'The documents, dated {date}, show that the {org} knew about {topic} all along.',
      'Critics say {topic} was written in {place} and signed in {place2} without a single public hearing.',
      'It is not about {topic}. It is about control.',
      'Either we stand together now, or the {org} will decide everything for us.',
      '"We have nothing to hide," a spokesperson for the {org} said, declining to publish the contract.',
      'Official figures put the cost of {topic} at {num} million euros, but independent estimates are twice as high.',
      'Residents of {place} say they were never consulted about {topic}.',
      'The timeline {span} speaks for itself.',
      'In the video (see {time}) {person} admits that {topic} was decided in {month}.',
      'Not one of {media} asked {person} a single question about {topic}.',
      'Since {date}, the {org} has spent {num} million on "awareness campaigns" about {topic}.',
      'Remember what happened in {place} {range}: it started with promises just like these.',
      'The {org} calls us extremists for asking about {topic}.',
      '{person} warned that {topic} would be "{claim}" if it passed in its current form.',
      'The minutes of the meeting in {place} on {date} were never published.',
      'Why does {media} repeat every word from the {org} and ignore {place}?',
      'Supporters of {topic} describe it as "{claim}", while opponents call it a surrender.',
      'The vote on {topic} was moved forward, and the papers were sent out late on a Friday.',
    ].map(c),
    headlines: [
      '{topic.title}: What Are They Hiding?', 'THE TRUTH ABOUT {topic.upper}', 'Who Really Profits From {topic.title}?',
      '{place} Says No to {topic.title}!', 'They Lied About {topic.title} Again?', 'Why Is Nobody Talking About {topic.title}?',
      'Betrayal in {place}!', 'Wake Up, {place}!', 'Another Scandal at the {org}', '{topic.title}: The Facts They Deleted',
      'THE MEDIA LIED AGAIN?', 'We Need Unity!', 'Open Letter on {topic.title}', '{place} Deserves Answers!',
      'Is the {org} Buying Our Country?', 'Globalists Fear the Awakening!',
    ].map(c),
    slogans: ['Wake up!', 'Share this before they delete it.', "Coincidence? We don't think so.", 'Connect the dots yourself.', 'They cannot ban a people.', 'Stay strong. The people are behind you.', 'Remember who you are.', 'Switch off the television and think.'],
  };
}

function buildRussian(rng: Rng): Lexicon {
  const given = {
    m: ['Геннадий', 'Виктор', 'Олег', 'Андрей', 'Сергей', 'Аркадий', 'Борис', 'Степан', 'Роман', 'Тимофей', 'Анатолий', 'Вадим', 'Глеб', 'Николай', 'Юрий'],
    f: ['Алла', 'Ирина', 'Марина', 'Анна', 'Мария', 'Людмила', 'Евгения', 'Вера', 'Тамара', 'Наталия', 'Ольга', 'Светлана'],
  };
  const surnames = ['Волохов', 'Корнеев', 'Шабанов', 'Гордеев', 'Ракитин', 'Лаптев', 'Тихомиров', 'Ярцев', 'Веденеев', 'Кулагин', 'Остроумов', 'Прохоров', 'Ермолин', 'Савин', 'Зарецкий', 'Соболевский', 'Никольский', 'Загорский', 'Миронцев', 'Белозёров'];
  const persons = people(RU_CASES, given, surnames, ruGiven, ruSurname, 60, rng);
  const topicCases = ['nom', 'gen', 'acc', 'prep'];
  const topics = entries(topicCases, [
    'иностранное влияние|иностранного влияния|иностранное влияние|иностранном влиянии',
    'энергетический кризис|энергетического кризиса|энергетический кризис|энергетическом кризисе',
    'цены на газ|цен на газ|цены на газ|ценах на газ',
    'свобода слова|свободы слова|свободу слова|свободе слова',
    'продовольственная безопасность|продовольственной безопасности|продовольственную безопасность|продовольственной безопасности',
    'миграционный кризис|миграционного кризиса|миграционный кризис|миграционном кризисе',
    'реформа образования|реформы образования|реформу образования|реформе образования',
    'военный бюджет|военного бюджета|военный бюджет|военном бюджете',
    'санкционная политика|санкционной политики|санкционную политику|санкционной политике',
    'партнёрство по порту|партнёрства по порту|партнёрство по порту|партнёрстве по порту',
    'зерновая сделка|зерновой сделки|зерновую сделку|зерновой сделке',
    'избирательная реформа|избирательной реформы|избирательную реформу|избирательной реформе',
    'пенсионная система|пенсионной системы|пенсионную систему|пенсионной системе',
    'тарифы ЖКХ|тарифов ЖКХ|тарифы ЖКХ|тарифах ЖКХ',
    'закон об иностранных агентах|закона об иностранных агентах|закон об иностранных агентах|законе об иностранных агентах',
    'цензура в интернете|цензуры в интернете|цензуру в интернете|цензуре в интернете',
    'переговоры о границе|переговоров о границе|переговоры о границе|переговорах о границе',
    'военные учения|военных учений|военные учения|военных учениях',
    'газовый транзит|газового транзита|газовый транзит|газовом транзите',
    'региональный бюджет|регионального бюджета|региональный бюджет|региональном бюджете',
    'независимые СМИ|независимых СМИ|независимые СМИ|независимых СМИ',
    'гуманитарная помощь|гуманитарной помощи|гуманитарную помощь|гуманитарной помощи',
    'историческая память|исторической памяти|историческую память|исторической памяти',
    'национальная идентичность|национальной идентичности|национальную идентичность|национальной идентичности',
    'коррупционный скандал|коррупционного скандала|коррупционный скандал|коррупционном скандале',
    'приватизация порта|приватизации порта|приватизацию порта|приватизации порта',
    'повышение налогов|повышения налогов|повышение налогов|повышении налогов',
    'референдум|референдума|референдум|референдуме',
    'выборы губернатора|выборов губернатора|выборы губернатора|выборах губернатора',
    'фермерские квоты|фермерских квот|фермерские квоты|фермерских квотах',
  ]);
  const orgs = entries(topicCases, [
    'Совет суверенного диалога|Совета суверенного диалога|Совет суверенного диалога|Совете суверенного диалога',
    'Фронт народного обновления|Фронта народного обновления|Фронт народного обновления|Фронте народного обновления',
    'Фонд глобальной открытости|Фонда глобальной открытости|Фонд глобальной открытости|Фонде глобальной открытости',
    'Балтийский зерновой консорциум|Балтийского зернового консорциума|Балтийский зерновой консорциум|Балтийском зерновом консорциуме',
    'Министерство торговли|Министерства торговли|Министерство торговли|Министерстве торговли',
    'Еврокомиссия|Еврокомиссии|Еврокомиссию|Еврокомиссии',
    'Центризбирком|Центризбиркома|Центризбирком|Центризбиркоме',
    'Государственная дума|Государственной думы|Государственную думу|Государственной думе',
    'НАТО|НАТО|НАТО|НАТО',
    'Евросоюз|Евросоюза|Евросоюз|Евросоюзе',
    'областная администрация|областной администрации|областную администрацию|областной администрации',
    'Союз ветеранов порта|Союза ветеранов порта|Союз ветеранов порта|Союзе ветеранов порта',
    'партия «Гражданская гавань»|партии «Гражданская гавань»|партию «Гражданская гавань»|партии «Гражданская гавань»',
    'движение «Северный рубеж»|движения «Северный рубеж»|движение «Северный рубеж»|движении «Северный рубеж»',
    'городской совет|городского совета|городской совет|городском совете',
    'Минобороны|Минобороны|Минобороны|Минобороны',
  ]);
  const places = entries(['nom', 'gen', 'prep'], [
    'Москва|Москвы|Москве', 'Петербург|Петербурга|Петербурге', 'Киев|Киева|Киеве', 'Берлин|Берлина|Берлине', 'Брюссель|Брюсселя|Брюсселе',
    'Рига|Риги|Риге', 'Вильнюс|Вильнюса|Вильнюсе', 'Варшава|Варшавы|Варшаве', 'Одесса|Одессы|Одессе', 'Минск|Минска|Минске',
    'Калининград|Калининграда|Калининграде', 'Новгород|Новгорода|Новгороде', 'Псков|Пскова|Пскове', 'Таллин|Таллина|Таллине',
    'Линдмарк|Линдмарка|Линдмарке', 'Самара|Самары|Самаре', 'Казань|Казани|Казани', 'Екатеринбург|Екатеринбурга|Екатеринбурге',
    'Лондон|Лондона|Лондоне', 'Вашингтон|Вашингтона|Вашингтоне', 'Париж|Парижа|Париже', 'Мурманск|Мурманска|Мурманске',
  ]);
  const roles = single(['депутат', 'губернатор', 'министр торговли', 'сенатор', 'политолог', 'глава администрации', 'председатель комиссии', 'посол', 'мэр', 'блогер', 'эксперт', 'лидер партии', 'военкор', 'историк']);
  const media = single(['центральные СМИ', 'западные журналисты', 'так называемые фактчекеры', 'либеральные блогеры', 'государственные каналы', 'иностранные агенты', 'продажные эксперты']);
  const claims = single([
    'прямая угроза нашему суверенитету', 'очередная ложь западных СМИ', 'результат многолетнего предательства', 'провокация, подготовленная заранее',
    'вопрос выживания нации', 'план, написанный в Брюсселе', 'попытка отнять у нас будущее', 'катастрофа для простых людей',
    'позор для всей страны', 'единственный шанс сохранить порядок', 'удар по семьям и пенсионерам', 'чистая пропаганда',
    'не предмет для торга', 'предательство памяти наших дедов', 'дымовая завеса для настоящей сделки', 'именно то, чего хотят наши враги',
  ]);
  const generators = RU_GENERATORS;
  const slots = { person: persons, topic: topics, org: orgs, place: places, place2: places, role: roles, media, claim: claims };
  const c = (t: string): Template => compile(t, slots, generators);
  return {
    lang: 'ru',
    slots,
    generators,
    openQuote: '«',
    closeQuote: '»',
    sentences: [
      '{^role} {person} {g:заявил|заявила}, что {topic.nom} — это «{claim}».',
      'По словам {person.gen}, вопрос {topic.gen} решали за закрытыми дверями.',
      '{^date} в {place.prep} прошла встреча, на которой обсуждали {topic.acc}.',
      '«{^claim}», — {g:сказал|сказала} {person} журналистам в {place.prep}.',
      'Об этом {g:сообщил|сообщила} {role} {person} на брифинге {date}.',
      'Жители {place.gen} всё чаще спрашивают, кто на самом деле выигрывает от {topic.gen}.',
      'Так было {range}, так происходит и сейчас.',
      'Напомним, что {date} в {place.prep} был подписан меморандум о {topic.prep}.',
      'Почему молчат {media}?',
      'Мы уже видели это {year}, и чем это закончилось, знает каждый.',
      'Эксперты связывают {topic.acc} с действиями {org.gen}.',
      'В {place.prep} прошёл митинг против {topic.gen}: по данным организаторов, пришли {num} человек, по данным полиции — не больше {num}.',
      'Представители {org.gen} от комментариев отказались.',
      'Как {g:отметил|отметила} {person}, «{claim}».',
      'В пресс-службе {org.gen} {person.acc} назвали «радикалом», но на вопросы о {topic.prep} так и не ответили.',
      '{^media} называют {topic.acc} «реформой», хотя это {claim}.',
      'Документы, датированные {date}, показывают, что в руководстве {org.gen} знали о {topic.prep} заранее.',
      'Ещё {month} {person} {g:предупреждал|предупреждала}, что {topic.nom} обернётся бедой для {place.gen}.',
      'Это не {topic.nom}, это {claim}.',
      'Деньги на {topic.acc} пошли через {org.acc}, а отчёта нет до сих пор.',
      'Наши деды {range} защищали эту землю не для того, чтобы сегодня нам диктовали из {place2.gen}.',
      'В интервью {person.dat} задали всего один вопрос о {topic.prep}, и тот остался без ответа.',
      'С {person.ins} не согласны даже бывшие соратники из {org.gen}.',
      'Голосование по закону о {topic.prep} перенесли, а документы разослали поздно вечером в пятницу.',
      'Кто ответит за {topic.acc}? Ответа нет.',
      'Официально {topic.nom} обойдётся в {num} млн евро, но независимые оценки вдвое выше.',
      'На встрече с избирателями {person} {g:пообещал|пообещала} добиться отмены решения о {topic.prep}.',
      'Сторонники {person.sgen} считают, что {topic.nom} — это {claim}.',
    ].map(c),
    headlines: [
      '{^topic.nom}: что скрывают власти?', 'Кто выигрывает от {topic.gen}?', '{place.nom} против {topic.gen}!', 'Правда о {topic.prep}',
      'Почему молчат о {topic.prep}?', 'Скандал в {place.prep}', 'Новые подробности о {topic.prep}', 'Выборы в {place.prep}: что скрывают власти?',
      'Нас никто не спрашивал!', '{org.nom} снова лжёт?', 'Хватит молчать о {topic.prep}!', '{person.snom}: «{claim}»',
    ].map(c),
    slogans: ['Хватит молчать!', 'Проснитесь!', 'Правду не остановить.', 'Делайте выводы сами.', 'Совпадение? Не думаем.', 'Распространяйте, пока не удалили.', 'Помним. Гордимся.'],
  };
}

function buildUkrainian(rng: Rng): Lexicon {
  const given = {
    m: ['Тарас', 'Богдан', 'Олег', 'Андрій', 'Юрій', 'Степан', 'Остап', 'Назар', 'Ярослав', 'Роман', 'Максим', 'Дмитро'],
    f: ['Оксана', 'Ірина', 'Марія', 'Наталія', 'Галина', 'Олена', 'Христина', 'Тетяна', 'Лариса', 'Соломія'],
  };
  const surnames = ['Гриценко', 'Коваленко', 'Дорошенко', 'Марченко', 'Остапенко', 'Гайдученко', 'Ліщук', 'Мельничук', 'Стецюк', 'Гуцалюк', 'Ничипорук', 'Ковальський', 'Заболоцький', 'Яворський', 'Вербицький', 'Бондарук'];
  // "Дмитро" declines like a consonant stem once the final vowel is dropped.
  const persons = people(UK_CASES, given, surnames, (n) => (n.endsWith('о') ? [n, ...ukGiven(n.slice(0, -1)).slice(1)] : ukGiven(n)), ukSurname, 50, rng);
  const topicCases = ['nom', 'gen', 'acc', 'loc'];
  const topics = entries(topicCases, [
    'іноземний вплив|іноземного впливу|іноземний вплив|іноземному впливі',
    'енергетична криза|енергетичної кризи|енергетичну кризу|енергетичній кризі',
    'ціни на газ|цін на газ|ціни на газ|цінах на газ',
    'свобода слова|свободи слова|свободу слова|свободі слова',
    'продовольча безпека|продовольчої безпеки|продовольчу безпеку|продовольчій безпеці',
    'реформа освіти|реформи освіти|реформу освіти|реформі освіти',
    'оборонний бюджет|оборонного бюджету|оборонний бюджет|оборонному бюджеті',
    'санкційна політика|санкційної політики|санкційну політику|санкційній політиці',
    'зернова угода|зернової угоди|зернову угоду|зерновій угоді',
    'виборча реформа|виборчої реформи|виборчу реформу|виборчій реформі',
    'пенсійна система|пенсійної системи|пенсійну систему|пенсійній системі',
    'тарифи на опалення|тарифів на опалення|тарифи на опалення|тарифах на опалення',
    'мовний закон|мовного закону|мовний закон|мовному законі',
    'цензура в інтернеті|цензури в інтернеті|цензуру в інтернеті|цензурі в інтернеті',
    'переговори про кордон|переговорів про кордон|переговори про кордон|переговорах про кордон',
    'газовий транзит|газового транзиту|газовий транзит|газовому транзиті',
    'місцевий бюджет|місцевого бюджету|місцевий бюджет|місцевому бюджеті',
    'незалежні медіа|незалежних медіа|незалежні медіа|незалежних медіа',
    'гуманітарна допомога|гуманітарної допомоги|гуманітарну допомогу|гуманітарній допомозі',
    'історична пам’ять|історичної пам’яті|історичну пам’ять|історичній пам’яті',
    'корупційний скандал|корупційного скандалу|корупційний скандал|корупційному скандалі',
    'приватизація порту|приватизації порту|приватизацію порту|приватизації порту',
    'підвищення податків|підвищення податків|підвищення податків|підвищенні податків',
    'референдум|референдуму|референдум|референдумі',
    'мобілізаційний закон|мобілізаційного закону|мобілізаційний закон|мобілізаційному законі',
    'фермерські квоти|фермерських квот|фермерські квоти|фермерських квотах',
  ]);
  const orgs = entries(topicCases, [
    'Рада суверенного діалогу|Ради суверенного діалогу|Раду суверенного діалогу|Раді суверенного діалогу',
    'Фонд глобальної відкритості|Фонду глобальної відкритості|Фонд глобальної відкритості|Фонді глобальної відкритості',
    'Верховна Рада|Верховної Ради|Верховну Раду|Верховній Раді',
    'Кабінет міністрів|Кабінету міністрів|Кабінет міністрів|Кабінеті міністрів',
    'Міністерство економіки|Міністерства економіки|Міністерство економіки|Міністерстві економіки',
    'Євросоюз|Євросоюзу|Євросоюз|Євросоюзі',
    'ЦВК|ЦВК|ЦВК|ЦВК',
    'НАТО|НАТО|НАТО|НАТО',
    'обласна адміністрація|обласної адміністрації|обласну адміністрацію|обласній адміністрації',
    'міська рада|міської ради|міську раду|міській раді',
    'партія «Громадська гавань»|партії «Громадська гавань»|партію «Громадська гавань»|партії «Громадська гавань»',
    'рух «Вільний край»|руху «Вільний край»|рух «Вільний край»|русі «Вільний край»',
    'Балтійський зерновий консорціум|Балтійського зернового консорціуму|Балтійський зерновий консорціум|Балтійському зерновому консорціумі',
    'Спілка фермерів Полісся|Спілки фермерів Полісся|Спілку фермерів Полісся|Спілці фермерів Полісся',
  ]);
  const places = entries(['nom', 'gen', 'loc'], [
    'Київ|Києва|Києві', 'Львів|Львова|Львові', 'Одеса|Одеси|Одесі', 'Харків|Харкова|Харкові', 'Дніпро|Дніпра|Дніпрі',
    'Варшава|Варшави|Варшаві', 'Берлін|Берліна|Берліні', 'Брюссель|Брюсселя|Брюсселі', 'Москва|Москви|Москві', 'Рига|Риги|Ризі',
    'Вільнюс|Вільнюса|Вільнюсі', 'Полтава|Полтави|Полтаві', 'Чернігів|Чернігова|Чернігові', 'Житомир|Житомира|Житомирі',
    'Вінниця|Вінниці|Вінниці', 'Ужгород|Ужгорода|Ужгороді', 'Лондон|Лондона|Лондоні', 'Париж|Парижа|Парижі',
  ]);
  const roles = single(['депутат', 'депутатка', 'міністр', 'мер', 'голова ОДА', 'політолог', 'експерт', 'речник МЗС', 'посол', 'лідер партії', 'блогер', 'історик']);
  const media = single(['центральні канали', 'західні журналісти', 'так звані фактчекери', 'проплачені блогери', 'державні медіа', 'грантові експерти']);
  const claims = single([
    'пряма загроза нашому суверенітету', 'чергова брехня', 'результат багаторічної зради', 'провокація, підготовлена заздалегідь',
    'питання виживання нації', 'план, написаний у Брюсселі', 'спроба відібрати в нас майбутнє', 'катастрофа для простих людей',
    'ганьба для всієї країни', 'єдиний шанс зберегти порядок', 'удар по родинах і пенсіонерах', 'чиста пропаганда',
    'не предмет для торгу', 'зрада пам’яті наших дідів',
  ]);
  const generators = UK_GENERATORS;
  const slots = { person: persons, topic: topics, org: orgs, place: places, place2: places, role: roles, media, claim: claims };
  const c = (t: string): Template => compile(t, slots, generators);
  return {
    lang: 'uk',
    slots,
    generators,
    openQuote: '«',
    closeQuote: '»',
    sentences: [
      '{^role} {person} {g:заявив|заявила}, що {topic.nom} — це «{claim}».',
      'За словами {person.gen}, питання {topic.gen} вирішували за зачиненими дверима.',
      '{^date} у {place.loc} відбулася зустріч, на якій обговорювали {topic.acc}.',
      '«{^claim}», — {g:сказав|сказала} {person} журналістам у {place.loc}.',
      'Про це {g:повідомив|повідомила} {person} на брифінгу {date}.',
      'Мешканці {place.gen} дедалі частіше питають, хто насправді виграє від {topic.gen}.',
      'Так було {range}, так відбувається і зараз.',
      'Нагадаємо, що {date} у {place.loc} підписали меморандум про {topic.acc}.',
      'Чому мовчать {media}?',
      'Ми вже бачили це {year}, і чим це закінчилося, знає кожен.',
      'Експерти пов’язують {topic.acc} з діями {org.gen}.',
      'У {place.loc} пройшов мітинг проти {topic.gen}: за даними організаторів, прийшли {num} людей.',
      'Представники {org.gen} від коментарів відмовилися.',
      'Як {g:зазначив|зазначила} {person}, «{claim}».',
      'У {org.loc} знали про {topic.acc} заздалегідь, свідчать документи від {date}.',
      '{^media} називають {topic.acc} «реформою», хоча це {claim}.',
      'Ще {month} {person} {g:попереджав|попереджала}, що {topic.nom} обернеться бідою для {place.gen}.',
      'Це не {topic.nom}, це {claim}.',
      'Гроші на {topic.acc} пішли через {org.acc}, а звіту немає досі.',
      'Офіційно {topic.nom} коштуватиме {num} млн євро, але незалежні оцінки вдвічі вищі.',
      'Голосування щодо {topic.gen} перенесли, а документи розіслали пізно ввечері в п’ятницю.',
      'Прихильники {person.sgen} вважають, що {topic.nom} — це {claim}.',
      'З {person.ins} не погоджуються навіть колишні соратники з {org.gen}.',
    ].map(c),
    headlines: [
      '{^topic.nom}: що приховує влада?', 'Хто виграє від {topic.gen}?', '{place.nom} проти {topic.gen}!', 'Правда про {topic.acc}',
      'Чому мовчать про {topic.acc}?', 'Скандал у {place.loc}', 'Нові подробиці щодо {topic.gen}', 'Нас ніхто не питав!',
      '{person.snom}: «{claim}»', 'Досить мовчати!',
    ].map(c),
    slogans: ['Досить мовчати!', 'Прокиньтеся!', 'Правду не зупинити.', 'Робіть висновки самі.', 'Збіг? Не думаємо.', 'Поширюйте, поки не видалили.'],
  };
}

// ---------------------------------------------------------------------------------------------
// Sources, page furniture and debris

export interface SourceSpec {
  name: string;
  lang: Lang;
  format: GenFormat;
  /** Text dumps: blog pages (headline, blank line, body) or forum history (title, body on the next line). */
  style: 'blog' | 'forum';
  /** Zero-padded headline dates (05.03.2024) instead of 5.3.2024. */
  padDates: boolean;
  host: string;
}

/** The fictional sources the generator writes; the folder name is the source name. */
export const CORPUS_SOURCES: readonly SourceSpec[] = [
  { name: 'patriot-morning-post', lang: 'en', format: 'text', style: 'blog', padDates: false, host: 'patriot-morning.example' },
  { name: 'northern-citizen-blog', lang: 'en', format: 'text', style: 'blog', padDates: false, host: 'northern-citizen.example' },
  { name: 'liberty-ledger-board', lang: 'en', format: 'text', style: 'forum', padDates: false, host: 'libertyledger.example' },
  { name: 'harbour-gazette', lang: 'en', format: 'html', style: 'blog', padDates: false, host: 'harbourgazette.example' },
  { name: 'westbridge-observer', lang: 'en', format: 'html', style: 'blog', padDates: false, host: 'westbridge-observer.example' },
  { name: 'open-debate-board', lang: 'en', format: 'jsonl', style: 'forum', padDates: false, host: 'opendebate.example' },
  { name: 'truthseekers-forum', lang: 'en', format: 'jsonl', style: 'forum', padDates: false, host: 'truthseekers.example' },
  { name: 'pravda-kraya', lang: 'ru', format: 'text', style: 'blog', padDates: false, host: 'pravda-kraya.example' },
  { name: 'forum-rodina-obsuzhdenie', lang: 'ru', format: 'text', style: 'forum', padDates: true, host: 'rodina-forum.example' },
  { name: 'vestnik-otechestva', lang: 'ru', format: 'text-cp1251', style: 'blog', padDates: true, host: 'vestnik-otechestva.example' },
  { name: 'russkiy-rubezh', lang: 'ru', format: 'text-cp1251', style: 'blog', padDates: false, host: 'rubezh.example' },
  { name: 'novosti-primorya', lang: 'ru', format: 'html', style: 'blog', padDates: false, host: 'novosti-primorya.example' },
  { name: 'severnaya-gazeta', lang: 'ru', format: 'html', style: 'blog', padDates: false, host: 'severnaya-gazeta.example' },
  { name: 'zvezda-obzor', lang: 'ru', format: 'jsonl', style: 'forum', padDates: false, host: 'zvezda-obzor.example' },
  { name: 'holos-kraiu', lang: 'uk', format: 'text', style: 'blog', padDates: false, host: 'holos-kraiu.example' },
  { name: 'vilna-dumka-blog', lang: 'uk', format: 'text', style: 'blog', padDates: true, host: 'vilna-dumka.example' },
  { name: 'nashe-misto', lang: 'uk', format: 'html', style: 'blog', padDates: false, host: 'nashe-misto.example' },
  { name: 'poliska-pravda', lang: 'uk', format: 'html', style: 'blog', padDates: false, host: 'poliska-pravda.example' },
  { name: 'forum-hromada', lang: 'uk', format: 'jsonl', style: 'forum', padDates: false, host: 'hromada-forum.example' },
];

interface Ui {
  share: string[];
  likes: (n: number) => string;
  related: string;
  cookie: string;
  next: string;
  prev: string;
  tagline: string;
  footer: string;
  nav: string[];
  says: string;
  reply: string;
  commentsTitle: (n: number) => string;
  at: string;
}

const UI: Record<Lang, Ui> = {
  en: {
    share: ['Share this:', 'Twitter Facebook Telegram', 'Like this:', 'Like Loading...'],
    likes: (n) => (n % 2 === 0 ? '%d bloggers like this:' : `${n} bloggers like this.`),
    related: 'Related',
    cookie: 'We use cookies to give you the best experience on our website. By continuing to browse you agree to our use of cookies. Accept',
    next: 'Next »',
    prev: '« Previous',
    tagline: 'Independent voices for a sovereign nation',
    footer: 'All rights reserved. Powered by WordPress.',
    nav: ['Home', 'News', 'Politics', 'Opinion', 'Donate', 'Contact'],
    says: 'says:',
    reply: 'Reply',
    commentsTitle: (n) => `${n} thoughts on this post`,
    at: 'at',
  },
  ru: {
    share: ['Поделиться', 'ВКонтакте Одноклассники Telegram', 'Загрузка...'],
    likes: (n) => `Нравится ${n}`,
    related: 'Читайте также',
    cookie: 'Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с политикой конфиденциальности. Принять',
    next: 'Вперёд »',
    prev: '« Назад',
    tagline: 'Независимый взгляд на события в стране и мире',
    footer: 'При перепечатке ссылка обязательна.',
    nav: ['Главная', 'Новости', 'Политика', 'Мнения', 'Помочь проекту', 'Контакты'],
    says: 'пишет:',
    reply: 'Ответить',
    commentsTitle: (n) => `Комментарии (${n})`,
    at: 'в',
  },
  uk: {
    share: ['Поділитися', 'Facebook Telegram Viber', 'Завантаження...'],
    likes: (n) => `Подобається ${n}`,
    related: 'Читайте також',
    cookie: 'Ми використовуємо файли cookie. Продовжуючи користуватися сайтом, ви погоджуєтеся з політикою конфіденційності. Прийняти',
    next: 'Далі »',
    prev: '« Назад',
    tagline: 'Незалежний погляд на події в країні та світі',
    footer: 'Усі права захищено.',
    nav: ['Головна', 'Новини', 'Політика', 'Думки', 'Підтримати', 'Контакти'],
    says: 'пише:',
    reply: 'Відповісти',
    commentsTitle: (n) => `Коментарі (${n})`,
    at: 'о',
  },
};

const NICK_WORDS = ['northern', 'light', 'quay', 'watcher', 'ferryman', 'grainbelt', 'harbour', 'rat', 'patriot', 'eagle', 'truth', 'seeker', 'old', 'sailor', 'baltic', 'wolf', 'iron', 'oak', 'steppe', 'rider', 'kozak', 'sever', 'rus', 'volya'];
function nickname(rng: Rng): string {
  const a = rng.pick(NICK_WORDS);
  const b = rng.pick(NICK_WORDS);
  const style = rng.int(3);
  if (style === 0) return `${a}_${b}`;
  if (style === 1) return `${capitalise(a)}${capitalise(b)}${rng.range(1, 99)}`;
  return `${a}${b}_${rng.range(1950, 2005)}`;
}

// ---------------------------------------------------------------------------------------------
// Text builders

class Writer {
  readonly lexicons: Record<Lang, Lexicon>;
  constructor(readonly rng: Rng) {
    this.lexicons = { en: buildEnglish(rng), ru: buildRussian(rng), uk: buildUkrainian(rng) };
  }

  private lastTemplate: Template | null = null;

  sentence(lang: Lang): string {
    const lex = this.lexicons[lang];
    if (this.rng.chance(0.05)) return this.rng.pick(lex.slogans);
    let t = this.rng.pick(lex.sentences);
    // The same template twice in a row reads like a broken scraper, not like a blog.
    if (t === this.lastTemplate) t = this.rng.pick(lex.sentences);
    this.lastTemplate = t;
    return render(lex, t, this.rng);
  }

  /** A paragraph; now and then one in another language or mixing two, as reposts and quotes do. */
  paragraph(lang: Lang): string {
    const r = this.rng.next();
    if (r < 0.03) return this.plainParagraph(this.otherLang(lang));
    if (r < 0.06) {
      const other = this.otherLang(lang);
      const lex = this.lexicons[other];
      return `${this.sentence(lang)} ${lex.openQuote}${this.sentence(other)}${lex.closeQuote} ${this.sentence(lang)}`;
    }
    return this.plainParagraph(lang);
  }

  private plainParagraph(lang: Lang): string {
    const n = this.rng.range(2, 6);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(this.sentence(lang));
    return parts.join(' ');
  }

  private otherLang(lang: Lang): Lang {
    if (lang === 'en') return this.rng.chance(0.7) ? 'ru' : 'uk';
    if (lang === 'ru') return this.rng.chance(0.6) ? 'en' : 'uk';
    return this.rng.chance(0.6) ? 'ru' : 'en';
  }

  body(lang: Lang, min: number, max: number): string[] {
    const n = this.rng.range(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.paragraph(lang));
    return out;
  }

  headline(lang: Lang): string {
    const lex = this.lexicons[lang];
    return render(lex, this.rng.pick(lex.headlines), this.rng);
  }

  author(lang: Lang): string {
    const lex = this.lexicons[lang];
    const p = this.rng.pick(lex.slots.person ?? []);
    if (lang === 'en') return (p.forms.nom ?? '').replace(/^(Senator|Minister|Commissioner|MP|Mayor|Governor|Deputy|Ambassador|Councillor|Professor) /, '').replace(/, the .*$/, '');
    return p.forms.nom ?? '';
  }
}

/** Posts walk backwards in time from mid-2024, a few per day, like a blog archive. */
class Clock {
  private t = Date.UTC(2024, 5, 30, 18, 0, 0);
  constructor(private readonly rng: Rng) {}
  step(): Date {
    this.t -= this.rng.range(20, 60 * 40) * 60_000;
    if (this.t < Date.UTC(2015, 0, 1)) this.t = Date.UTC(2024, 5, 30) - this.rng.range(0, 30) * 86_400_000;
    return new Date(this.t);
  }
}

function headlineDate(d: Date, pad: boolean): string {
  const day = d.getUTCDate();
  const month = d.getUTCMonth() + 1;
  return pad ? `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${d.getUTCFullYear()}` : `${day}.${month}.${d.getUTCFullYear()}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function slug(rng: Rng): string {
  const words = ['harbour', 'grain', 'vote', 'council', 'truth', 'media', 'border', 'energy', 'election', 'quota', 'scandal', 'statement', 'rally', 'memory'];
  return `${rng.pick(words)}-${rng.pick(words)}-${rng.range(100, 9999)}`;
}

// ---------------------------------------------------------------------------------------------
// Streaming file sink

let cp1251Map: Map<string, number> | null = null;
function cp1251(): Map<string, number> {
  if (cp1251Map === null) {
    const dec = new TextDecoder('windows-1251');
    const map = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const ch = dec.decode(Uint8Array.of(b));
      if (ch !== '\uFFFD' && !map.has(ch)) map.set(ch, b);
    }
    cp1251Map = map;
  }
  return cp1251Map;
}

/** Encode to windows-1251; the vocabulary is chosen so that every character maps. */
export function encodeCp1251(text: string): Buffer {
  const map = cp1251();
  const out = Buffer.allocUnsafe(text.length);
  let i = 0;
  for (const ch of text) {
    const b = map.get(ch);
    if (b === undefined) throw new Error(`character ${JSON.stringify(ch)} has no windows-1251 byte`);
    out[i++] = b;
  }
  return out.subarray(0, i);
}

const FLUSH_AT = 256 * 1024;

class Sink {
  bytes = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private constructor(
    private readonly fh: FileHandle,
    private readonly encoding: 'utf8' | 'cp1251',
  ) {}

  static async open(path: string, encoding: 'utf8' | 'cp1251'): Promise<Sink> {
    return new Sink(await open(path, 'w'), encoding);
  }

  async write(s: string): Promise<void> {
    this.pending.push(s);
    this.pendingChars += s.length;
    this.bytes += this.encoding === 'utf8' ? Buffer.byteLength(s, 'utf8') : s.length;
    if (this.pendingChars >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    const buf = this.encoding === 'utf8' ? Buffer.from(text, 'utf8') : encodeCp1251(text);
    await this.fh.write(buf);
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.fh.close();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Formats

interface FileJob {
  source: SourceSpec;
  target: number;
  clock: Clock;
}

async function writeDump(w: Writer, sink: Sink, job: FileJob): Promise<void> {
  const { rng } = w;
  const { source } = job;
  const ui = UI[source.lang];
  const siteName = source.name.split('-').map(capitalise).join(' ');
  const pageHeader = async (): Promise<void> => {
    await sink.write(`${siteName}\n${ui.tagline}\n`);
    if (rng.chance(0.7)) await sink.write(`${ui.cookie}\n`);
    await sink.write(`${ui.nav.join('  ')}\n\n`);
  };
  await pageHeader();
  let page = rng.range(1, 40);
  const lastPage = page + rng.range(20, 120);
  let postsOnPage = 0;
  let glue = '';
  while (sink.bytes < job.target) {
    const date = headlineDate(job.clock.step(), source.padDates);
    if (source.style === 'forum') {
      const title = `${rng.chance(0.6) ? 'Re: ' : ''}${w.headline(source.lang)} (${date})`;
      const lines = w.body(source.lang, 1, 3);
      if (rng.chance(0.3)) lines.unshift(`Quote from: ${nickname(rng)} on ${date}`, `> ${w.sentence(source.lang)}`);
      await sink.write(`${glue}${title}\n${lines.join('\n')}\n\n`);
      glue = '';
      continue;
    }
    await sink.write(`${glue}${w.headline(source.lang)} (${date})\n\n${w.body(source.lang, 2, 5).join('\n\n')}\n\n`);
    glue = '';
    const debris: string[] = [];
    const share = ui.share;
    debris.push(share[0] ?? '', share[1] ?? '');
    if (share[2] !== undefined && rng.chance(0.7)) debris.push(share[2]);
    if (share[3] !== undefined) debris.push(share[3]);
    if (rng.chance(0.4)) debris.push(ui.likes(rng.range(2, 300)));
    debris.push(ui.related);
    await sink.write(`${debris.join('\n')}\n\n`);
    postsOnPage++;
    if (postsOnPage >= rng.range(3, 10)) {
      postsOnPage = 0;
      page++;
      const links = [1, 2, 3, 4].filter((n) => n < lastPage).join(' ');
      const pagination = `${page > 2 ? `${ui.prev} ` : ''}${links} … ${lastPage} ${ui.next}`;
      // Scrapers often lose the newline after the pager, gluing it to the next title.
      if (rng.chance(0.15)) {
        glue = '1 2 3';
        await sink.write(`${pagination}\n`);
      } else {
        await sink.write(`${pagination}\n`);
        if (rng.chance(0.5)) await pageHeader();
      }
    }
  }
  await sink.write(`© ${siteName}. ${ui.footer}\n`);
}

function commentHtml(w: Writer, lang: Lang, postUrl: string, id: number, date: Date, depth: number, children: string): string {
  const ui = UI[lang];
  const author = w.rng.chance(0.5) ? nickname(w.rng) : w.author(lang);
  const paras = w.body(lang, 1, 2).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const iso = date.toISOString().replace('.000Z', '+00:00');
  const human = `${headlineDate(date, false)} ${ui.at} ${date.getUTCHours()}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `<li id="comment-${id}" class="comment depth-${depth}"><article id="div-comment-${id}" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">${escapeHtml(author)}</b> <span class="says">${ui.says}</span></div><div class="comment-metadata"><a href="${postUrl}#comment-${id}"><time datetime="${iso}">${human}</time></a></div></footer><div class="comment-content">${paras}</div><div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-${id}">${ui.reply}</a></div></article>${children}</li>\n`;
}

async function writeHtml(w: Writer, sink: Sink, job: FileJob): Promise<void> {
  const { rng } = w;
  const { source } = job;
  const ui = UI[source.lang];
  const siteName = source.name.split('-').map(capitalise).join(' ');
  // Big pages are archive listings with many posts; small ones are one article with its comments.
  const listing = job.target > 400_000;
  const date = job.clock.step();
  const title = listing ? `${siteName} – ${ui.nav[2] ?? ''}` : w.headline(source.lang);
  const author = w.author(source.lang);
  const url = `https://${source.host}/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${slug(rng)}/`;
  const iso = date.toISOString().replace('.000Z', '+00:00');
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    datePublished: iso,
    author: { '@type': 'Person', name: author },
    publisher: { '@type': 'Organization', name: siteName },
    inLanguage: source.lang,
  }).replace(/</g, '\\u003c');
  await sink.write(
    `<!DOCTYPE html>\n<html lang="${source.lang}">\n<head>\n<meta charset="UTF-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<title>${escapeHtml(title)} – ${escapeHtml(siteName)}</title>\n<link rel="canonical" href="${url}">\n` +
      `<meta property="og:type" content="article">\n<meta property="og:title" content="${escapeHtml(title)}">\n<meta property="og:site_name" content="${escapeHtml(siteName)}">\n` +
      `<meta property="article:published_time" content="${iso}">\n<meta name="author" content="${escapeHtml(author)}">\n` +
      `<script type="application/ld+json">${ld}</script>\n<link rel="stylesheet" href="https://${source.host}/wp-content/themes/news/style.css?ver=2.4">\n</head>\n` +
      `<body class="single single-post">\n<div id="page" class="site">\n<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="https://${source.host}/">${escapeHtml(siteName)}</a></p><p class="site-description">${escapeHtml(ui.tagline)}</p></div>\n` +
      `<nav id="site-navigation" class="main-navigation"><ul class="menu">${ui.nav.map((n) => `<li class="menu-item"><a href="https://${source.host}/">${escapeHtml(n)}</a></li>`).join('')}</ul></nav></header>\n` +
      `<div id="content" class="site-content"><main id="primary" class="site-main">\n`,
  );
  const shareBlock = `<div class="sharedaddy"><h3 class="sd-title">${escapeHtml(ui.share[0] ?? '')}</h3><ul class="share-buttons"><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li><li><a href="#">Telegram</a></li></ul></div>\n`;
  if (listing) {
    let n = 0;
    while (sink.bytes < job.target) {
      const d = n === 0 ? date : job.clock.step();
      const dIso = d.toISOString().replace('.000Z', '+00:00');
      const paras = w.body(source.lang, 2, 5).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
      await sink.write(
        `<article id="post-${rng.range(1000, 99999)}" class="post type-post hentry"><header class="entry-header"><h2 class="entry-title"><a href="https://${source.host}/${slug(rng)}/">${escapeHtml(w.headline(source.lang))}</a></h2>` +
          `<div class="entry-meta"><span class="byline"><span class="author vcard">${escapeHtml(w.author(source.lang))}</span></span> <time class="entry-date published" datetime="${dIso}">${headlineDate(d, false)}</time></div></header>\n<div class="entry-content">${paras}</div>\n${shareBlock}</article>\n`,
      );
      n++;
    }
    await sink.write(`<nav class="pagination">${[1, 2, 3].map((p) => `<a class="page-numbers" href="?page=${p}">${p}</a>`).join(' ')} <span class="dots">…</span> <a class="next page-numbers" href="?page=2">${escapeHtml(ui.next)}</a></nav>\n`);
  } else {
    const paras = w.body(source.lang, 3, 9).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    await sink.write(
      `<article class="post type-post status-publish hentry"><header class="entry-header"><h1 class="entry-title">${escapeHtml(title)}</h1>` +
        `<div class="entry-meta"><span class="byline"><span class="author vcard"><a class="url fn n" href="https://${source.host}/author/">${escapeHtml(author)}</a></span></span> <time class="entry-date published" datetime="${iso}">${headlineDate(date, false)}</time></div></header>\n` +
        `<div class="entry-content">\n${paras}\n</div>\n<footer class="entry-footer">${shareBlock}</footer></article>\n`,
    );
    const nComments = rng.int(4);
    await sink.write(`<div id="comments" class="comments-area"><h2 class="comments-title">${escapeHtml(ui.commentsTitle(nComments))}</h2>\n<ol class="comment-list">\n`);
    let id = rng.range(1000, 90000);
    let t = date.getTime();
    let written = 0;
    // Write at least the announced comments, then keep the thread growing until the page reaches its size.
    while (written < nComments || sink.bytes < job.target) {
      t += rng.range(1, 600) * 60_000;
      let children = '';
      if (rng.chance(0.25)) {
        t += rng.range(1, 120) * 60_000;
        children = `<ol class="children">\n${commentHtml(w, source.lang, url, id + 1, new Date(t), 2, '')}</ol>`;
      }
      await sink.write(commentHtml(w, source.lang, url, id, new Date(t - (children === '' ? 0 : 60_000)), 1, children));
      id += 2;
      written++;
    }
    await sink.write(`</ol>\n</div>\n`);
  }
  await sink.write(
    `</main>\n<aside id="secondary" class="widget-area"><section class="widget widget_related_posts"><h2 class="widget-title">${escapeHtml(ui.related)}</h2><ul>` +
      [0, 1, 2].map(() => `<li><a href="https://${source.host}/${slug(rng)}/">${escapeHtml(w.headline(source.lang))}</a></li>`).join('') +
      `</ul></section></aside></div>\n<footer id="colophon" class="site-footer"><div class="site-info">© ${date.getUTCFullYear()} ${escapeHtml(siteName)}. ${escapeHtml(ui.footer)}</div></footer>\n</div>\n` +
      `<div id="cookie-notice" role="dialog"><span class="cn-text-container">${escapeHtml(ui.cookie)}</span></div>\n</body>\n</html>\n`,
  );
}

async function writeJsonl(w: Writer, sink: Sink, job: FileJob): Promise<void> {
  const { rng } = w;
  const { source } = job;
  let id = rng.range(1, 500_000);
  while (sink.bytes < job.target) {
    const d = job.clock.step();
    const thread = slug(rng);
    const record = {
      id: `${source.name}-${id}`,
      title: `${rng.chance(0.5) ? 'Re: ' : ''}${w.headline(source.lang)}`,
      text: w.body(source.lang, 1, 4).join('\n\n'),
      date: d.toISOString().replace('.000Z', 'Z'),
      url: `https://${source.host}/t/${thread}/${id}`,
      author: nickname(rng),
    };
    await sink.write(`${JSON.stringify(record)}\n`);
    id += rng.range(1, 40);
  }
}

// ---------------------------------------------------------------------------------------------
// Corpus

const LANG_SHARE: Record<Lang, number> = { en: 0.5, ru: 0.35, uk: 0.15 };
const FORMAT_WEIGHTS: Record<Lang, [GenFormat, number][]> = {
  en: [['text', 45], ['html', 30], ['jsonl', 25]],
  ru: [['text', 25], ['text-cp1251', 25], ['html', 25], ['jsonl', 25]],
  uk: [['text', 40], ['html', 35], ['jsonl', 25]],
};
// The first files cover every language and format, so even a tiny corpus has the whole mix.
const OPENING: [Lang, GenFormat][] = [
  ['en', 'text'], ['ru', 'text-cp1251'], ['uk', 'html'], ['en', 'jsonl'], ['ru', 'html'], ['uk', 'text'], ['ru', 'jsonl'], ['en', 'html'], ['ru', 'text'], ['uk', 'jsonl'],
];
const EXT: Record<GenFormat, string> = { text: 'txt', 'text-cp1251': 'txt', html: 'html', jsonl: 'jsonl' };
const PREFIX: Record<GenFormat, string> = { text: 'dump', 'text-cp1251': 'archive', html: 'post', jsonl: 'export' };

function weighted<T>(rng: Rng, options: readonly [T, number][]): T {
  const total = options.reduce((s, [, wt]) => s + wt, 0);
  let x = rng.next() * total;
  for (const [v, wt] of options) {
    x -= wt;
    if (x < 0) return v;
  }
  const last = options[options.length - 1];
  if (last === undefined) throw new Error('no options');
  return last[0];
}

/** Mostly 1–300 KB, a few 1–5 MB, log-uniform so small files dominate the count. */
function fileSize(rng: Rng): number {
  const [lo, hi] = rng.chance(0.03) ? [1_000_000, 5_000_000] : [1_000, 300_000];
  return Math.round(Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo))));
}

/** Write a deterministic mixed en/ru/uk corpus of about `totalBytes` under `dir`, one folder per source. */
export async function generateCorpus(dir: string, opts: GenerateOptions): Promise<GenerateResult> {
  if (!Number.isFinite(opts.totalBytes) || opts.totalBytes <= 0) throw new Error(`totalBytes must be a positive number, got ${opts.totalBytes}`);
  const rng = new Rng(opts.seed ?? 1);
  const w = new Writer(rng);
  const clocks = new Map<string, Clock>();
  const counters = new Map<string, number>();
  const result: GenerateResult = { files: 0, bytes: 0, byFormat: {}, byLanguage: { en: 0, ru: 0, uk: 0 } };
  const maxFile = Math.max(1_000, Math.floor(opts.totalBytes / 8));
  await mkdir(dir, { recursive: true });

  while (result.bytes < opts.totalBytes) {
    let lang: Lang;
    let format: GenFormat;
    const opening = OPENING[result.files];
    if (opening !== undefined) {
      [lang, format] = opening;
    } else {
      // Steer towards the target shares by bytes so that a few huge files do not skew the mix.
      const total = result.bytes || 1;
      const langs: Lang[] = ['en', 'ru', 'uk'];
      lang = rng.chance(0.7)
        ? langs.reduce((a, b) => (LANG_SHARE[b] - (result.byLanguage[b] ?? 0) / total > LANG_SHARE[a] - (result.byLanguage[a] ?? 0) / total ? b : a))
        : weighted(rng, langs.map((l): [Lang, number] => [l, LANG_SHARE[l]]));
      format = weighted(rng, FORMAT_WEIGHTS[lang]);
    }
    const candidates = CORPUS_SOURCES.filter((s) => s.lang === lang && s.format === format);
    const source = rng.pick(candidates);
    const target = Math.max(1_000, Math.min(fileSize(rng), maxFile, opts.totalBytes - result.bytes));
    let clock = clocks.get(source.name);
    if (clock === undefined) {
      clock = new Clock(rng);
      clocks.set(source.name, clock);
    }
    const n = (counters.get(source.name) ?? 0) + 1;
    counters.set(source.name, n);
    const folder = join(dir, source.name);
    await mkdir(folder, { recursive: true });
    const file = join(folder, `${PREFIX[format]}-${String(n).padStart(5, '0')}.${EXT[format]}`);
    const sink = await Sink.open(file, format === 'text-cp1251' ? 'cp1251' : 'utf8');
    try {
      const job: FileJob = { source, target, clock };
      if (format === 'html') await writeHtml(w, sink, job);
      else if (format === 'jsonl') await writeJsonl(w, sink, job);
      else await writeDump(w, sink, job);
    } finally {
      await sink.close();
    }
    result.files++;
    result.bytes += sink.bytes;
    result.byFormat[format] = (result.byFormat[format] ?? 0) + 1;
    result.byLanguage[lang] = (result.byLanguage[lang] ?? 0) + sink.bytes;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// CLI: node dist/bench/ingest/generate.js --out DIR --mb N --seed S

function parseCli(argv: readonly string[]): { out: string; mb: number; seed: number } {
  let out: string | null = null;
  let mb = 200;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag !== '--out' && flag !== '--mb' && flag !== '--seed') throw new Error(`unknown argument ${flag ?? ''}; use --out DIR --mb N --seed S`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--out') out = value;
    else {
      const n = Number(value);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number, got "${value}"`);
      if (flag === '--mb') mb = n;
      else seed = Math.floor(n);
    }
  }
  if (out === null) throw new Error('--out DIR is required');
  return { out, mb, seed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let args: { out: string; mb: number; seed: number };
  try {
    args = parseCli(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`generate: ${(err as Error).message}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const r = await generateCorpus(args.out, { totalBytes: Math.round(args.mb * 1024 * 1024), seed: args.seed });
  const secs = (performance.now() - started) / 1000;
  const formats = Object.entries(r.byFormat).map(([k, v]) => `${k} ${v}`).join(', ');
  const langs = Object.entries(r.byLanguage).map(([k, v]) => `${k} ${((100 * v) / r.bytes).toFixed(0)}%`).join(', ');
  process.stdout.write(`wrote ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(1)} s to ${args.out}\nformats: ${formats}\nlanguages (bytes): ${langs}\n`);
}
