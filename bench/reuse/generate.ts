// Deterministic corpus for the reuse benchmarks: English and Russian items built from word lists
// and sentence templates, with planted near-duplicates (copies of earlier items in other sources,
// 0–30% of words edited), planted shared passages (20–200 words pasted into 2–8 unrelated items
// with small edits) and a footer line repeated in every item of a source (boilerplate, never a
// passage). Items keep only a recipe; `text` is rebuilt from it on each read, so 100,000 items
// take a few tens of megabytes whatever their length.
import { Rng } from '../common/rng.js';

export type ReuseLang = 'en' | 'ru';

export interface ReuseSource {
  id: string;
  lang: ReuseLang;
  /** The line every item of this source ends with. */
  footer: string;
}

/** One generated item; `text` is rebuilt from a compact recipe on every read. */
export interface ReuseItem {
  id: string;
  source: string;
  /** YYYY-MM-DD. */
  publishedAt: string;
  readonly text: string;
}

/** One planted occurrence: UTF-16 offsets of the pasted passage in the item's text. */
export interface PassageOccurrence {
  itemId: string;
  start: number;
  end: number;
}

export interface ReuseTruth {
  /**
   * Planted copies: copy id → id of the item it was copied from (an earlier item, in another
   * source; or, for a few verbatim reposts, the same source). A copy shares its whole text with
   * its original, so passage benchmarks should leave these pairs out.
   */
  duplicateOf: Map<string, string>;
  /** Planted passages: the text as first written, and every occurrence (edited lightly). */
  passages: Array<{ text: string; occurrences: PassageOccurrence[] }>;
}

export interface ReuseCorpus {
  items: ReuseItem[];
  truth: ReuseTruth;
}

export interface ReuseCorpusOptions {
  items: number;
  seed?: number;
}

// ---------------------------------------------------------------------------------------------
// PRNG

// ---------------------------------------------------------------------------------------------
// Sources (fictional outlets)

export const REUSE_SOURCES: readonly ReuseSource[] = [
  {
    id: 'harbour-ledger',
    lang: 'en',
    footer:
      'The Harbour Ledger is an independent newsroom funded by its readers. Republishing is allowed only with an active link to harbour-ledger.example. Follow us on our channel for daily updates.',
  },
  {
    id: 'northfield-dispatch',
    lang: 'en',
    footer:
      'Northfield Dispatch | All rights reserved. Opinions of the authors may not coincide with the position of the editors. Send your tips to the newsroom through the secure form on our website.',
  },
  {
    id: 'civic-lantern',
    lang: 'en',
    footer:
      'Support the Civic Lantern: we take no money from governments or parties. Subscribe to the weekly newsletter and share this article with your friends if you found it useful.',
  },
  {
    id: 'meridian-watch',
    lang: 'en',
    footer:
      'Meridian Watch monitors politics across the region since 2009. Any use of materials requires a hyperlink to meridian-watch.example. Comments are moderated and may take a day to appear.',
  },
  {
    id: 'patriot-signal-forum',
    lang: 'en',
    footer:
      'Posted on the Patriot Signal forum. Members are responsible for their own posts. Read the forum rules before replying and report spam to the moderators using the button below.',
  },
  {
    id: 'vestnik-zarechya',
    lang: 'ru',
    footer:
      '«Вестник Заречья» — независимое издание. Перепечатка материалов разрешена только при наличии активной ссылки на vestnik-zarechya.example. Подписывайтесь на наш канал, чтобы не пропустить главное.',
  },
  {
    id: 'severny-kurier',
    lang: 'ru',
    footer:
      'Северный курьер. Все права защищены. Мнение авторов может не совпадать с позицией редакции. Сообщить новость можно через форму обратной связи на нашем сайте или в мессенджере.',
  },
  {
    id: 'narodny-golos',
    lang: 'ru',
    footer:
      'Поддержите «Народный голос»: мы не берём денег у государства и партий. Оформите подписку на рассылку и поделитесь этой статьёй с друзьями, если она оказалась вам полезной.',
  },
  {
    id: 'pravda-priozerya',
    lang: 'ru',
    footer:
      'Правда Приозёрья следит за политикой региона с 2011 года. Любое использование материалов допускается только с гиперссылкой на pravda-priozerya.example. Комментарии проходят модерацию.',
  },
  {
    id: 'forum-svetlogorska',
    lang: 'ru',
    footer:
      'Сообщение опубликовано на форуме Светлогорска. Участники сами отвечают за свои сообщения. Перед ответом прочитайте правила форума и сообщайте о спаме модераторам с помощью кнопки ниже.',
  },
];

const SOURCES_BY_LANG: Record<ReuseLang, number[]> = { en: [], ru: [] };
REUSE_SOURCES.forEach((s, i) => SOURCES_BY_LANG[s.lang].push(i));

// ---------------------------------------------------------------------------------------------
// Vocabulary and templates

