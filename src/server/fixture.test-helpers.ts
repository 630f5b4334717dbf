// A small fictional corpus for the API tests, ingested through the real pipeline into a real SQLite
// store: English and Russian posts from three outlets, one post reposted word for word, one
// statement pasted into two otherwise different posts, and one hostile forum post full of markup.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest, type IngestReport } from '../pipeline/ingest.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';

/** Pasted into a Ledger post and a Harbour Watch post (with one phrase changed in the second). */
export const STATEMENT =
  'The regional water authority has quietly sold the northern reservoir concession to a consortium registered offshore, and the council members who approved the sale were never told who the real owners of that consortium are.';

export const HOSTILE_TEXT =
  'Look what the moderators keep deleting: <script>alert(1)</script> and <img src=x onerror=alert(1)> and <a href="javascript:alert(document.cookie)">click here for the real list</a>. They are afraid of the truth about the ferry tender.';

/** Posted by the Ledger and reposted word for word by Harbour Watch. */
export const REPOSTED =
  'Ferry fares rose for the third time this year. Pensioners who cross to the market every morning say the discount card no longer covers the early boats, and the operator refuses to publish its subsidy contract with the port.';

const line = (o: Record<string, unknown>): string => JSON.stringify(o);

const LEDGER = [
  {
    title: 'Who Sold the Reservoir?',
    date: '2024-02-26',
    author: 'Edwin Marsh',
    url: 'https://ledger.example.net/2024/02/reservoir',
    text: `Nobody in the council chamber wanted to answer our questions on Monday. ${STATEMENT} The authority says the contract is confidential for commercial reasons.`,
  },
  {
    title: 'Ferry Fares Rise Again',
    date: '2024-03-04',
    author: 'Edwin Marsh',
    url: 'https://ledger.example.net/2024/03/ferry',
    text: REPOSTED,
  },
  {
    title: 'Election Observers Arrive in Port Ellis',
    date: '2024-03-18',
    author: 'Mara Quinn',
    url: 'https://ledger.example.net/2024/03/observers',
    text: 'Forty international observers arrived in Port Ellis ahead of the municipal elections. Their mission says it will publish a preliminary report two days after the vote, in English and in Russian.',
  },
];

const HARBOUR = [
  {
    title: 'Ferry Fares Rise Again',
    date: '2024-03-06',
    url: 'https://harbour-watch.example.org/ferry-fares',
    text: REPOSTED,
  },
  {
    title: 'Questions About the Water Deal',
    date: '2024-04-02',
    url: 'https://harbour-watch.example.org/water-deal',
    text: `A reader sent us the statement that circulated last month. ${STATEMENT.replace('quietly sold', 'secretly handed')} We asked the authority for the list of owners and are still waiting for a reply.`,
  },
  {
    title: 'Lighthouse Museum Reopens',
    date: 'March 2024',
    url: 'https://harbour-watch.example.org/lighthouse',
    text: 'The lighthouse museum reopened after two years of repairs, with a new room on the shipwrecks of the northern channel and free entry for schools during the spring holidays.',
  },
];

const FORUM = [
  {
    title: 'Водохранилище продали?',
    date: '2024-03-01',
    author: 'Грег Соколов',
    text:
      '🔥🔥 Срочно: северное водохранилище передали офшорной компании, а депутаты даже не знают, кто её настоящие владельцы. Где протоколы заседания от 26 февраля 2024 года?\n\n' +
      'For our readers abroad: the northern lake was handed to an offshore company, and the deputies still do not know who owns it.',
  },
  {
    title: 'Митинг у мэрии',
    date: '2024-03-09',
    author: 'Анна Лейн',
    text: 'В субботу у мэрии собралось около трёхсот человек. Местный канал написал о десяти тысячах, но фотографии говорят об обратном. Выборы через две недели.',
  },
  {
    title: '<b>Moderators</b> delete posts',
    date: '2024-03-12',
    author: 'truth_seeker',
    url: 'javascript:alert(1)',
    text: HOSTILE_TEXT,
  },
  {
    title: 'Без даты',
    author: 'Анна Лейн',
    text: 'Кто-нибудь знает, когда паром начнёт ходить по весеннему расписанию? На сайте перевозчика до сих пор висит зимнее.',
  },
];

export interface Corpus {
  dir: string;
  db: string;
  store: Store;
  report: IngestReport;
  /** Bytes of the forum file, to check the capture hash the API reports. */
  forumBytes: Buffer;
  cleanup(): Promise<void>;
}

/** Write the corpus to a temporary folder and ingest it into a new store there. */
export async function buildCorpus(): Promise<Corpus> {
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-api-'));
  const write = (source: string, file: string, rows: Array<Record<string, unknown>>): Buffer => {
    mkdirSync(join(dir, 'corpus', source), { recursive: true });
    const bytes = Buffer.from(`${rows.map(line).join('\n')}\n`, 'utf8');
    writeFileSync(join(dir, 'corpus', source, file), bytes);
    return bytes;
  };
  write('northgate-ledger', 'posts.jsonl', LEDGER);
  write('harbour-watch', 'posts.jsonl', HARBOUR);
  const forumBytes = write('zvezda-forum', 'threads.jsonl', FORUM);
  const db = join(dir, 'api.db');
  const store = await openStore(db);
  const report = await ingest(store, { inputs: [join(dir, 'corpus')], languages: ['en', 'ru', 'uk'] });
  return {
    dir,
    db,
    store,
    report,
    forumBytes,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
