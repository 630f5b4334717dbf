// Deterministic generator of a large news-like corpus for the search benchmark: English, Russian
// and Ukrainian items of 400–1500 characters from a dozen fictional sources over three years.
//
// What matters for search speed is how terms spread over items, so words are drawn from a Zipf
// law over a ranked vocabulary per language: function words first, then hand-written news words
// (with their inflected forms, so stemmed Cyrillic queries have work to do), then a long tail of
// made-up names, places and adjectives, declined like real ones. Each item also repeats a few
// topic words (term frequency varies, as BM25 expects of real text), some sentences carry fixed
// collocations (phrase queries find them), and a few items are reposts of earlier ones
// (identical text in another source, for --collapse-duplicates).
import { sha256, stableId } from '../../src/core/hash.js';
import { foldForMatching } from '../../src/text/normalise.js';
import { Rng } from '../common/rng.js';

export type SearchLang = 'en' | 'ru' | 'uk';

export interface SearchSourceSpec {
  name: string;
  kind: string;
  /** Share of items per language. */
  langs: Partial<Record<SearchLang, number>>;
  /** Relative number of items. */
  weight: number;
}

/** The fictional sources of the corpus. */
export const SEARCH_SOURCES: readonly SearchSourceSpec[] = [
  { name: 'harbour-gazette', kind: 'site', langs: { en: 1 }, weight: 14 },
  { name: 'northgate-ledger', kind: 'site', langs: { en: 1 }, weight: 10 },
  { name: 'liberty-morning-blog', kind: 'dump', langs: { en: 1 }, weight: 9 },
  { name: 'open-debate-board', kind: 'dump', langs: { en: 0.9, ru: 0.1 }, weight: 8 },
  { name: 'eastern-watch-feed', kind: 'feed', langs: { en: 1 }, weight: 6 },
  { name: 'westbridge-observer', kind: 'site', langs: { en: 1 }, weight: 4 },
  { name: 'vestnik-kraya', kind: 'dump', langs: { ru: 1 }, weight: 12 },
  { name: 'zvezda-obzor', kind: 'channel', langs: { ru: 1 }, weight: 9 },
  { name: 'severny-kurier', kind: 'site', langs: { ru: 1 }, weight: 6 },
  { name: 'nizhneborsk-segodnya', kind: 'dump', langs: { ru: 0.8, uk: 0.2 }, weight: 5 },
  { name: 'holos-kraiu', kind: 'site', langs: { uk: 1 }, weight: 9 },
  { name: 'vilna-hromada', kind: 'channel', langs: { uk: 0.75, ru: 0.25 }, weight: 6 },
];

export interface GeneratedItem {
  /** Source name (SEARCH_SOURCES). */
  source: string;
  language: SearchLang;
  title: string;
  text: string;
  author: string | null;
  /** YYYY-MM-DD, YYYY-MM, or null. */
  publishedAt: string | null;
  datePrecision: 'day' | 'month' | null;
  url: string | null;
  /** sha256 of the folded text, as the ingest pipeline computes it. */
  contentHash: string;
}

/** One captured file: a dump of consecutive items of one source. */
export interface GeneratedCapture {
  source: string;
  /** Stable origin key within the source. */
  originKey: string;
  items: GeneratedItem[];
}