type Sentence = (r: Rng) => string;

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const num = (r: Rng, lo: number, hi: number, step = 1): string => String(r.range(lo / step, hi / step) * step);

const EN = {
  people: [
    'Senator Dana Whitcombe', 'Governor Elena Marsh', 'deputy Viktor Lanning', 'Minister Oleg Varnas',
    'spokesman Adrian Pell', 'Mayor Colin Averill', 'Colonel Ruth Hadley', 'analyst Marek Jansen',
    'Ambassador Irina Kolbe', 'Councillor Tom Brannagh', 'Professor Hugo Stannard', 'blogger Lisa Quell',
    'General Anton Meyer', 'Speaker Nadia Farrow', 'Prime Minister Karl Ostrander', 'commissioner Petra Lindqvist',
    'activist Sam Okafor', 'judge Helena Voss', 'party leader Gregor Halloran', 'economist Yara Benning',
  ],
  orgs: [
    'the regional assembly', 'the energy regulator', 'the election commission', 'the defence ministry',
    'the Northern Alliance', 'the central bank', 'the border service', 'the state broadcaster',
    'the opposition bloc', 'the constitutional court', 'the foreign ministry', 'the national guard',
    'the customs agency', 'the health inspectorate', 'Civic Watch', 'the Free Press Union',
    'the governing coalition', 'the city council', 'the prosecutor general', 'the Veterans League',
  ],
  places: [
    'Eastbridge', 'Port Selmar', 'Oakridge', 'Karvonia', 'the northern districts', 'the border region',
    'Lake Tarn', 'Westmoor', 'the capital', 'Novaya Tersk', 'the coastal provinces', 'Greyhaven',
    'the river valley', 'Brenholt', 'the mining towns', 'Saltmarsh',
  ],
  topics: [
    'the grain deal', 'the gas pipeline', 'the new media law', 'the referendum', 'the ceasefire talks',
    'the pension reform', 'the military budget', 'the sanctions package', 'the bridge contracts',
    'the flood recovery fund', 'the vaccination campaign', 'foreign funding of charities', 'the language law',
    'the emergency decree', 'the local elections', 'the fuel subsidies', 'the border fence',
    'the mobilisation order', 'the internet blackout', 'the arms shipments', 'the port privatisation',
    'the school closures', 'the water tariffs', 'the curfew',
  ],
  said: ['said', 'claimed', 'insisted', 'warned', 'announced', 'admitted', 'alleged', 'stressed', 'told reporters', 'wrote on social media'],
  acted: ['blocked', 'approved', 'condemned', 'postponed', 'leaked', 'cancelled', 'investigated', 'defended', 'criticised', 'funded', 'rejected', 'signed', 'exposed', 'ignored', 'welcomed'],
  adjectives: ['so-called', 'illegal', 'secret', 'unprecedented', 'controversial', 'long-awaited', 'foreign-backed', 'corrupt', 'disastrous', 'hasty', 'historic', 'shameful', 'fragile', 'expensive'],
  times: ['on Monday', 'on Tuesday', 'on Wednesday', 'late on Thursday', 'on Friday', 'last week', 'earlier this month', 'in March', 'at dawn', 'two days ago', 'this morning', 'after midnight', 'over the weekend'],
  future: ['next week', 'on Friday', 'at the end of the month', 'before the summer', 'after the holidays'],
  groups: ['pensioners', 'farmers', 'students', 'veterans', 'local journalists', 'truck drivers', 'teachers', 'residents of the border villages', 'small business owners', 'volunteers', 'refugees', 'doctors'],
  claims: [
    'the West is preparing a provocation', 'foreign agents are behind the protests', 'the elections were rigged',
    'the sanctions hurt only ordinary people', 'the government is selling the country', 'the opposition is paid from abroad',
    'the media are hiding the truth', 'prices will rise again by the summer', 'there is no threat at all',
    'every decision has long been made for us', 'the army is ready for any scenario', 'the report was written in a foreign embassy',
    'nobody will be punished for the theft', 'the crisis was invented by bankers',
  ],
  gerunds: ['sabotaging', 'hiding the cost of', 'exaggerating', 'lying about', 'delaying', 'profiting from'],
  channels: ['a leaked memo', 'an anonymous Telegram channel', 'local radio', 'their neighbours', 'a foreign website', 'a church newsletter'],
  outlets: ['the Harbour Ledger', 'Northfield Dispatch', 'the Civic Lantern', 'Meridian Watch', 'state television'],
  ordinals: ['second', 'third', 'fourth', 'fifth', 'sixth'],
  fillers: ['reportedly', 'allegedly', 'officially', 'again', 'quietly', 'finally', 'openly', 'suddenly', 'apparently', 'nevertheless', 'indeed', 'however', 'certainly', 'partly'],
};

