// Factories for valid records with fictional, realistic text (English and Russian). Every call
// gets a fresh id from one counter, so records built in one test never collide.
import { cpLength } from '../src/core/codepoints.js';
import { sha256, stableId } from '../src/core/hash.js';
import type { Annotation, Capture, DocumentRecord, Item, Source } from '../src/core/types.js';

let counter = 0;
function next(): number {
  return ++counter;
}

const POSTS: ReadonlyArray<{ language: string; title: string; text: string }> = [
  {
    language: 'en',
    title: 'Who Really Runs the Harbour Council?',
    text: 'Councillor Edwin Marsh promised open books in March. Three months later the Harbour Council still refuses to publish its contracts, and the Northgate Ledger has stopped asking.',
  },
  {
    language: 'ru',
    title: 'Правда о заводе в Светлогорске',
    text: 'Депутат Игорь Веснин снова заявил, что завод в Светлогорске «спасут иностранные партнёры». Рабочие, с которыми мы говорили, в это уже не верят.',
  },
  {
    language: 'en',
    title: 'They Do Not Want You to Read This!',
    text: 'Everyone knows the Valdoria Institute was funded from abroad. Wake up! The same people who told you the bridge was safe now tell you the grain report is fake.',
  },
  {
    language: 'ru',
    title: 'Что скрывает министр Орлова?',
    text: 'Министр Алла Орлова в эфире «Вечернего курьера» назвала критиков «агентами хаоса». Доказательств она так и не привела, зато пообещала новые проверки.',
  },
  {
    language: 'en',
    title: 'Letter from a Reader in Port Ellis',
    text: 'I have lived in Port Ellis for forty years and I have never seen the ferry prices rise like this. Mayor Quinn blames the weather; the weather does not sign contracts.',
  },
  {
    language: 'ru',
    title: 'Митинг у мэрии: что было на самом деле',
    text: 'В субботу у мэрии Нижнеборска собралось около трёхсот человек. Местный канал «Взгляд с реки» написал о десяти тысячах, но фотографии говорят об обратном.',
  },
];

function pick(n: number): { language: string; title: string; text: string } {
  const p = POSTS[n % POSTS.length];
  if (!p) throw new Error('empty fixture pool');
  return p;
}

/** A source record: a fictional blog, forum or channel. */
export function buildSource(partial: Partial<Source> = {}): Source {
  const n = next();
  return {
    id: `src-${n}`,
    name: `Fictional Source ${n}`,
    kind: 'blog',
    url: `https://blog-${n}.example.net/`,
    languageHint: null,
    dateOrder: null,
    notes: null,
    createdAt: '2024-05-01T10:00:00.000Z',
    ...partial,
  };
}

/** A capture record whose id and sha256 are the hash of a unique fictional file. */
export function buildCapture(partial: Partial<Capture> = {}): Capture {
  const n = next();
  const bytes = `Fictional capture ${n}\n${pick(n).text}\n`;
  const hash = sha256(bytes);
  return {
    id: hash,
    sha256: hash,
    size: Buffer.byteLength(bytes),
    origin: `/corpus/dump-${n}.txt`,
    sourceId: `src-${n}`,
    receivedAt: '2024-05-02T08:30:00.000Z',
    mediaType: 'text/plain',
    ...partial,
  };
}

/** A decoded document whose text holds two fictional posts. */
export function buildDocument(partial: Partial<DocumentRecord> = {}): DocumentRecord {
  const n = next();
  const a = pick(n);
  const b = pick(n + 1);
  return {
    id: stableId('document', n),
    captureId: sha256(`capture ${n}`),
    sourceId: `src-${n}`,
    originKey: `dump-${n}.txt`,
    format: 'text',
    charset: 'utf-8',
    title: null,
    text: `${a.title}\n${a.text}\n\n${b.title}\n${b.text}\n`,
    metadata: { removedLines: 0 },
    createdAt: '2024-05-02T08:30:01.000Z',
    ...partial,
  };
}

/** An item (one post) with consistent language, offsets and content hash. */
export function buildItem(partial: Partial<Item> = {}): Item {
  const n = next();
  const p = pick(n);
  const text = partial.text ?? p.text;
  return {
    id: stableId('item', n),
    sourceId: `src-${n}`,
    documentId: stableId('document', n),
    kind: 'post',
    parentId: null,
    ordinal: n,
    title: p.title,
    author: null,
    url: null,
    publishedAt: '2024-03-04',
    datePrecision: 'day',
    language: p.language,
    languageConfidence: 0.97,
    text,
    start: 0,
    end: cpLength(text),
    contentHash: sha256(text.toLowerCase()),
    metadata: {},
    ...partial,
  };
}

/** A machine annotation (a named entity by default) on the first five code points of an item. */
export function buildAnnotation(partial: Partial<Annotation> = {}): Annotation {
  next();
  return {
    itemId: stableId('item', 0),
    layer: 'entity',
    label: 'person',
    start: 0,
    end: 5,
    value: null,
    confidence: 0.8,
    producer: { id: 'entities', version: '1.0.0' },
    review: null,
    ...partial,
  };
}