export interface SearchCorpusOptions {
  items: number;
  seed: number;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: lexemes as "form|form|…", most frequent first within each list.

const EN_FUNCTION = `the of and to in a that is for on was with he it as at by from his be have are not this but they
were had which or an their has will been its who after we more said also one all new would there than about over
into she her when no our what could up out some only can two them other so if before last against under while`.split(/\s+/);

const EN_CONTENT = [
  'government|governments', 'minister|ministers', 'election|elections', 'vote|votes|voted|voting', 'war|wars',
  'president|presidents', 'party|parties', 'council|councils|councillor|councillors', 'city|cities', 'people',
  'police', 'report|reports|reported|reporting', 'protest|protests|protesters|protested', 'law|laws', 'court|courts',
  'official|officials', 'border|borders', 'army|armies', 'troops', 'attack|attacks|attacked', 'sanction|sanctions',
  'energy', 'gas', 'price|prices', 'grain', 'harbour|harbours', 'port|ports', 'bridge|bridges', 'ferry|ferries',
  'factory|factories', 'worker|workers', 'strike|strikes', 'media', 'channel|channels', 'journalist|journalists',
  'truth', 'lie|lies|lied', 'enemy|enemies', 'agent|agents', 'foreign', 'western', 'propaganda',
  'campaign|campaigns|campaigned', 'budget|budgets', 'contract|contracts', 'corruption', 'scandal|scandals',
  'investigation|investigations|investigate|investigated', 'statement|statements', 'claim|claims|claimed',
  'source|sources', 'video|videos', 'photo|photos|photographs', 'witness|witnesses', 'refugee|refugees', 'aid',
  'humanitarian', 'security', 'intelligence', 'spy|spies', 'network|networks', 'mayor|mayors', 'region|regions|regional',
  'country|countries', 'nation|nations|national', 'state|states', 'public', 'secret|secrets', 'document|documents',
  'leak|leaks|leaked', 'money', 'bank|banks', 'loan|loans', 'debt|debts', 'tax|taxes', 'school|schools',
  'hospital|hospitals', 'doctor|doctors', 'vaccine|vaccines', 'crisis', 'emergency', 'fuel', 'winter', 'shortage|shortages',
  'farmer|farmers', 'election commission', 'observer|observers', 'ballot|ballots', 'fraud', 'opposition',
  'candidate|candidates', 'deputy|deputies', 'parliament', 'committee|committees', 'decision|decisions', 'plan|plans',
  'deal|deals', 'partner|partners|partnership', 'alliance|alliances', 'military', 'weapon|weapons', 'missile|missiles',
  'drone|drones', 'soldier|soldiers', 'veteran|veterans', 'church|churches', 'language|languages', 'history',
  'memory', 'monument|monuments', 'border guard', 'checkpoint|checkpoints', 'railway|railways', 'road|roads',
  'power|powers', 'blackout|blackouts', 'water', 'pipeline|pipelines', 'company|companies', 'owner|owners',
  'billionaire|billionaires', 'oligarch|oligarchs', 'threat|threats|threatened', 'warning|warnings|warned',
  'rumour|rumours', 'fake|fakes', 'censorship', 'freedom', 'rights', 'victim|victims', 'crowd|crowds',
  'rally|rallies', 'square|squares', 'street|streets', 'district|districts', 'village|villages', 'town|towns',
];

const RU_FUNCTION = `и в не на что с по это как а к из у о за от он мы они так но все же для уже было был была их только
его ее еще бы при после также может того этого когда который которые чтобы даже если или там до этом вы она над
где себя без со ни то под будет сейчас тоже теперь лишь против через здесь более`.split(/\s+/);

const RU_CONTENT = [
  'выборы|выборов|выборах|выборам', 'правительство|правительства|правительстве|правительством',
  'министр|министра|министру|министром|министры|министров', 'президент|президента|президенту|президентом',
  'партия|партии|партию|партией|партий', 'власть|власти|властью|властям', 'город|города|городе|городом|городов',
  'война|войны|войну|войне|войной', 'армия|армии|армию|армией', 'закон|закона|законе|законы|законов',
  'суд|суда|суде|судом', 'граница|границы|границе|границу', 'народ|народа|народу|народом',
  'страна|страны|стране|страну|страной', 'мэрия|мэрии|мэрию', 'завод|завода|заводе|заводом|заводов',
  'рабочие|рабочих|рабочим', 'цена|цены|ценах|цен', 'газ|газа|газом', 'зерно|зерна|зерном', 'мост|моста|мосту|мосте',
  'митинг|митинга|митинге|митинги', 'протест|протесты|протестов|протестах', 'журналист|журналиста|журналисты|журналистов',
  'правда|правды|правду|правде', 'ложь|лжи|ложью', 'враг|врага|враги|врагов|врагам', 'агент|агенты|агентов|агентами',
  'запад|запада|западе|западом', 'пропаганда|пропаганды|пропаганду|пропагандой', 'санкции|санкций|санкциями|санкциях',
  'бюджет|бюджета|бюджете|бюджетом', 'коррупция|коррупции|коррупцию', 'скандал|скандала|скандале|скандалы',
  'расследование|расследования|расследовании', 'заявление|заявления|заявлении|заявлений', 'источник|источники|источников|источника',
  'видео', 'беженцы|беженцев|беженцам', 'помощь|помощи|помощью', 'безопасность|безопасности', 'разведка|разведки|разведку',
  'депутат|депутата|депутаты|депутатов|депутатам', 'комиссия|комиссии|комиссию|комиссией', 'губернатор|губернатора|губернатору',
  'петербург|петербурга|петербурге|петербургом', 'москва|москвы|москве|москву', 'киев|киева|киеве|киевом',
  'жители|жителей|жителям', 'деньги|денег|деньгами', 'банк|банка|банке|банки', 'налог|налоги|налогов',
  'школа|школы|школе|школу', 'больница|больницы|больнице', 'врач|врача|врачи|врачей', 'кризис|кризиса|кризисе',
  'топливо|топлива', 'зима|зимы|зимой|зиму', 'дефицит|дефицита', 'фермеры|фермеров', 'наблюдатели|наблюдателей',
  'бюллетень|бюллетени|бюллетеней', 'оппозиция|оппозиции|оппозицию', 'кандидат|кандидата|кандидаты|кандидатов',
  'парламент|парламента|парламенте', 'решение|решения|решении', 'план|плана|планы|планов', 'сделка|сделки|сделку',
  'союз|союза|союзе', 'оружие|оружия', 'ракета|ракеты|ракет', 'дрон|дроны|дронов', 'солдат|солдаты|солдатам',
  'церковь|церкви', 'язык|языка|языке', 'история|истории|историю', 'память|памяти', 'памятник|памятника|памятники',
  'железная|железной', 'дорога|дороги|дорогу|дорог', 'свет|света', 'вода|воды|воду', 'компания|компании|компаний',
  'олигарх|олигархи|олигархов', 'угроза|угрозы|угрозу', 'предупреждение|предупреждения', 'слухи|слухов', 'фейк|фейки|фейков',
  'цензура|цензуры', 'свобода|свободы|свободу', 'права|прав', 'жертва|жертвы|жертв', 'площадь|площади',
  'улица|улицы|улице', 'район|района|районе', 'село|села|селе', 'заявил|заявила|заявили', 'сообщил|сообщила|сообщили',
  'обещал|обещала|обещали', 'отказался|отказалась|отказались', 'государственный|государственного|государственном|государственные',
  'местный|местного|местные|местных', 'иностранный|иностранного|иностранные|иностранных', 'новый|нового|новые|новых',
];

const UK_FUNCTION = `і в у на не що з до за та як це по від але про для він ми вони вже було був була їх лише його її ще
би при після також може того цього коли який які щоб навіть якщо або там й із над де себе без ні то під буде зараз теж
тепер проти через тут більше вона ви це`.split(/\s+/);

const UK_CONTENT = [
  'вибори|виборів|виборах|виборам', 'уряд|уряду|урядом|урядові', 'міністр|міністра|міністру|міністром|міністри',
  'президент|президента|президенту|президентом', 'партія|партії|партію|партією|партій', 'влада|влади|владою|владу',
  'місто|міста|місті|містом|міст', 'війна|війни|війну|війні|війною', 'армія|армії|армію|армією',
  'закон|закону|законі|закони|законів', 'суд|суду|суді|судом', 'кордон|кордону|кордоні|кордони', 'народ|народу|народом',
  'країна|країни|країні|країну|країною', 'мерія|мерії|мерію', 'завод|заводу|заводі|заводом', 'робітники|робітників',
  'ціна|ціни|цінах|цін', 'газ|газу|газом', 'зерно|зерна|зерном', 'міст|мосту|мості', 'мітинг|мітингу|мітингі|мітинги',
  'протест|протести|протестів', 'журналіст|журналіста|журналісти|журналістів', 'правда|правди|правду|правді',
  'брехня|брехні|брехню', 'ворог|ворога|вороги|ворогів', 'агент|агенти|агентів', 'захід|заходу|заході',
  'пропаганда|пропаганди|пропаганду|пропагандою', 'санкції|санкцій|санкціями', 'бюджет|бюджету|бюджеті',
  'корупція|корупції|корупцію', 'скандал|скандалу|скандалі', 'розслідування', 'заява|заяви|заяву|заяв',
  'джерело|джерела|джерел', 'відео', 'біженці|біженців|біженцям', 'допомога|допомоги|допомогу|допомогою',
  'безпека|безпеки|безпеку', 'розвідка|розвідки|розвідку', 'депутат|депутата|депутати|депутатів',
  'комісія|комісії|комісію|комісією', 'губернатор|губернатора', 'київ|києва|києві|києвом', 'харків|харкова|харкові',
  'львів|львова|львові', 'мешканці|мешканців|мешканцям', 'гроші|грошей|грошима', 'банк|банку|банки', 'податок|податки|податків',
  'школа|школи|школі|школу', 'лікарня|лікарні|лікарню', 'лікар|лікаря|лікарі|лікарів', 'криза|кризи|кризу',
  'пальне|пального', 'зима|зими|зимою|взимку', 'дефіцит|дефіциту', 'фермери|фермерів', 'спостерігачі|спостерігачів',
  'бюлетень|бюлетені|бюлетенів', 'опозиція|опозиції|опозицію', 'кандидат|кандидата|кандидати|кандидатів',
  'парламент|парламенту|парламенті', 'рішення', 'план|плану|плани|планів', 'угода|угоди|угоду', 'союз|союзу|союзі',
  'зброя|зброї|зброю', 'ракета|ракети|ракет', 'дрон|дрони|дронів', 'солдат|солдати|солдатів', 'церква|церкви|церкві',
  'мова|мови|мову|мовою', 'історія|історії|історію', "пам'ять|пам'яті", "пам'ятник|пам'ятника|пам'ятники",
  'залізниця|залізниці|залізницею', 'дорога|дороги|дорогу|доріг', 'світло|світла', 'вода|води|воду', 'компанія|компанії|компаній',
  'олігарх|олігархи|олігархів', 'загроза|загрози|загрозу', 'попередження', 'чутки|чуток', 'фейк|фейки|фейків',
  'цензура|цензури', 'свобода|свободи|свободу', 'права|прав', 'жертва|жертви|жертв', 'площа|площі|площу',
  'вулиця|вулиці|вулицю', 'район|району|районі', 'село|села|селі', 'заявив|заявила|заявили', 'повідомив|повідомила|повідомили',
  'обіцяв|обіцяла|обіцяли', 'відмовився|відмовилася|відмовилися', 'державний|державного|державному|державні',
  'місцевий|місцевого|місцеві|місцевих', 'іноземний|іноземного|іноземні|іноземних', 'новий|нового|нові|нових',
];

/** Fixed collocations per language: phrase queries look for these. */
export const COLLOCATIONS: Readonly<Record<SearchLang, readonly string[]>> = {
  en: [
    'state of emergency', 'Harbour Council', 'election commission', 'foreign agents', 'humanitarian corridor',
    'grain deal', 'the people were never asked', 'port lease', 'independent observers', 'energy prices',
    'fake news', 'western sanctions', 'national security', 'polling station', 'ferry operator',
  ],
  ru: [
    'гуманитарная помощь', 'иностранные агенты', 'избирательная комиссия', 'чрезвычайное положение',
    'по данным источников', 'местные жители', 'цены на газ', 'западные санкции', 'независимые наблюдатели',
    'зерновая сделка', 'партия Обновление', 'как сообщили в мэрии', 'на самом деле', 'народ не спросили', 'в Петербурге',
  ],
  uk: [
    'гуманітарна допомога', 'іноземні агенти', 'виборча комісія', 'надзвичайний стан', 'за даними джерел',
    'місцеві мешканці', 'ціни на газ', 'західні санкції', 'незалежні спостерігачі', 'зернова угода',
    'партія Оновлення', 'як повідомили в мерії', 'насправді', 'народ не запитали', 'у Києві',
  ],
};

// Long tail: made-up names, places and adjectives with their forms, as many as TAIL_SIZE per language.
const TAIL_SIZE = 100_000;

const EN_SYL = ['bar', 'dol', 'ven', 'mar', 'sten', 'hol', 'gra', 'fen', 'lin', 'tor', 'mer', 'cal', 'dov', 'rin', 'shaw', 'wel', 'kes', 'brad', 'corn', 'ash', 'bel', 'thorn', 'ald', 'pen', 'ros', 'wick', 'har', 'lan', 'mor', 'ell', 'tam', 'quin', 'ber', 'sal', 'vor', 'nor'];
const EN_END = ['ton', 'ford', 'by', 'field', 'ham', 'dale', 'more', 'well', 'worth', 'ley', 'son', 'er', 'ing', 'ist', 'ism', 'ity', 'ic', 'ard'];
const RU_SYL = ['вер', 'бор', 'свет', 'гор', 'мир', 'лес', 'зар', 'кра', 'нов', 'сел', 'дуб', 'тем', 'вол', 'крас', 'бел', 'чер', 'яр', 'ост', 'гра', 'мох', 'лип', 'сос', 'рад', 'вел', 'мал', 'сух', 'тих', 'зол', 'сер', 'ков', 'пет', 'сав', 'жур', 'рем', 'тал', 'фед'];
const UK_SYL = ['вер', 'бор', 'світ', 'гір', 'мир', 'ліс', 'зор', 'кра', 'нов', 'сел', 'дуб', 'тем', 'вол', 'черв', 'біл', 'чор', 'яр', 'ост', 'гра', 'мох', 'лип', 'сос', 'рад', 'вел', 'мал', 'сух', 'тих', 'зол', 'сір', 'ков', 'пет', 'сав', 'жур', 'рем', 'тал', 'хвед'];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One made-up lexeme: its forms, most common first. */
function tailLexeme(lang: SearchLang, rng: Rng): string[] {
  const syl = lang === 'en' ? EN_SYL : lang === 'ru' ? RU_SYL : UK_SYL;
  let root = '';
  const n = rng.range(2, 3);
  for (let i = 0; i < n; i++) root += rng.pick(syl);
  const kind = rng.int(4);
  if (lang === 'en') {
    const w = root + rng.pick(EN_END);
    if (kind === 0) return [capitalise(w)];
    if (kind === 1) return [w, `${w}s`];
    return [w];
  }
  if (lang === 'ru') {
    switch (kind) {
      case 0: // a town
        return [`${capitalise(root)}ск`, `${capitalise(root)}ска`, `${capitalise(root)}ске`, `${capitalise(root)}ском`];
      case 1: // a surname
        return [`${capitalise(root)}ин`, `${capitalise(root)}ина`, `${capitalise(root)}ину`, `${capitalise(root)}иным`];
      case 2: // an adjective
        return [`${root}ский`, `${root}ского`, `${root}ском`, `${root}ская`, `${root}ской`];
      default: // a noun
        return [`${root}ство`, `${root}ства`, `${root}стве`, `${root}ством`];
    }
  }
  switch (kind) {
    case 0:
      return [`${capitalise(root)}ськ`, `${capitalise(root)}ська`, `${capitalise(root)}ську`, `${capitalise(root)}ськом`];
    case 1:
      return [`${capitalise(root)}енко`];
    case 2:
      return [`${root}ський`, `${root}ського`, `${root}ському`, `${root}ська`, `${root}ської`];
    default:
      return [`${root}ство`, `${root}ства`, `${root}стві`, `${root}ством`];
  }
}

/** A language's vocabulary in rank order: each entry is one lexeme's forms. */
export interface Vocabulary {
  lang: SearchLang;
  lexemes: string[][];
  /** Number of function words at the head of `lexemes`. */
  functionWords: number;
  /** Number of hand-written news lexemes after the function words. */
  contentWords: number;
}

const vocabCache = new Map<string, Vocabulary>();

/** The ranked vocabulary of a language for a seed (the tail depends on the seed). */
export function vocabulary(lang: SearchLang, seed: number): Vocabulary {
  const key = `${lang}:${seed}`;
  const hit = vocabCache.get(key);
  if (hit) return hit;
  const fn = lang === 'en' ? EN_FUNCTION : lang === 'ru' ? RU_FUNCTION : UK_FUNCTION;
  const content = lang === 'en' ? EN_CONTENT : lang === 'ru' ? RU_CONTENT : UK_CONTENT;
  const lexemes: string[][] = [...new Set(fn)].map((w) => [w]);
  const seen = new Set(lexemes.flat());
  for (const line of content) {
    const forms = line.split('|');
    lexemes.push(forms);
    for (const f of forms) seen.add(f.toLowerCase());
  }
  const rng = new Rng(seed ^ (lang === 'en' ? 0x1e1e : lang === 'ru' ? 0x2a2a : 0x3b3b));
  while (lexemes.length < fn.length + content.length + TAIL_SIZE) {
    const forms = tailLexeme(lang, rng);
    const k = forms[0]?.toLowerCase() ?? '';
    if (seen.has(k)) continue;
    seen.add(k);
    lexemes.push(forms);
  }
  const v: Vocabulary = { lang, lexemes, functionWords: new Set(fn).size, contentWords: content.length };
  vocabCache.set(key, v);
  return v;
}

/** Zipf sampler over ranks 0..n-1 (weight 1/(rank+1)^s), by binary search over the cumulative weights. */
class Zipf {
  private readonly cdf: Float64Array;
  constructor(n: number, s: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += 1 / Math.pow(i + 1, s);
      this.cdf[i] = sum;
    }
    for (let i = 0; i < n; i++) this.cdf[i] = (this.cdf[i] ?? 0) / sum;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

// ---------------------------------------------------------------------------------------------
// Items

const EN_AUTHORS = ['Edwin Marsh', 'Clara Quinn', 'Tom Hadley', 'Ruth Ellison', 'Mark Danvers', 'Alice Norwood', 'Peter Vale', 'Jane Holloway'];
const RU_AUTHORS = ['Игорь Веснин', 'Алла Орлова', 'Сергей Журавлёв', 'Ольга Лисина', 'Павел Громов', 'Наталья Белова', 'Дмитрий Седов'];
const UK_AUTHORS = ['Олена Коваль', 'Тарас Мельник', 'Ірина Бондар', 'Андрій Савчук', 'Марія Ткаченко', 'Василь Гнатюк'];

const DAY_MS = 86_400_000;
const START_DAY = Date.UTC(2022, 0, 1) / DAY_MS;
const DAYS = Date.UTC(2025, 0, 1) / DAY_MS - START_DAY;

interface LangModel {
  vocab: Vocabulary;
  zipf: Zipf;
  /** Topic words: Zipf over the lexemes after the function words. */
  topicZipf: Zipf;
}

/** The text and title of one item. */
function compose(model: LangModel, lang: SearchLang, rng: Rng): { title: string; text: string } {
  const { vocab } = model;
  const form = (lex: string[]): string => (lex.length === 1 || rng.chance(0.5) ? (lex[0] ?? '') : (lex[1 + rng.int(lex.length - 1)] ?? ''));
  const topicCount = rng.range(2, 4);
  const topics: string[][] = [];
  for (let i = 0; i < topicCount; i++) topics.push(vocab.lexemes[vocab.functionWords + model.topicZipf.sample(rng)] ?? ['']);
  const word = (): string => {
    if (rng.chance(0.07)) return form(rng.pick(topics));
    return form(vocab.lexemes[model.zipf.sample(rng)] ?? ['']);
  };
  const target = rng.chance(0.7) ? rng.range(400, 1000) : rng.range(1000, 1500);
  const collocations = COLLOCATIONS[lang];
  let text = '';
  let sentences = 0;
  while (text.length < target - 40 || sentences < 2) {
    const n = rng.range(6, 22);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      words.push(word());
      if (i > 2 && i < n - 2 && rng.chance(0.06)) words[words.length - 1] += ',';
    }
    if (rng.chance(0.12)) words.splice(rng.int(words.length), 0, rng.pick(collocations));
    let s = words.join(' ');
    s = capitalise(s) + (rng.chance(0.9) ? '.' : rng.chance(0.5) ? '?' : '!');
    if (text.length + s.length + 1 > 1500) break;
    text += (text ? (rng.chance(0.15) ? '\n\n' : ' ') : '') + s;
    sentences++;
  }
  const tw: string[] = [form(topics[0] ?? [''])];
  const tn = rng.range(4, 9);
  while (tw.length < tn) tw.push(rng.chance(0.3) ? form(rng.pick(topics)) : word());
  if (rng.chance(0.15)) tw.push(rng.pick(collocations));
  return { title: capitalise(tw.join(' ').replace(/,/g, '')), text };
}

function pickWeighted<T>(rng: Rng, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let u = rng.next() * total;
  for (const [v, w] of entries) {
    u -= w;
    if (u < 0) return v;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('pick from an empty list');
  return last[0];
}

function isoDay(day: number): string {
  return new Date((START_DAY + day) * DAY_MS).toISOString().slice(0, 10);
}

/** The content hash the ingest pipeline gives an item text. */
export function contentHashOf(text: string): string {
  return sha256(foldForMatching(text).replace(/\s+/g, ' ').trim());
}

/**
 * Yields captures (dumps of 1–20 consecutive items of one source) until `items` items were
 * produced. The same options always yield the same captures.
 * @example for (const c of generateSearchCorpus({ items: 1000, seed: 7 })) console.log(c.items.length);
 */
export function* generateSearchCorpus(opts: SearchCorpusOptions): Generator<GeneratedCapture> {
  if (!Number.isInteger(opts.items) || opts.items <= 0) throw new Error(`items must be a positive integer, got ${opts.items}`);
  const rng = new Rng(opts.seed);
  const models = {} as Record<SearchLang, LangModel>;
  for (const lang of ['en', 'ru', 'uk'] as const) {
    const vocab = vocabulary(lang, opts.seed);
    models[lang] = { vocab, zipf: new Zipf(vocab.lexemes.length, 1.1), topicZipf: new Zipf(vocab.lexemes.length - vocab.functionWords, 0.9) };
  }
  const sourceWeights = SEARCH_SOURCES.map((s) => [s, s.weight] as const);
  // Recent texts, for reposts: the same statement appearing in another source a little later.
  const recent: GeneratedItem[] = [];
  const fileNo = new Map<string, number>();
  let produced = 0;
  while (produced < opts.items) {
    const source = pickWeighted(rng, sourceWeights);
    const n = Math.min(opts.items - produced, rng.range(1, 20));
    const no = (fileNo.get(source.name) ?? 0) + 1;
    fileNo.set(source.name, no);
    const items: GeneratedItem[] = [];
    // A dump covers a few consecutive days.
    let day = rng.int(DAYS);
    for (let k = 0; k < n; k++) {
      day = Math.min(DAYS - 1, day + (rng.chance(0.3) ? 1 : 0));
      const lang = pickWeighted(rng, Object.entries(source.langs) as Array<[SearchLang, number]>);
      const repost = recent.length > 50 && rng.chance(0.03) ? recent[rng.int(recent.length)] : undefined;
      const { title, text } = repost ? { title: repost.title, text: repost.text } : compose(models[lang], lang, rng);
      const language = repost ? repost.language : lang;
      const authors = language === 'en' ? EN_AUTHORS : language === 'ru' ? RU_AUTHORS : UK_AUTHORS;
      const dated = rng.next();
      const item: GeneratedItem = {
        source: source.name,
        language,
        title,
        text,
        author: rng.chance(0.6) ? rng.pick(authors) : null,
        publishedAt: dated < 0.95 ? isoDay(day) : dated < 0.98 ? isoDay(day).slice(0, 7) : null,
        datePrecision: dated < 0.95 ? 'day' : dated < 0.98 ? 'month' : null,
        url: source.kind === 'site' ? `https://${source.name}.example/${no}/${k + 1}` : null,
        contentHash: contentHashOf(text),
      };
      items.push(item);
      if (!repost) {
        if (recent.length < 2000) recent.push(item);
        else recent[rng.int(recent.length)] = item;
      }
    }
    produced += items.length;
    yield { source: source.name, originKey: `${source.name}/dump-${String(no).padStart(6, '0')}.txt`, items };
  }
}

/** Stable item id the way the ingest pipeline makes it: source, origin and content (numbered on repeats). */
export function itemIdOf(sourceId: string, originKey: string, contentHash: string, repeat: number): string {
  return repeat === 0 ? stableId(sourceId, originKey, contentHash) : stableId(sourceId, originKey, contentHash, repeat);
}