const EN_SENTENCES: Sentence[] = [
  (r) => `${cap(r.pick(EN.people))} ${r.pick(EN.said)} that ${r.pick(EN.orgs)} had ${r.pick(EN.acted)} ${r.pick(EN.topics)} ${r.pick(EN.times)}.`,
  (r) => `According to ${r.pick(EN.orgs)}, ${num(r, 20, 9000)} ${r.pick(EN.groups)} in ${r.pick(EN.places)} were affected by ${r.pick(EN.topics)}.`,
  (r) => `"${cap(r.pick(EN.claims))}," ${r.pick(EN.people)} ${r.pick(EN.said)}.`,
  (r) => `Critics say ${r.pick(EN.topics)} is ${r.pick(EN.adjectives)} and will hurt ${r.pick(EN.groups)} in ${r.pick(EN.places)}.`,
  (r) => `${cap(r.pick(EN.orgs))} has not commented on the ${r.pick(EN.adjectives)} decision about ${r.pick(EN.topics)}.`,
  (r) => `${cap(r.pick(EN.times))}, about ${num(r, 50, 5000, 50)} people gathered in ${r.pick(EN.places)} to protest against ${r.pick(EN.topics)}.`,
  (r) => `A report by ${r.pick(EN.orgs)} claims that ${r.pick(EN.claims)}.`,
  (r) => `${cap(r.pick(EN.people))} ${r.pick(EN.acted)} the plan for ${r.pick(EN.topics)} and called it ${r.pick(EN.adjectives)}.`,
  (r) => `Observers in ${r.pick(EN.places)} noted that ${r.pick(EN.orgs)} ${r.pick(EN.acted)} ${r.pick(EN.topics)} without a public debate.`,
  (r) => `In an interview with ${r.pick(EN.outlets)}, ${r.pick(EN.people)} said that ${r.pick(EN.claims)}.`,
  (r) => `Officials expect ${r.pick(EN.topics)} to cost about ${num(r, 2, 900)} million crowns by ${num(r, 2025, 2031)}.`,
  (r) => `Meanwhile, ${r.pick(EN.groups)} in ${r.pick(EN.places)} complained that ${r.pick(EN.orgs)} had ${r.pick(EN.acted)} their petition.`,
  (r) => `${cap(r.pick(EN.people))} ${r.pick(EN.said)} that ${r.pick(EN.claims)}, but offered no evidence.`,
  (r) => `The decision came ${num(r, 2, 40)} days after ${r.pick(EN.orgs)} ${r.pick(EN.acted)} ${r.pick(EN.topics)}.`,
  (r) => `Supporters of ${r.pick(EN.people)} accused ${r.pick(EN.orgs)} of ${r.pick(EN.gerunds)} ${r.pick(EN.topics)}.`,
  (r) => `Asked about ${r.pick(EN.topics)}, ${r.pick(EN.people)} replied that ${r.pick(EN.claims)}.`,
  (r) => `Residents of ${r.pick(EN.places)} say they learned about ${r.pick(EN.topics)} from ${r.pick(EN.channels)}.`,
  (r) => `It is the ${r.pick(EN.ordinals)} time this year that ${r.pick(EN.orgs)} has ${r.pick(EN.acted)} ${r.pick(EN.topics)}.`,
  (r) => `${cap(r.pick(EN.people))} is expected to visit ${r.pick(EN.places)} ${r.pick(EN.future)} to discuss ${r.pick(EN.topics)} with ${r.pick(EN.groups)}.`,
  (r) => `${cap(r.pick(EN.fillers))}, ${r.pick(EN.orgs)} ${r.pick(EN.acted)} ${r.pick(EN.topics)} ${r.pick(EN.times)} — a move ${r.pick(EN.people)} called ${r.pick(EN.adjectives)}.`,
];

type Gendered = { name: string; g: 'm' | 'f' };
type Cased = { nom: string; gen: string };
const g2 = (m: string, f: string): Record<'m' | 'f', string> => ({ m, f });

