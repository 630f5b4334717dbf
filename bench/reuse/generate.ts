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
  /**
   * Filler sentences ('templates'). The templates make unrelated items share 20–30-word stretches
   * by chance; 'varied' composes phrases so that chance overlap is as rare as in real prose.
   */
  filler?: ReuseFiller;
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

// ---------------------------------------------------------------------------------------------
// Varied filler: phrases composed from parts, a choice every two or three words

// The template filler above has about 20 sentences per language with a few slots each, so
// unrelated items share 20–30-word stretches by chance (two sentences in the same order with the
// same slot values) and most 5-grams occur in hundreds of items; real unrelated prose does
// neither. The varied filler composes names, places, topics and claims from parts and frames
// every clause with openers and tails, so a chance 20-word match needs about eight choices to
// agree, while short stock phrases ("said that", "according to") stay common.

const EV = {
  titles: [
    'Senator', 'Governor', 'deputy', 'Minister', 'spokesman', 'Mayor', 'Colonel', 'analyst', 'Ambassador', 'Councillor',
    'Professor', 'blogger', 'General', 'Speaker', 'commissioner', 'activist', 'judge', 'party leader', 'economist',
    'lawyer', 'union leader', 'former minister', 'columnist', 'prosecutor', 'bishop', 'campaigner', 'retired officer',
  ],
  first: [
    'Dana', 'Elena', 'Viktor', 'Oleg', 'Adrian', 'Colin', 'Ruth', 'Marek', 'Irina', 'Tom', 'Hugo', 'Lisa', 'Anton',
    'Nadia', 'Karl', 'Petra', 'Sam', 'Helena', 'Gregor', 'Yara', 'Miriam', 'Jonas', 'Olga', 'Felix', 'Agnes', 'Boris',
    'Clara', 'Dmitri', 'Eva', 'Frank', 'Greta', 'Henrik', 'Ines', 'Jakob', 'Katya', 'Lukas', 'Mona', 'Niels', 'Rosa', 'Tobias',
  ],
  last: [
    'Whitcombe', 'Marsh', 'Lanning', 'Varnas', 'Pell', 'Averill', 'Hadley', 'Jansen', 'Kolbe', 'Brannagh', 'Stannard',
    'Quell', 'Meyer', 'Farrow', 'Ostrander', 'Lindqvist', 'Okafor', 'Voss', 'Halloran', 'Benning', 'Achterberg', 'Bielski',
    'Castellan', 'Dorrance', 'Eckhart', 'Fenwick', 'Gorsky', 'Holm', 'Ivanek', 'Jurgens', 'Kessler', 'Lorimer', 'Mattsson',
    'Novak', 'Orlov', 'Pardee', 'Rasmussen', 'Sorel', 'Tannhauser', 'Ulrich', 'Vance', 'Wexford', 'Zeller', 'Abernathy',
  ],
  orgAdj: ['regional', 'national', 'municipal', 'state', 'central', 'provincial', 'federal', 'independent', 'joint', 'parliamentary', 'interim', 'special'],
  orgNoun: [
    'assembly', 'energy regulator', 'election commission', 'defence ministry', 'bank', 'border service', 'broadcaster',
    'court', 'guard', 'customs agency', 'health inspectorate', 'audit office', 'transport authority', 'police directorate',
    'procurement office', 'council', 'water utility', 'housing agency', 'security committee', 'ombudsman',
  ],
  namedOrgs: [
    'Civic Watch', 'the Free Press Union', 'the Veterans League', 'the Northern Alliance', 'the Farmers Union',
    'the Green Coast party', 'the Open Ledger foundation', 'the Harbour Workers Guild', 'the Union of Teachers', 'Transparency Forum',
  ],
  placeHead: ['East', 'West', 'North', 'South', 'Port', 'Upper', 'Lower', 'New', 'Old', 'Little', 'Great', 'Fort'],
  placeStem: [
    'Selmar', 'Bridge', 'Oak', 'Karvo', 'Tarn', 'Moor', 'Tersk', 'Haven', 'Brenn', 'Salt', 'Ash', 'Elder', 'Fenn', 'Gall',
    'Hollin', 'Iver', 'Juno', 'Kell', 'Lorn', 'Marr', 'Ness', 'Orrin', 'Pell', 'Quarry', 'Rook', 'Stave', 'Thorn', 'Vale',
  ],
  placeTail: ['', 'ford', 'wick', 'by', 'ton', 'field', 'holm', 'dale', 'mouth', 'stead'],
  regions: ['district', 'valley', 'province', 'county', 'border region', 'coastal strip', 'mining belt', 'lake country'],
  topicAdj: [
    'new', 'proposed', 'controversial', 'delayed', 'revised', 'secret', 'long-awaited', 'so-called', 'emergency', 'draft',
    'costly', 'unpopular', 'planned', 'amended', 'temporary', 'disputed', 'foreign-funded', 'second', 'latest', 'cross-border',
  ],
  topicNoun: [
    'grain deal', 'gas pipeline', 'media law', 'referendum', 'ceasefire talks', 'pension reform', 'military budget',
    'sanctions package', 'bridge contracts', 'flood recovery fund', 'vaccination campaign', 'language law', 'decree',
    'election rules', 'fuel subsidies', 'border fence', 'mobilisation order', 'internet shutdown', 'arms shipments',
    'port privatisation', 'school closures', 'water tariffs', 'curfew', 'rail tender', 'housing programme', 'tax amnesty',
    'hospital merger', 'mining licence', 'wind farm', 'refugee quota', 'land registry', 'bank bailout', 'press accreditation',
    'customs union', 'youth service bill', 'airport expansion',
  ],
  groupAdj: ['local', 'retired', 'young', 'angry', 'elderly', 'striking', 'unpaid', 'displaced', 'rural', 'frustrated'],
  groupNoun: [
    'pensioners', 'farmers', 'students', 'veterans', 'journalists', 'truck drivers', 'teachers', 'shopkeepers', 'volunteers',
    'refugees', 'doctors', 'nurses', 'miners', 'fishermen', 'parents', 'dock workers', 'bus drivers', 'tenants',
  ],
  claimSubj: [
    'the authorities', 'foreign donors', 'the bankers', 'the opposition leaders', 'Western diplomats', 'the oligarchs',
    'the ministers', 'the big media', 'the security services', 'the election officials', 'anonymous sponsors', 'the generals',
    'the regional elites', 'the trade unions', 'the international observers', 'the so-called experts',
  ],
  claimPred: [
    'are hiding the truth about', 'have quietly sold off', 'are secretly financing', 'lied to everyone about', 'want to cancel',
    'are profiting from', 'have sabotaged', 'are exaggerating the danger of', 'already decided everything about', 'are afraid of',
    'never cared about', 'will soon abandon', 'are preparing a provocation around', 'invented the crisis over', 'are stalling',
  ],
  said: [
    'said', 'claimed', 'insisted', 'warned', 'announced', 'admitted', 'alleged', 'stressed', 'told reporters', 'wrote on social media',
    'suggested', 'argued', 'complained', 'hinted', 'repeated', 'told a local radio station', 'conceded', 'declared',
  ],
  acted: [
    'blocked', 'approved', 'condemned', 'postponed', 'leaked', 'cancelled', 'investigated', 'defended', 'criticised', 'funded',
    'rejected', 'signed', 'exposed', 'ignored', 'welcomed', 'amended', 'suspended', 'challenged', 'renegotiated', 'praised',
  ],
  adjectives: [
    'illegal', 'secret', 'unprecedented', 'reckless', 'long overdue', 'corrupt', 'disastrous', 'hasty', 'historic', 'shameful',
    'fragile', 'expensive', 'cynical', 'brave', 'pointless', 'dangerous', 'premature', 'irresponsible', 'sensible', 'timid',
  ],
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  parts: ['morning', 'afternoon', 'evening', 'night'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  openers: [
    'Meanwhile,', 'At the same time,', 'According to local media,', 'As expected,', 'In a surprise move,', 'Later,',
    'By contrast,', 'Separately,', 'Earlier,', 'For now,', 'Unsurprisingly,', 'In the capital,', 'On the other hand,',
    'To the surprise of many,', 'Once again,', 'In response,', 'Privately,', 'Officially,', 'Even so,', 'Predictably,',
  ],
  adverbs: ['reportedly', 'allegedly', 'officially', 'again', 'quietly', 'finally', 'openly', 'suddenly', 'apparently', 'indeed', 'partly', 'now', 'still', 'already'],
  channels: [
    'a leaked memo', 'an anonymous Telegram channel', 'local radio', 'their neighbours', 'a foreign website', 'a church newsletter',
    'a viral video', 'a school chat group', 'a court filing', 'a union leaflet', 'a regional talk show', 'a tabloid front page',
  ],
  outlets: ['the Harbour Ledger', 'Northfield Dispatch', 'the Civic Lantern', 'Meridian Watch', 'state television', 'the Evening Courier', 'Radio Baltic North', 'the Weekly Compass'],
  reasons: [
    'citing security concerns', 'without giving a reason', 'after a heated debate', 'under pressure from donors', 'to avoid a strike',
    'despite legal warnings', 'after weeks of protests', 'ahead of the vote', 'on the advice of lawyers', 'to calm the markets',
  ],
};

const evPerson = (r: Rng): string => `${r.pick(EV.titles)} ${r.pick(EV.first)} ${r.pick(EV.last)}`;
const evOrg = (r: Rng): string => (r.chance(0.3) ? r.pick(EV.namedOrgs) : `the ${r.pick(EV.orgAdj)} ${r.pick(EV.orgNoun)}`);
const evTown = (r: Rng): string => {
  const stem = r.pick(EV.placeStem) + r.pick(EV.placeTail);
  return r.chance(0.4) ? `${r.pick(EV.placeHead)} ${stem}` : stem;
};
const evPlace = (r: Rng): string => (r.chance(0.2) ? `the ${evTown(r)} ${r.pick(EV.regions)}` : evTown(r));
const evTopic = (r: Rng): string => {
  const base = `the ${r.pick(EV.topicAdj)} ${r.pick(EV.topicNoun)}`;
  return r.chance(0.3) ? `${base} in ${evTown(r)}` : base;
};
const evGroup = (r: Rng): string => `${r.chance(0.6) ? r.pick(EV.groupAdj) + ' ' : ''}${r.pick(EV.groupNoun)}`;
const evClaim = (r: Rng): string => `${r.pick(EV.claimSubj)} ${r.pick(EV.claimPred)} ${evTopic(r)}`;
const evTime = (r: Rng): string => {
  const k = r.int(4);
  if (k === 0) return `on ${r.pick(EV.days)}`;
  if (k === 1) return `on ${r.pick(EV.days)} ${r.pick(EV.parts)}`;
  if (k === 2) return `in ${r.pick(EV.months)}`;
  return `${num(r, 2, 30)} days ago`;
};
// An opener before a clause, or none.
const evOpen = (r: Rng, clause: string): string => (r.chance(0.35) ? `${r.pick(EV.openers)} ${clause}` : cap(clause));

const EN_VARIED: Sentence[] = [
  (r) => evOpen(r, `${evPerson(r)} ${r.pick(EV.said)} that ${evOrg(r)} had ${r.pick(EV.acted)} ${evTopic(r)} ${evTime(r)}.`),
  (r) => evOpen(r, `according to ${evOrg(r)}, ${num(r, 20, 9000)} ${evGroup(r)} in ${evPlace(r)} were affected by ${evTopic(r)}.`),
  (r) => `"${cap(evClaim(r))}," ${evPerson(r)} ${r.pick(EV.said)}.`,
  (r) => evOpen(r, `critics say ${evTopic(r)} is ${r.pick(EV.adjectives)} and will hurt ${evGroup(r)} in ${evPlace(r)}.`),
  (r) => evOpen(r, `${evOrg(r)} has ${r.pick(EV.adverbs)} ${r.pick(EV.acted)} ${evTopic(r)}, ${r.pick(EV.reasons)}.`),
  (r) => evOpen(r, `${evTime(r)}, about ${num(r, 50, 9000, 10)} people gathered in ${evPlace(r)} to protest against ${evTopic(r)}.`),
  (r) => evOpen(r, `a report by ${evOrg(r)} claims that ${evClaim(r)}.`),
  (r) => evOpen(r, `${evPerson(r)} ${r.pick(EV.acted)} ${evTopic(r)} and called it ${r.pick(EV.adjectives)}.`),
  (r) => evOpen(r, `observers in ${evPlace(r)} noted that ${evOrg(r)} ${r.pick(EV.acted)} ${evTopic(r)} ${r.pick(EV.reasons)}.`),
  (r) => evOpen(r, `in an interview with ${r.pick(EV.outlets)}, ${evPerson(r)} ${r.pick(EV.said)} that ${evClaim(r)}.`),
  (r) => evOpen(r, `officials expect ${evTopic(r)} to cost about ${num(r, 2, 990)} million crowns by ${num(r, 2025, 2034)}.`),
  (r) => evOpen(r, `${evGroup(r)} in ${evPlace(r)} complained that ${evOrg(r)} had ${r.pick(EV.acted)} their petition ${evTime(r)}.`),
  (r) => evOpen(r, `${evPerson(r)} ${r.pick(EV.said)} that ${evClaim(r)}, but offered no evidence.`),
  (r) => evOpen(r, `the decision came ${num(r, 2, 60)} days after ${evOrg(r)} ${r.pick(EV.acted)} ${evTopic(r)}.`),
  (r) => evOpen(r, `supporters of ${evPerson(r)} accused ${evOrg(r)} of ${r.pick(['sabotaging', 'hiding the cost of', 'exaggerating', 'lying about', 'delaying', 'profiting from', 'rushing'])} ${evTopic(r)}.`),
  (r) => evOpen(r, `asked about ${evTopic(r)}, ${evPerson(r)} replied that ${evClaim(r)}.`),
  (r) => evOpen(r, `${evGroup(r)} in ${evPlace(r)} say they learned about ${evTopic(r)} from ${r.pick(EV.channels)}.`),
  (r) => evOpen(r, `${evPerson(r)} is expected to visit ${evPlace(r)} ${r.pick(['next week', 'before the summer', 'after the holidays', 'in ' + r.pick(EV.months)])} to discuss ${evTopic(r)} with ${evGroup(r)}.`),
  (r) => evOpen(r, `${evOrg(r)} ${r.pick(EV.acted)} ${evTopic(r)} ${evTime(r)}, a move ${evPerson(r)} called ${r.pick(EV.adjectives)}.`),
  (r) => evOpen(r, `${num(r, 3, 95)} percent of ${evGroup(r)} surveyed in ${evPlace(r)} oppose ${evTopic(r)}, a poll by ${r.pick(EV.outlets)} found.`),
  (r) => evOpen(r, `the row over ${evTopic(r)} has split ${evOrg(r)}, where ${evPerson(r)} ${r.pick(EV.adverbs)} leads the critics.`),
  (r) => evOpen(r, `a lawsuit filed by ${evGroup(r)} from ${evPlace(r)} challenges ${evTopic(r)} ${r.pick(EV.reasons)}.`),
  (r) => evOpen(r, `${evPerson(r)} and ${evPerson(r)} met in ${evPlace(r)} ${evTime(r)} but failed to agree on ${evTopic(r)}.`),
  (r) => evOpen(r, `the vote on ${evTopic(r)} was moved to ${r.pick(EV.months)} ${num(r, 1, 28)} ${r.pick(EV.reasons)}.`),
  (r) => `"We will not accept ${evTopic(r)}," ${evPerson(r)} told ${evGroup(r)} in ${evPlace(r)}.`,
  (r) => evOpen(r, `${r.pick(EV.outlets)} ${r.pick(['reported', 'revealed', 'found'])} that ${evOrg(r)} had ${r.pick(['paid', 'wired', 'promised'])} ${num(r, 2, 99)} million crowns to ${r.pick(['a firm', 'a consultancy', 'a charity', 'a builder'])} ${r.pick(['linked to', 'owned by', 'close to'])} ${evPerson(r)}.`),
];

type RuPerson = { name: string; g: 'm' | 'f' };
const RV = {
  titles: [
    'депутат', 'губернатор', 'министр', 'политолог', 'блогер', 'мэр', 'генерал', 'экономист', 'посол', 'судья', 'журналист',
    'полковник', 'активист', 'юрист', 'профсоюзный лидер', 'бывший министр', 'прокурор', 'колумнист', 'священник', 'правозащитник',
  ],
  firstM: ['Игорь', 'Олег', 'Денис', 'Геннадий', 'Виктор', 'Павел', 'Аркадий', 'Фёдор', 'Сергей', 'Борис', 'Антон', 'Максим', 'Роман', 'Юрий', 'Степан', 'Глеб', 'Тимур', 'Артём'],
  firstF: ['Марина', 'Алина', 'Анна', 'Ольга', 'Ирина', 'Елена', 'Татьяна', 'Наталья', 'Вера', 'Софья', 'Дарья', 'Ксения', 'Людмила', 'Полина', 'Варвара', 'Яна', 'Зоя', 'Нина'],
  // Surnames in -ов/-ев/-ин: the feminine form adds -а.
  last: [
    'Савельев', 'Ветров', 'Варнасов', 'Корнилов', 'Журавлёв', 'Руднев', 'Ковалёв', 'Ламов', 'Стрельцов', 'Сомов', 'Белкин',
    'Нестеров', 'Горский', 'Кречетов', 'Миронов', 'Дубов', 'Алексин', 'Баранов', 'Воронин', 'Гусев', 'Докучаев', 'Егоров',
    'Жилин', 'Зотов', 'Ильин', 'Карпов', 'Лаптев', 'Мельников', 'Новиков', 'Орехов', 'Пестов', 'Рябинин', 'Ситников', 'Тарасов',
  ],
  orgs: [
    ['областная дума', 'областной думы'], ['избирательная комиссия', 'избирательной комиссии'], ['министерство обороны', 'министерства обороны'],
    ['Центробанк', 'Центробанка'], ['пограничная служба', 'пограничной службы'], ['мэрия', 'мэрии'], ['прокуратура', 'прокуратуры'],
    ['правительство', 'правительства'], ['Совет безопасности', 'Совета безопасности'], ['Союз ветеранов', 'Союза ветеранов'],
    ['городской совет', 'городского совета'], ['таможенная служба', 'таможенной службы'], ['счётная палата', 'счётной палаты'],
    ['транспортное агентство', 'транспортного агентства'], ['жилищная инспекция', 'жилищной инспекции'], ['водоканал', 'водоканала'],
    ['профсоюз учителей', 'профсоюза учителей'], ['фонд «Открытый реестр»', 'фонда «Открытый реестр»'], ['партия «Зелёный берег»', 'партии «Зелёный берег»'],
    ['движение «Честный счёт»', 'движения «Честный счёт»'], ['налоговая служба', 'налоговой службы'], ['управление полиции', 'управления полиции'],
  ],
  townStem: [
    'Камен', 'Светлогор', 'Озёр', 'Берёз', 'Сосн', 'Ключев', 'Белояр', 'Речн', 'Лесн', 'Холм', 'Гранит', 'Ольх', 'Ржав', 'Медвеж',
    'Солн', 'Кедр', 'Ясн', 'Тихор', 'Вишн', 'Глин', 'Песчан', 'Лебяж', 'Сокол', 'Дубр',
  ],
  // [nominative, genitive, prepositional with its preposition]
  townEnd: [['ск', 'ска', 'ске'], ['ово', 'ова', 'ове'], ['ино', 'ина', 'ине'], ['оград', 'ограда', 'ограде'], ['ка', 'ки', 'ке']],
  topics: [
    ['зерновая сделка', 'зерновой сделки'], ['новый закон о СМИ', 'нового закона о СМИ'], ['пенсионная реформа', 'пенсионной реформы'],
    ['военный бюджет', 'военного бюджета'], ['пакет санкций', 'пакета санкций'], ['перенос выборов', 'переноса выборов'],
    ['мобилизация', 'мобилизации'], ['газопровод', 'газопровода'], ['референдум', 'референдума'], ['строительство моста', 'строительства моста'],
    ['закон об иноагентах', 'закона об иноагентах'], ['повышение тарифов', 'повышения тарифов'], ['отключение интернета', 'отключения интернета'],
    ['поставки оружия', 'поставок оружия'], ['гуманитарный коридор', 'гуманитарного коридора'], ['языковой закон', 'языкового закона'],
    ['приватизация порта', 'приватизации порта'], ['закрытие школ', 'закрытия школ'], ['налоговая амнистия', 'налоговой амнистии'],
    ['слияние больниц', 'слияния больниц'], ['лицензия на добычу', 'лицензии на добычу'], ['ветропарк', 'ветропарка'],
    ['квота на беженцев', 'квоты на беженцев'], ['спасение банка', 'спасения банка'], ['расширение аэропорта', 'расширения аэропорта'],
    ['тендер на ремонт дорог', 'тендера на ремонт дорог'], ['жилищная программа', 'жилищной программы'], ['комендантский час', 'комендантского часа'],
    ['аккредитация прессы', 'аккредитации прессы'], ['земельный реестр', 'земельного реестра'], ['реформа полиции', 'реформы полиции'],
    ['бюджет области', 'бюджета области'],
  ],
  groups: [
    ['пенсионеры', 'пенсионеров'], ['фермеры', 'фермеров'], ['студенты', 'студентов'], ['ветераны', 'ветеранов'], ['журналисты', 'журналистов'],
    ['дальнобойщики', 'дальнобойщиков'], ['учителя', 'учителей'], ['предприниматели', 'предпринимателей'], ['волонтёры', 'волонтёров'],
    ['беженцы', 'беженцев'], ['врачи', 'врачей'], ['медсёстры', 'медсестёр'], ['шахтёры', 'шахтёров'], ['рыбаки', 'рыбаков'],
    ['родители школьников', 'родителей школьников'], ['докеры', 'докеров'], ['водители автобусов', 'водителей автобусов'], ['жильцы', 'жильцов'],
  ],
  groupAdj: [['местные', 'местных'], ['пожилые', 'пожилых'], ['молодые', 'молодых'], ['возмущённые', 'возмущённых'], ['сельские', 'сельских'], ['бастующие', 'бастующих']],
  claimSubj: [
    'власти', 'иностранные фонды', 'банкиры', 'лидеры оппозиции', 'западные дипломаты', 'олигархи', 'министры', 'крупные СМИ',
    'спецслужбы', 'чиновники избиркома', 'анонимные спонсоры', 'генералы', 'местные элиты', 'профсоюзы', 'международные наблюдатели', 'так называемые эксперты',
  ],
  // Predicates taking a genitive topic.
  claimPred: [
    'скрывают правду насчёт', 'давно добиваются', 'тайно финансируют противников', 'боятся', 'наживаются на реализации',
    'сознательно саботируют обсуждение', 'преувеличивают опасность', 'давно решили судьбу', 'готовят провокацию вокруг', 'затягивают рассмотрение',
    'никогда не хотели', 'скоро откажутся от', 'лгут о последствиях', 'выдумали кризис вокруг', 'требуют отмены',
  ],
  said: [g2('заявил', 'заявила'), g2('сообщил', 'сообщила'), g2('подчеркнул', 'подчеркнула'), g2('предупредил', 'предупредила'), g2('признал', 'признала'),
    g2('написал в соцсетях', 'написала в соцсетях'), g2('намекнул', 'намекнула'), g2('пожаловался', 'пожаловалась'), g2('настаивает', 'настаивает'),
    g2('повторил', 'повторила'), g2('сказал в эфире местного радио', 'сказала в эфире местного радио'), g2('уверен', 'уверена')],
  acted: [g2('заблокировал', 'заблокировала'), g2('одобрил', 'одобрила'), g2('осудил', 'осудила'), g2('отложил', 'отложила'), g2('отменил', 'отменила'),
    g2('поддержал', 'поддержала'), g2('раскритиковал', 'раскритиковала'), g2('приостановил', 'приостановила'), g2('оспорил', 'оспорила'), g2('подписал', 'подписала')],
  // Impersonal plural (for organisations the sentence says "в X ... " to avoid agreement).
  actedPl: ['заблокировали', 'одобрили', 'осудили', 'отложили', 'отменили', 'поддержали', 'раскритиковали', 'приостановили', 'оспорили', 'подписали', 'засекретили', 'пересмотрели'],
  adjectives: ['незаконным', 'провальным', 'беспрецедентным', 'поспешным', 'историческим', 'позорным', 'опасным', 'вынужденным', 'скандальным', 'циничным', 'запоздалым', 'бессмысленным', 'разумным', 'робким'],
  days: [['понедельник', 'в понедельник'], ['вторник', 'во вторник'], ['среда', 'в среду'], ['четверг', 'в четверг'], ['пятница', 'в пятницу'], ['суббота', 'в субботу'], ['воскресенье', 'в воскресенье']],
  parts: ['утром', 'днём', 'вечером', 'ночью'],
  months: ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'],
  openers: [
    'Тем временем', 'Между тем', 'По данным местных СМИ,', 'Как и ожидалось,', 'Неожиданно', 'Позже', 'Напротив,', 'Отдельно',
    'Ранее', 'Пока что', 'В столице', 'С другой стороны,', 'Вновь', 'В ответ', 'Неофициально', 'Официально', 'И всё же', 'Предсказуемо',
  ],
  adverbs: ['якобы', 'официально', 'снова', 'тихо', 'наконец', 'открыто', 'внезапно', 'по-видимому', 'действительно', 'отчасти', 'уже', 'всё ещё'],
  channels: ['утечки документов', 'анонимного телеграм-канала', 'местного радио', 'разговоров с соседями', 'иностранного сайта', 'приходской газеты',
    'вирусного видео', 'школьного чата', 'судебного иска', 'профсоюзной листовки', 'вечернего ток-шоу', 'первой полосы таблоида'],
  outlets: ['Вестник Заречья', 'Северный курьер', 'Народный голос', 'Правда Приозёрья', 'Первый областной', 'Вечерний телеграф', 'Радио Север', 'Еженедельный компас'],
  reasons: [
    'сославшись на соображения безопасности', 'не объяснив причин', 'после бурных споров', 'под давлением спонсоров', 'чтобы избежать забастовки',
    'вопреки предупреждениям юристов', 'после недель протестов', 'накануне голосования', 'по совету адвокатов', 'чтобы успокоить рынки',
  ],
};

const rvPerson = (r: Rng): RuPerson => {
  const g: 'm' | 'f' = r.chance(0.5) ? 'm' : 'f';
  const last = r.pick(RV.last);
  const surname = g === 'm' ? last : last.endsWith('ий') ? last.slice(0, -2) + 'ая' : last + 'а';
  return { name: `${r.pick(RV.titles)} ${r.pick(g === 'm' ? RV.firstM : RV.firstF)} ${surname}`, g };
};
const rvTown = (r: Rng): [string, string, string] => {
  const stem = r.pick(RV.townStem);
  const [nom, gen, prep] = r.pick(RV.townEnd);
  return [stem + (nom ?? ''), stem + (gen ?? ''), stem + (prep ?? '')];
};
/** "в Каменске", "в Озёрово". */
const rvIn = (r: Rng): string => `в ${rvTown(r)[2]}`;
const rvOrg = (r: Rng): [string, string] => {
  const [nom, gen] = r.pick(RV.orgs);
  if (!r.chance(0.3)) return [nom ?? '', gen ?? ''];
  const town = rvTown(r)[1];
  return [`${nom ?? ''} ${town}`, `${gen ?? ''} ${town}`];
};
const rvTopic = (r: Rng): string => {
  const [, gen] = r.pick(RV.topics);
  const k = r.int(10);
  if (k < 3) return `${gen ?? ''} ${rvIn(r)}`;
  if (k < 5) return `${gen ?? ''} для ${rvGroup(r)[1]}`;
  return gen ?? '';
};
const rvGroup = (r: Rng): [string, string] => {
  const [nom, gen] = r.pick(RV.groups);
  if (!r.chance(0.5)) return [nom ?? '', gen ?? ''];
  const [an, ag] = r.pick(RV.groupAdj);
  return [`${an ?? ''} ${nom ?? ''}`, `${ag ?? ''} ${gen ?? ''}`];
};
const rvClaim = (r: Rng): string => `${r.pick(RV.claimSubj)} ${r.pick(RV.claimPred)} ${rvTopic(r)}`;
const rvTime = (r: Rng): string => {
  const k = r.int(4);
  const [, on] = r.pick(RV.days);
  if (k === 0) return on ?? '';
  if (k === 1) return `${on ?? ''} ${r.pick(RV.parts)}`;
  if (k === 2) return `в ${r.pick(RV.months)}`;
  return `${num(r, 5, 30)} дней назад`;
};
const rvOpen = (r: Rng, clause: string): string => (r.chance(0.35) ? `${r.pick(RV.openers)} ${clause}` : cap(clause));

const RU_VARIED: Sentence[] = [
  (r) => {
    const p = rvPerson(r);
    return rvOpen(r, `${p.name} ${r.pick(RV.said)[p.g]}, что ${rvClaim(r)}.`);
  },
  (r) => rvOpen(r, `по данным ${rvOrg(r)[1]}, ${rvGroup(r)[0]} ${rvIn(r)} пострадали из-за ${rvTopic(r)}.`),
  (r) => {
    const p = rvPerson(r);
    return `«${cap(rvClaim(r))}», — ${r.pick(RV.said)[p.g]} ${p.name}.`;
  },
  (r) => rvOpen(r, `${r.pick(['критики', 'оппоненты', 'эксперты', 'юристы'])} ${r.pick(['называют', 'считают'])} решение ${r.pick(RV.adjectives)} и ${r.pick(['предупреждают', 'напоминают', 'уверены'])}, что от него пострадают ${rvGroup(r)[0]} ${rvIn(r)}.`),
  (r) => rvOpen(r, `представители ${rvOrg(r)[1]} отказались комментировать судьбу ${rvTopic(r)}.`),
  (r) => rvOpen(r, `${rvTime(r)} ${rvIn(r)} на акцию протеста против ${rvTopic(r)} вышли ${num(r, 50, 9000, 10)} человек.`),
  (r) => rvOpen(r, `в докладе ${rvOrg(r)[1]} утверждается, что ${rvClaim(r)}.`),
  (r) => {
    const p = rvPerson(r);
    return rvOpen(r, `${p.name} ${r.pick(RV.acted)[p.g]} план ${rvTopic(r)} и назвал${p.g === 'f' ? 'а' : ''} его ${r.pick(RV.adjectives)}.`);
  },
  (r) => rvOpen(r, `наблюдатели ${rvIn(r)} отмечают, что обсуждение ${rvTopic(r)} прошло без участия ${r.pick(['жителей', 'общественности', 'независимых экспертов', 'оппозиции'])}.`),
  (r) => {
    const p = rvPerson(r);
    return rvOpen(r, `в интервью изданию «${r.pick(RV.outlets)}» ${p.name} ${r.pick(RV.said)[p.g]}, что ${rvClaim(r)}.`);
  },
  (r) => rvOpen(r, `по ${r.pick(['оценкам экспертов', 'расчётам аудиторов', 'подсчётам журналистов'])}, стоимость ${rvTopic(r)} ${r.pick(['превысит', 'составит', 'достигнет'])} ${num(r, 20, 990, 10)} миллионов рублей к ${num(r, 2025, 2034)} году.`),
  (r) => rvOpen(r, `${rvGroup(r)[0]} ${rvIn(r)} жалуются, что их обращения в адрес ${rvOrg(r)[1]} остаются без ответа.`),
  (r) => {
    const p = rvPerson(r);
    return rvOpen(r, `${p.name} ${r.pick(RV.said)[p.g]}, что ${rvClaim(r)}, однако доказательств не ${p.g === 'f' ? 'привела' : 'привёл'}.`);
  },
  (r) => rvOpen(r, `решение было принято через ${num(r, 2, 60)} дней после обсуждения ${rvTopic(r)}.`),
  (r) => rvOpen(r, `сторонники оппозиции обвинили руководство ${rvOrg(r)[1]} в срыве ${rvTopic(r)}.`),
  (r) => {
    const p = rvPerson(r);
    return rvOpen(r, `отвечая на вопрос о судьбе ${rvTopic(r)}, ${p.name} ${r.pick(RV.said)[p.g]}, что ${rvClaim(r)}.`);
  },
  (r) => rvOpen(r, `${rvGroup(r)[0]} ${rvIn(r)} узнали о судьбе ${rvTopic(r)} из ${r.pick(RV.channels)}.`),
  (r) => rvOpen(r, `${rvPerson(r).name} посетит ${rvTown(r)[0]}, чтобы обсудить судьбу ${rvTopic(r)} с представителями ${rvOrg(r)[1]}.`),
  (r) => rvOpen(r, `${rvTime(r)} ${rvIn(r)} ${r.pick(RV.actedPl)} решение о судьбе ${rvTopic(r)}, ${r.pick(RV.reasons)}.`),
  (r) => rvOpen(r, `${num(r, 3, 95)} процентов опрошенных ${rvGroup(r)[1]} ${rvIn(r)} выступают против ${rvTopic(r)}, выяснило издание «${r.pick(RV.outlets)}».`),
  (r) => {
    const p = rvPerson(r);
    return rvOpen(r, `спор вокруг ${rvTopic(r)} вызвал раскол в рядах ${rvOrg(r)[1]}: критиков ${r.pick(RV.adverbs)} возглавляет ${p.name}.`);
  },
  (r) => rvOpen(r, `${rvGroup(r)[0]} из ${rvTown(r)[1]} подали иск против ${rvTopic(r)}, ${r.pick(RV.reasons)}.`),
  (r) => rvOpen(r, `${rvPerson(r).name} и ${rvPerson(r).name} встретились ${rvIn(r)} ${rvTime(r)}, но так и не договорились насчёт ${rvTopic(r)}.`),
  (r) => rvOpen(r, `голосование по поводу ${rvTopic(r)} перенесли на ${num(r, 1, 28)} ${r.pick(['января', 'марта', 'мая', 'июля', 'сентября', 'ноября'])}, ${r.pick(RV.reasons)}.`),
  (r) => {
    const p = rvPerson(r);
    return `«Мы не допустим ${rvTopic(r)}», — ${r.pick(RV.said)[p.g]} ${p.name} перед собравшимися ${rvIn(r)}.`;
  },
  (r) =>
    rvOpen(
      r,
      `издание «${r.pick(RV.outlets)}» ${r.pick(['сообщило', 'выяснило', 'утверждает'])}, что из бюджета ${rvOrg(r)[1]} ${r.pick(['ушли', 'были переведены', 'исчезли'])} ${num(r, 2, 99)} миллионов рублей ${r.pick(['фирме', 'фонду', 'подрядчику', 'агентству'])}, ${r.pick(['связанному с', 'близкому к', 'подконтрольному'])} ${r.pick(['окружению мэра', 'родственникам министра', 'бывшему депутату', 'семье губернатора', 'генеральному подрядчику'])}.`,
    ),
];

/** How filler sentences are made: the original ~20 templates per language, or composed phrases. */
export type ReuseFiller = 'templates' | 'varied';

const SENTENCES: Record<ReuseFiller, Record<ReuseLang, Sentence[]>> = {
  templates: { en: EN_SENTENCES, ru: RU_SENTENCES },
  varied: { en: EN_VARIED, ru: RU_VARIED },
};
// Words an edit puts in: ordinary vocabulary of the language, so edited copies still read as text;
// one word each (no hyphens), so an edited passage keeps its word count.
const EDIT_WORDS: Record<ReuseLang, string[]> = {
  en: [...EN.fillers.filter((w) => !w.includes('-')), 'people', 'government', 'plan', 'money', 'vote', 'today', 'city', 'region', 'report', 'officials', 'many', 'new', 'old', 'very'],
  ru: [...RU.fillers.filter((w) => !w.includes('-')), 'люди', 'власти', 'план', 'деньги', 'голосование', 'сегодня', 'город', 'регион', 'доклад', 'чиновники', 'многие', 'новый', 'старый', 'очень'],
};

const wordCount = (s: string): number => (s.length === 0 ? 0 : s.split(' ').length);

/** Sentences of the language until at least `words` words. */
function sentences(r: Rng, lang: ReuseLang, words: number, filler: ReuseFiller): string[] {
  const out: string[] = [];
  let n = 0;
  while (n < words) {
    const s = r.pick(SENTENCES[filler][lang])(r);
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

function passageText(p: PassageRecipe, filler: ReuseFiller): string {
  const r = new Rng(p.seed);
  // A quoted statement adds about six words around the body; the whole stays within 20–200.
  const limit = p.quoted ? 192 : 200;
  const target = Math.min(limit, p.quoted ? Math.max(14, p.words - 8) : p.words);
  let body = sentences(r, p.lang, target, filler).join(' ');
  const words = body.split(' ');
  // A hyphenated word ("so-called") is two words to the matcher: the varied filler has many, so
  // it counts them as such (the template filler keeps its original cut, and its corpora).
  let keep = Math.min(words.length, limit);
  if (filler === 'varied') {
    let n = 0;
    keep = 0;
    while (keep < words.length && n + (words[keep] ?? '').split('-').filter(Boolean).length <= limit) n += (words[keep++] ?? '').split('-').filter(Boolean).length;
  }
  if (keep < words.length) body = words.slice(0, keep).join(' ').replace(/[,;:—-]$/, '') + '.';
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
function baseParagraphs(b: BaseRecipe, filler: ReuseFiller): string[] {
  const r = new Rng(b.seed);
  return paragraphs(r, sentences(r, b.lang, b.words, filler));
}

class Builder {
  constructor(
    private readonly recipes: Recipe[],
    private readonly passages: PassageRecipe[],
    private readonly filler: ReuseFiller,
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
      let body = editWords(r, orig.lang, baseParagraphs(orig, this.filler), rec.rate).join('\n\n');
      if (r.chance(0.3)) body = swapQuotes(r, body);
      if (r.chance(0.3)) body = body.replace(/ — /g, ' - ');
      return { text: `${body}\n\n${footer}`, passage: null };
    }
    const paras = baseParagraphs(rec, this.filler);
    if (rec.passage === null) return { text: `${paras.join('\n\n')}\n\n${footer}`, passage: null };
    const p = this.passages[rec.passage.index];
    if (p === undefined) throw new Error(`no passage ${rec.passage.index}`);
    const r = new Rng(rec.passage.seed);
    const pasted = editPassage(r, p.lang, passageText(p, this.filler));
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
  const filler = opts.filler ?? 'templates';
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
    const pastedWords = wordCount(passageText(pr, filler));
    for (const h of chosen) {
      const rec = recipes[h];
      if (rec?.kind !== 'base') continue;
      rec.passage = { index: passageRecipes.length - 1, seed: r.seed() };
      // The host's own text shrinks so that the item stays within 600 words.
      const footerWords = wordCount(REUSE_SOURCES[rec.source]?.footer ?? '');
      rec.words = Math.max(40, Math.min(rec.words, 600 - footerWords - pastedWords - 25));
    }
  }

  const builder = new Builder(recipes, passageRecipes, filler);
  const passages = passageRecipes.map((pr, p) => ({
    text: passageText(pr, filler),
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
