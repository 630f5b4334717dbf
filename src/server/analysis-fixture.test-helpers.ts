// A second small fictional corpus for the API tests of the analysis layers, ingested through the
// real pipeline (whose default enrichers mark entities, quotes and techniques): an English wire and
// a Russian channel that name the same people and places in several spellings and case forms, with
// charged wording the technique rules pick up, and a codebook of two narratives matched by the real
// `narratives` command. Kept apart from fixture.test-helpers.ts so that its counts stay as they are.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeNarratives } from '../cli/commands/narratives.js';
import { parseCodebook } from '../narratives/index.js';
import { ingest, type IngestReport } from '../pipeline/ingest.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';

const WIRE = [
  {
    title: 'Summit in Vilnius',
    date: '2024-05-06',
    text: 'President Zelensky met NATO leaders in Vilnius on Monday. Critics called the summit a shameful farce staged by puppets of the globalists, and Zelensky left before the dinner.',
  },
  {
    title: 'Back in Kyiv',
    date: '2024-05-14',
    text: 'Zelenskyy returned to Kyiv and thanked the engineers who repaired the grid. The opposition calls the new fuel tax a disgraceful betrayal of our country.',
  },
  {
    title: 'Ministers in Brussels',
    date: '2024-06-03',
    text: 'NATO ministers met in Brussels to discuss ammunition supplies for the coming winter.',
  },
];

const CHANNEL = [
  {
    title: 'Опять саммит',
    date: '2024-05-20',
    text: 'Зеленский опять выпрашивает деньги у Запада. Этот позорный спектакль киевского режима в Вильнюсе никого не обманет.',
  },
  {
    title: 'Без приглашения',
    date: '2024-06-10',
    text: 'Зеленского снова не пригласили на встречу в Брюсселе, пишут местные каналы.',
  },
];

/** Two narratives in the codebook language (docs/NARRATIVES.md). */
export const CODEBOOK = `narratives:
  - id: summit-farce
    title: The summit is a staged show
    description: Meetings with Western leaders are theatre staged for the cameras.
    queries:
      - summit (farce OR sham OR theatre)
      - (спектакль OR фарс) (саммит OR Вильнюс OR Вильнюсе)
  - id: fuel-tax
    title: The fuel tax betrays the country
    queries:
      - NEAR(tax betrayal, 6)
`;

export interface AnalysisCorpus {
  dir: string;
  store: Store;
  report: IngestReport;
  cleanup(): Promise<void>;
}

/** Write the corpus to a temporary folder, ingest it into a new store and match the codebook. */
export async function buildAnalysisCorpus(): Promise<AnalysisCorpus> {
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-analysis-'));
  for (const [source, rows] of [
    ['east-wire', WIRE],
    ['polar-channel', CHANNEL],
  ] as const) {
    mkdirSync(join(dir, 'corpus', source), { recursive: true });
    writeFileSync(join(dir, 'corpus', source, 'posts.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  }
  const store = await openStore(join(dir, 'analysis.db'));
  const report = await ingest(store, { inputs: [join(dir, 'corpus')], languages: ['en', 'ru', 'uk'] });
  await storeNarratives(store, parseCodebook(CODEBOOK, 'test-codebook.yaml'));
  return {
    dir,
    store,
    report,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