const RU = {
  people: [
    { name: 'депутат Игорь Савельев', g: 'm' }, { name: 'губернатор Марина Ветрова', g: 'f' },
    { name: 'министр Олег Варнас', g: 'm' }, { name: 'политолог Денис Корнилов', g: 'm' },
    { name: 'блогер Алина Журавлёва', g: 'f' }, { name: 'мэр Геннадий Руднев', g: 'm' },
    { name: 'депутат Анна Ковалёва', g: 'f' }, { name: 'генерал Виктор Ламов', g: 'm' },
    { name: 'председатель комиссии Ольга Стрельцова', g: 'f' }, { name: 'активист Павел Сомов', g: 'm' },
    { name: 'экономист Ирина Белых', g: 'f' }, { name: 'посол Аркадий Нестеров', g: 'm' },
    { name: 'судья Елена Горская', g: 'f' }, { name: 'лидер партии Фёдор Кречетов', g: 'm' },
    { name: 'журналист Татьяна Миронова', g: 'f' }, { name: 'полковник Сергей Дубов', g: 'm' },
  ] as Gendered[],
  orgs: [
    { nom: 'областная дума', gen: 'областной думы' }, { nom: 'избирательная комиссия', gen: 'избирательной комиссии' },
    { nom: 'министерство обороны', gen: 'министерства обороны' }, { nom: 'Центробанк', gen: 'Центробанка' },
    { nom: 'пограничная служба', gen: 'пограничной службы' }, { nom: 'мэрия', gen: 'мэрии' },
    { nom: 'прокуратура', gen: 'прокуратуры' }, { nom: 'движение «Честный счёт»', gen: 'движения «Честный счёт»' },
    { nom: 'правительство', gen: 'правительства' }, { nom: 'Совет безопасности', gen: 'Совета безопасности' },
    { nom: 'госкорпорация «Речной транзит»', gen: 'госкорпорации «Речной транзит»' }, { nom: 'Союз ветеранов', gen: 'Союза ветеранов' },
    { nom: 'городской совет', gen: 'городского совета' }, { nom: 'таможенная служба', gen: 'таможенной службы' },
  ] as Cased[],
  topics: [
    { nom: 'зерновая сделка', gen: 'зерновой сделки' }, { nom: 'новый закон о СМИ', gen: 'нового закона о СМИ' },
    { nom: 'пенсионная реформа', gen: 'пенсионной реформы' }, { nom: 'военный бюджет', gen: 'военного бюджета' },
    { nom: 'пакет санкций', gen: 'пакета санкций' }, { nom: 'перенос выборов', gen: 'переноса выборов' },
    { nom: 'мобилизация', gen: 'мобилизации' }, { nom: 'газопровод', gen: 'газопровода' },
    { nom: 'референдум', gen: 'референдума' }, { nom: 'строительство моста', gen: 'строительства моста' },
    { nom: 'закон об иноагентах', gen: 'закона об иноагентах' }, { nom: 'повышение тарифов', gen: 'повышения тарифов' },
    { nom: 'отключение интернета', gen: 'отключения интернета' }, { nom: 'поставки оружия', gen: 'поставок оружия' },
    { nom: 'гуманитарный коридор', gen: 'гуманитарного коридора' }, { nom: 'языковой закон', gen: 'языкового закона' },
    { nom: 'приватизация порта', gen: 'приватизации порта' }, { nom: 'закрытие школ', gen: 'закрытия школ' },
  ] as Cased[],
  places: [
    'в Светлогорске', 'в Заречье', 'в Приозёрске', 'на границе', 'в Заречном районе', 'в приграничных сёлах',
    'в областном центре', 'в Каменске', 'в Верхнеречье', 'на севере области', 'в столице', 'в Озёрном', 'в Старой Ладе',
  ],
  groups: [
    { nom: 'пенсионеры', gen: 'пенсионеров' }, { nom: 'фермеры', gen: 'фермеров' }, { nom: 'студенты', gen: 'студентов' },
    { nom: 'ветераны', gen: 'ветеранов' }, { nom: 'местные журналисты', gen: 'местных журналистов' },
    { nom: 'дальнобойщики', gen: 'дальнобойщиков' }, { nom: 'учителя', gen: 'учителей' },
    { nom: 'жители приграничных сёл', gen: 'жителей приграничных сёл' }, { nom: 'предприниматели', gen: 'предпринимателей' },
    { nom: 'волонтёры', gen: 'волонтёров' }, { nom: 'беженцы', gen: 'беженцев' }, { nom: 'врачи', gen: 'врачей' },
  ] as Cased[],
  said: [g2('заявил', 'заявила'), g2('сообщил', 'сообщила'), g2('подчеркнул', 'подчеркнула'), g2('предупредил', 'предупредила'), g2('признал', 'признала'), g2('написал в соцсетях', 'написала в соцсетях')],
  opposed: [g2('выступил против', 'выступила против'), g2('потребовал отмены', 'потребовала отмены'), g2('поддержал идею', 'поддержала идею'), g2('раскритиковал проект', 'раскритиковала проект')],
  claims: [
    'Запад готовит провокацию', 'за протестами стоят иностранные агенты', 'выборы были сфальсифицированы',
    'санкции бьют только по простым людям', 'власти продают страну', 'оппозицию финансируют из-за рубежа',
    'СМИ скрывают правду', 'цены вырастут уже к лету', 'никакой угрозы нет', 'все решения давно приняты за нас',
    'армия готова к любому сценарию', 'доклад написали в иностранном посольстве', 'за хищения никто не ответит',
    'кризис придумали банкиры',
  ],
  adjectives: ['незаконным', 'провальным', 'беспрецедентным', 'поспешным', 'историческим', 'позорным', 'опасным', 'вынужденным', 'скандальным'],
  times: ['в понедельник', 'во вторник', 'в среду', 'вечером в четверг', 'в пятницу', 'на прошлой неделе', 'в начале месяца', 'накануне', 'сегодня утром', 'два дня назад', 'в марте', 'после полуночи'],
  future: ['на следующей неделе', 'в пятницу', 'в конце месяца', 'до начала лета', 'после праздников'],
  channels: ['утечки документов', 'анонимного телеграм-канала', 'местного радио', 'разговоров с соседями', 'иностранного сайта', 'приходской газеты'],
  outlets: ['Вестник Заречья', 'Северный курьер', 'Народный голос', 'Правда Приозёрья', 'Первый областной'],
  ordinals: ['второе', 'третье', 'четвёртое', 'пятое', 'шестое'],
  fillers: ['якобы', 'официально', 'снова', 'тихо', 'наконец', 'открыто', 'внезапно', 'по-видимому', 'всё-таки', 'действительно', 'однако', 'конечно', 'отчасти', 'уже'],
};

const RU_SENTENCES: Sentence[] = [
  (r) => {
    const p = r.pick(RU.people);
    return `${cap(p.name)} ${r.pick(RU.said)[p.g]}, что ${r.pick(RU.claims)}.`;
  },
  (r) => `По данным ${r.pick(RU.orgs).gen}, ${r.pick(RU.groups).nom} ${r.pick(RU.places)} пострадали из-за ${r.pick(RU.topics).gen}.`,
  (r) => {
    const p = r.pick(RU.people);
    return `«${cap(r.pick(RU.claims))}», — ${r.pick(RU.said)[p.g]} ${p.name}.`;
  },
  (r) => `Критики называют решение ${r.pick(RU.adjectives)} и предупреждают, что от него пострадают ${r.pick(RU.groups).nom} ${r.pick(RU.places)}.`,
  (r) => `Представители ${r.pick(RU.orgs).gen} отказались комментировать судьбу ${r.pick(RU.topics).gen}.`,
  (r) => `${cap(r.pick(RU.times))} ${r.pick(RU.places)} на акцию протеста против ${r.pick(RU.topics).gen} вышли ${num(r, 50, 5000, 50)} человек.`,
  (r) => `В докладе ${r.pick(RU.orgs).gen} утверждается, что ${r.pick(RU.claims)}.`,
  (r) => {
    const p = r.pick(RU.people);
    return `${cap(p.name)} ${r.pick(RU.opposed)[p.g]} ${r.pick(RU.topics).gen} и назвал${p.g === 'f' ? 'а' : ''} решение ${r.pick(RU.adjectives)}.`;
  },
  (r) => `Наблюдатели ${r.pick(RU.places)} отмечают, что обсуждение ${r.pick(RU.topics).gen} прошло без участия жителей.`,
  (r) => {
    const p = r.pick(RU.people);
    return `В интервью изданию «${r.pick(RU.outlets)}» ${p.name} ${r.pick(RU.said)[p.g]}, что ${r.pick(RU.claims)}.`;
  },
  (r) => `По оценкам экспертов, стоимость ${r.pick(RU.topics).gen} превысит ${num(r, 20, 900, 10)} миллионов рублей к ${num(r, 2025, 2031)} году.`,
  (r) => `Тем временем ${r.pick(RU.groups).nom} ${r.pick(RU.places)} жалуются, что их обращения в адрес ${r.pick(RU.orgs).gen} остаются без ответа.`,
  (r) => {
    const p = r.pick(RU.people);
    return `${cap(p.name)} ${r.pick(RU.said)[p.g]}, что ${r.pick(RU.claims)}, однако доказательств не ${p.g === 'f' ? 'привела' : 'привёл'}.`;
  },
  (r) => `Решение было принято через ${num(r, 5, 20)} дней после обсуждения ${r.pick(RU.topics).gen} ${r.pick(RU.places)}.`,
  (r) => `Сторонники оппозиции обвинили руководство ${r.pick(RU.orgs).gen} в срыве ${r.pick(RU.topics).gen}.`,
  (r) => {
    const p = r.pick(RU.people);
    return `Отвечая на вопрос о судьбе ${r.pick(RU.topics).gen}, ${p.name} ${r.pick(RU.said)[p.g]}, что ${r.pick(RU.claims)}.`;
  },
  (r) => `${cap(r.pick(RU.groups).nom)} ${r.pick(RU.places)} узнали об этом из ${r.pick(RU.channels)}.`,
  (r) => `Это уже ${r.pick(RU.ordinals)} обсуждение ${r.pick(RU.topics).gen} в этом году, и ${r.pick(RU.fillers)} не последнее.`,
  (r) => `${cap(r.pick(RU.people).name)} ${r.pick(RU.future)} посетит регион, чтобы обсудить судьбу ${r.pick(RU.topics).gen} с представителями ${r.pick(RU.orgs).gen}.`,
  (r) => {
    const p = r.pick(RU.people);
    return `Как ${r.pick(RU.said)[p.g]} ${p.name}, ${r.pick(RU.claims)}, а ${r.pick(RU.groups).nom} ${r.pick(RU.places)} ${r.pick(RU.fillers)} ждут решения ${r.pick(RU.orgs).gen}.`;
  },
];

const SENTENCES: Record<ReuseLang, Sentence[]> = { en: EN_SENTENCES, ru: RU_SENTENCES };
// Words an edit puts in: ordinary vocabulary of the language, so edited copies still read as text;
// one word each (no hyphens), so an edited passage keeps its word count.
const EDIT_WORDS: Record<ReuseLang, string[]> = {
  en: [...EN.fillers.filter((w) => !w.includes('-')), 'people', 'government', 'plan', 'money', 'vote', 'today', 'city', 'region', 'report', 'officials', 'many', 'new', 'old', 'very'],
  ru: [...RU.fillers.filter((w) => !w.includes('-')), 'люди', 'власти', 'план', 'деньги', 'голосование', 'сегодня', 'город', 'регион', 'доклад', 'чиновники', 'многие', 'новый', 'старый', 'очень'],
};

const wordCount = (s: string): number => (s.length === 0 ? 0 : s.split(' ').length);

/** Sentences of the language until at least `words` words. */
function sentences(r: Rng, lang: ReuseLang, words: number): string[] {
  const out: string[] = [];
  let n = 0;
  while (n < words) {
    const s = r.pick(SENTENCES[lang])(r);
    out.push(s);
    n += wordCount(s);
  }
  return out;
}

/** Groups sentences into paragraphs of 1–5 sentences. */
function paragraphs(r: Rng, sents: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < sents.length) {
    const k = r.range(1, 5);
    out.push(sents.slice(i, i + k).join(' '));
    i += k;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Edits

const QUOTE_STYLES: Array<[string, string]> = [
  ['«', '»'],
  ['"', '"'],
  ['“', '”'],
  ['„', '“'],
];

/** Changes quote style throughout: «x» ↔ "x" ↔ “x”. Never changes a word. */
function swapQuotes(r: Rng, text: string): string {
  const [open, close] = r.pick(QUOTE_STYLES);
  let opening = true;
  return text.replace(/[«»"“”„]/g, () => {
    const q = opening ? open : close;
    opening = !opening;
    return q;
  });
}

const TRAILING_PUNCT = /[.,!?:;»"”“]+$/;

/** Replaces, deletes or inserts about `rate` of the words, in short runs, plus free case and punctuation changes. */
function editWords(r: Rng, lang: ReuseLang, paras: string[], rate: number): string[] {
  const tokens = paras.map((p) => p.split(' '));
  const total = tokens.reduce((n, t) => n + t.length, 0);
  let budget = Math.round(rate * total);
  const vocab = EDIT_WORDS[lang];
  while (budget > 0) {
    const para = tokens[r.int(tokens.length)];
    if (para === undefined || para.length === 0) continue;
    const run = Math.min(budget, r.range(1, 3));
    const at = r.int(para.length);
    const op = r.next();
    for (let k = 0; k < run; k++) {
      const i = Math.min(at + k, para.length - 1);
      const tok = para[i] ?? '';
      const punct = TRAILING_PUNCT.exec(tok)?.[0] ?? '';
      if (op < 0.5) para[i] = r.pick(vocab) + punct;
      else if (op < 0.75 && para.length > 1) para.splice(i, 1);
      else para.splice(i + 1, 0, r.pick(vocab));
    }
    budget -= run;
  }
  // Changes that never count as edits: case, commas.
  for (const para of tokens) {
    for (let i = 0; i < para.length; i++) {
      if (!r.chance(0.03)) continue;
      const tok = para[i] ?? '';
      const c = r.int(3);
      if (c === 0) para[i] = tok.toUpperCase();
      else if (c === 1) para[i] = cap(tok);
      else para[i] = tok.endsWith(',') ? tok.slice(0, -1) : TRAILING_PUNCT.test(tok) ? tok : tok + ',';
    }
  }
  return tokens.filter((t) => t.length > 0).map((t) => t.join(' '));
}

/** A pasted passage as it appears in one item: a word or two changed, quote style, case. */
function editPassage(r: Rng, lang: ReuseLang, text: string): string {
  const tokens = text.split(' ');
  const changes = r.range(0, 2);
  for (let k = 0; k < changes; k++) {
    const i = r.int(tokens.length);
    const punct = TRAILING_PUNCT.exec(tokens[i] ?? '')?.[0] ?? '';
    tokens[i] = r.pick(EDIT_WORDS[lang]) + punct;
  }
  if (r.chance(0.3)) {
    const i = r.int(tokens.length);
    tokens[i] = (tokens[i] ?? '').toUpperCase();
  }
  let out = tokens.join(' ');
  if (r.chance(0.5)) out = swapQuotes(r, out);
  if (r.chance(0.2)) out = out.charAt(0).toLowerCase() + out.slice(1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Recipes

interface BaseRecipe {
  kind: 'base';
  seed: number;
  lang: ReuseLang;
  source: number;
  words: number;
  passage: { index: number; seed: number } | null;
}
interface CopyRecipe {
  kind: 'copy';
  seed: number;
  of: number;
  source: number;
  /** Share of words edited; 0 with `verbatim` for an exact repost. */
  rate: number;
  verbatim: boolean;
}
type Recipe = BaseRecipe | CopyRecipe;

interface PassageRecipe {
  seed: number;
  lang: ReuseLang;
  words: number;
  quoted: boolean;
}

function passageText(p: PassageRecipe): string {
  const r = new Rng(p.seed);
  // A quoted statement adds about six words around the body; the whole stays within 20–200.
  const limit = p.quoted ? 192 : 200;
  const target = Math.min(limit, p.quoted ? Math.max(14, p.words - 8) : p.words);
  let body = sentences(r, p.lang, target).join(' ');
  const words = body.split(' ');
  if (words.length > limit) body = words.slice(0, limit).join(' ').replace(/[,;:—-]$/, '') + '.';
  if (!p.quoted) return body;
  if (p.lang === 'en') return `${cap(r.pick(EN.people))} said in a statement: "${body}"`;
  const who = r.pick(RU.people);
  return `В заявлении, которое ${who.g === 'f' ? 'распространила' : 'распространил'} ${who.name}, говорится: «${body}»`;
}

interface Built {
  text: string;
  /** UTF-16 offsets of the planted passage, when there is one. */
  passage: { start: number; end: number } | null;
}

/** Body paragraphs of a base item (no footer, no passage). */
function baseParagraphs(b: BaseRecipe): string[] {
  const r = new Rng(b.seed);
  return paragraphs(r, sentences(r, b.lang, b.words));
}

class Builder {
  constructor(
    private readonly recipes: Recipe[],
    private readonly passages: PassageRecipe[],
  ) {}

  build(i: number): Built {
    const rec = this.recipes[i];
    if (rec === undefined) throw new RangeError(`no item ${i}`);
    const footer = REUSE_SOURCES[rec.source]?.footer ?? '';
    if (rec.kind === 'copy') {
      const orig = this.recipes[rec.of];
      if (orig === undefined || orig.kind !== 'base') throw new Error(`copy ${i} of a non-base item`);
      if (rec.verbatim) return this.build(rec.of);
      const r = new Rng(rec.seed);
      let body = editWords(r, orig.lang, baseParagraphs(orig), rec.rate).join('\n\n');
      if (r.chance(0.3)) body = swapQuotes(r, body);
      if (r.chance(0.3)) body = body.replace(/ — /g, ' - ');
      return { text: `${body}\n\n${footer}`, passage: null };
    }
    const paras = baseParagraphs(rec);
    if (rec.passage === null) return { text: `${paras.join('\n\n')}\n\n${footer}`, passage: null };
    const p = this.passages[rec.passage.index];
    if (p === undefined) throw new Error(`no passage ${rec.passage.index}`);
    const r = new Rng(rec.passage.seed);
    const pasted = editPassage(r, p.lang, passageText(p));
    const at = r.int(paras.length + 1);
    // Either a paragraph of its own or glued after the sentences of a paragraph.
    const inline = at < paras.length && r.chance(0.3);
    let text = '';
    let start = -1;
    for (let k = 0; k <= paras.length; k++) {
      if (k === at) {
        if (inline) {
          const para = paras[k] ?? '';
          text += (text ? '\n\n' : '') + para + ' ';
          start = text.length;
          text += pasted;
          continue;
        }
        text += text ? '\n\n' : '';
        start = text.length;
        text += pasted;
      }
      if (k < paras.length) text += (text ? '\n\n' : '') + (paras[k] ?? '');
    }
    return { text: `${text}\n\n${footer}`, passage: { start, end: start + pasted.length } };
  }
}

// ---------------------------------------------------------------------------------------------
// The corpus

const DAY_MS = 86_400_000;
const START = Date.UTC(2022, 0, 1);
const SPAN_DAYS = 3 * 365;

function dateAt(day: number): string {
  return new Date(START + day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Generates the reuse benchmark corpus: about 16% planted copies (a few verbatim), 2.5 passages
 * per 100 items with 2–8 occurrences each, footers in every item of a source. Deterministic per seed.
 */
export function generateReuseCorpus(opts: ReuseCorpusOptions): ReuseCorpus {
  const n = Math.max(0, Math.floor(opts.items));
  const r = new Rng(opts.seed ?? 1);
  const recipes: Recipe[] = [];
  const days: number[] = [];
  const bases: number[] = [];
  const copied = new Uint8Array(n);
  const duplicateOf = new Map<string, string>();
  const ids: string[] = [];

  for (let i = 0; i < n; i++) {
    ids.push(`item-${String(i).padStart(6, '0')}`);
    if (bases.length >= 5 && r.chance(0.16)) {
      const of = r.pick(bases);
      const orig = recipes[of];
      if (orig === undefined || orig.kind !== 'base') throw new Error('copy of a non-base item');
      const verbatim = r.chance(0.06);
      const others = (SOURCES_BY_LANG[orig.lang] ?? []).filter((s) => s !== orig.source);
      const source = verbatim ? orig.source : r.pick(others);
      // Most edits are light, the rest spread up to 30%: Jaccard over 5-word shingles falls fast.
      const band = r.next();
      const rate = verbatim ? 0 : band < 0.45 ? r.next() * 0.015 : band < 0.65 ? 0.015 + r.next() * 0.065 : 0.08 + r.next() * 0.22;
      recipes.push({ kind: 'copy', seed: r.seed(), of, source, rate, verbatim });
      days.push((days[of] ?? 0) + r.range(verbatim ? 0 : 1, 30));
      copied[of] = 1;
      duplicateOf.set(ids[i] ?? '', ids[of] ?? '');
    } else {
      const lang: ReuseLang = r.chance(0.5) ? 'en' : 'ru';
      const source = r.pick(SOURCES_BY_LANG[lang]);
      const footerWords = wordCount(REUSE_SOURCES[source]?.footer ?? '');
      // Sentences overshoot the target by up to one sentence.
      const words = Math.max(80 - footerWords, r.range(80, 600) - footerWords - 20);
      recipes.push({ kind: 'base', seed: r.seed(), lang, source, words, passage: null });
      days.push(r.int(SPAN_DAYS));
      bases.push(i);
    }
  }

  // Passages go into base items nobody copied, so a passage's occurrences are exactly the planted ones.
  const hosts: Record<ReuseLang, number[]> = { en: [], ru: [] };
  for (const i of bases) {
    const rec = recipes[i];
    if (rec?.kind === 'base' && copied[i] === 0) hosts[rec.lang].push(i);
  }
  for (const list of Object.values(hosts)) {
    for (let k = list.length - 1; k > 0; k--) {
      const j = r.int(k + 1);
      [list[k], list[j]] = [list[j] ?? 0, list[k] ?? 0];
    }
  }
  const passageRecipes: PassageRecipe[] = [];
  const passageHosts: number[][] = [];
  const wanted = Math.round(n * 0.025);
  for (let p = 0; p < wanted; p++) {
    const lang: ReuseLang = r.chance(0.5) ? 'en' : 'ru';
    const pool = hosts[lang];
    const k = Math.min(r.range(2, 8), pool.length);
    if (k < 2) break;
    const chosen: number[] = [];
    const usedSources = new Set<number>();
    // Across sources while there are unused ones; then any host.
    for (let tries = 0; chosen.length < k && tries < 4 * k && pool.length > 0; tries++) {
      const h = pool[pool.length - 1] ?? 0;
      const src = recipes[h]?.source ?? 0;
      if (usedSources.has(src) && usedSources.size < (SOURCES_BY_LANG[lang]?.length ?? 0) && tries < 3 * k) {
        // Put it back at a random place and try the next one.
        const j = r.int(pool.length);
        [pool[pool.length - 1], pool[j]] = [pool[j] ?? 0, h];
        continue;
      }
      pool.pop();
      chosen.push(h);
      usedSources.add(src);
    }
    if (chosen.length < 2) break;
    const pr: PassageRecipe = { seed: r.seed(), lang, words: r.range(20, 200), quoted: r.chance(0.4) };
    passageRecipes.push(pr);
    passageHosts.push(chosen);
    const pastedWords = wordCount(passageText(pr));
    for (const h of chosen) {
      const rec = recipes[h];
      if (rec?.kind !== 'base') continue;
      rec.passage = { index: passageRecipes.length - 1, seed: r.seed() };
      // The host's own text shrinks so that the item stays within 600 words.
      const footerWords = wordCount(REUSE_SOURCES[rec.source]?.footer ?? '');
      rec.words = Math.max(40, Math.min(rec.words, 600 - footerWords - pastedWords - 25));
    }
  }

  const builder = new Builder(recipes, passageRecipes);
  const passages = passageRecipes.map((pr, p) => ({
    text: passageText(pr),
    occurrences: (passageHosts[p] ?? [])
      .map((h) => {
        const span = builder.build(h).passage;
        if (span === null) throw new Error(`host ${h} lost its passage`);
        return { itemId: ids[h] ?? '', start: span.start, end: span.end, day: days[h] ?? 0 };
      })
      .sort((a, b) => a.day - b.day || (a.itemId < b.itemId ? -1 : 1))
      .map(({ itemId, start, end }) => ({ itemId, start, end })),
  }));

  const items: ReuseItem[] = recipes.map((rec, i) => ({
    id: ids[i] ?? '',
    source: REUSE_SOURCES[rec.source]?.id ?? '',
    publishedAt: dateAt(days[i] ?? 0),
    get text(): string {
      return builder.build(i).text;
    },
  }));
  return { items, truth: { duplicateOf, passages } };
}
