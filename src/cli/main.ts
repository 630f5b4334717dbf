// One binary, thin subcommands over the same core, each imported only when it runs.
import { VERSION } from '../core/version.js';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { exitCodeFor, NarrascopeError } from '../core/errors.js';
import { DATE_ORDERS, FORMATS, SEGMENT_MODES } from '../core/types.js';


function int(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${value}"`);
    return n;
  };
}

function isoDate(value: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) throw new InvalidArgumentError(`expected YYYY, YYYY-MM or YYYY-MM-DD, got "${value}"`);
  return value;
}

function languageList(value: string): string[] {
  const codes = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = codes.filter((c) => !/^[a-z]{2}$/.test(c));
  if (codes.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(`expected comma-separated ISO 639-1 codes such as en,ru,uk; got "${value}"`);
  }
  return codes;
}

const filterOptions = (cmd: Command): Command =>
  cmd
    .option('--source <name>', 'only items of this source (name or id)')
    .option('--lang <code>', 'only items in this language (ISO 639-1, "und" for unknown)')
    .option('--from <date>', 'only items published on or after this date', isoDate)
    .option('--to <date>', 'only items published on or before this date', isoDate);

export function buildProgram(): Command {
  const program = new Command('narrascope')
    .description('Ingest, clean, date and trace scraped political text into a searchable corpus.')
    .version(VERSION)
    .option('--db <path-or-url>', 'store: a SQLite file path (default $NARRASCOPE_DB or ./narrascope.db)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('ingest')
    .description('ingest files, folders, globs or "-" (stdin) into the store')
    .argument('<inputs...>', 'files, directories (recursive), glob patterns, or - for standard input')
    .option('--source <name>', 'put everything into this source (default: one source per top folder)')
    .addOption(new Option('--format <format>', 'input format (default: detected from content and extension)').choices([...FORMATS]))
    .addOption(new Option('--segment <mode>', 'how to split text dumps into items').choices([...SEGMENT_MODES]).default('auto'))
    .addOption(new Option('--date-order <order>', 'day/month order of numeric dates (default: inferred per source)').choices([...DATE_ORDERS]))
    .option('--languages <codes>', 'candidate languages, comma-separated ISO 639-1 (default: en,ru,uk,de,fr,es,it,pl)', languageList)
    .option('--text-field <name>', 'JSON Lines/CSV field holding the text (dot path for nested fields)')
    .option('--title-field <name>', 'JSON Lines/CSV field holding the title')
    .option('--date-field <name>', 'JSON Lines/CSV field holding the publication date')
    .option('--url-field <name>', 'JSON Lines/CSV field holding the URL')
    .option('--author-field <name>', 'JSON Lines/CSV field holding the author')
    .option('--enrichers <ids>', 'comma-separated enrichers to run (default: the default set; language and dates always run)')
    .option('--json', 'print the report as JSON')
    .action(async (inputs: string[], _opts, cmd: Command) => {
      const { runIngest } = await import('./commands/ingest.js');
      process.exitCode = await runIngest(inputs, cmd.optsWithGlobals());
    });

  filterOptions(program.command('items').description('list items'))
    .option('--limit <n>', 'at most this many items', int('--limit'), 50)
    .option('--offset <n>', 'skip this many items first', int('--offset'), 0)
    .option('--json', 'one JSON object per line')
    .action(async (_opts, cmd: Command) => {
      const { runItems } = await import('./commands/items.js');
      process.exitCode = await runItems(cmd.optsWithGlobals());
    });

  program
    .command('show')
    .description('show one item with its annotations and provenance')
    .argument('<id>', 'item id (as printed by items)')
    .option('--json', 'print as JSON')
    .action(async (id: string, _opts, cmd: Command) => {
      const { runShow } = await import('./commands/show.js');
      process.exitCode = await runShow(id, cmd.optsWithGlobals());
    });

  filterOptions(program.command('export').description('export items (JSON Lines or CSV) to stdout or a file'))
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv']).default('jsonl'))
    .option('--out <file>', 'write here instead of standard output')
    .option('--annotations', 'include each item\'s annotations (JSON Lines only)')
    .action(async (_opts, cmd: Command) => {
      const { runExport } = await import('./commands/export.js');
      process.exitCode = await runExport(cmd.optsWithGlobals());
    });

  program
    .command('search')
    .description('search items: words, "phrases", AND/OR/NOT, -word, word*, NEAR, source: lang: from: to: title: author:')
    .argument('<query>', 'the query, e.g. \'Петербург lang:ru -выборы\' or \'"harbour partnership" from:2024-03\'')
    .option('--limit <n>', 'at most this many results', int('--limit'), 20)
    .option('--offset <n>', 'skip this many results first', int('--offset'), 0)
    .option('--collapse-duplicates', 'one result per group of identical texts')
    .option('--facets', 'counts by source, language and month')
    .option('--json', 'one JSON object per result (and one with the facets)')
    .action(async (query: string, _opts, cmd: Command) => {
      const { runSearch } = await import('./commands/search.js');
      process.exitCode = await runSearch(query, cmd.optsWithGlobals());
    });

  program
    .command('dupes')
    .description('clusters of identical and near-identical items, first seen first, with their reposts')
    .option('--min-similarity <x>', 'Jaccard similarity over 5-word shingles, in (0, 1]', Number, 0.8)
    .option('--limit <n>', 'at most this many clusters (largest first)', int('--limit'))
    .option('--json', 'one JSON object per cluster')
    .action(async (_opts, cmd: Command) => {
      const { runDupes } = await import('./commands/dupes.js');
      process.exitCode = await runDupes(cmd.optsWithGlobals());
    });

  filterOptions(
    program.command('enrich').description('run enrichers over the stored items; resumable: items an enricher has seen at its version are skipped'),
  )
    .option('--only <ids>', 'comma-separated enricher ids (default: all; --list shows them)')
    .option('--redo', 'run again on items already enriched at the current versions')
    .option('--model <file>', 'mark techniques with this trained model (from `train techniques`) instead of the rules; implies --redo')
    .option('--list', 'list the registered enrichers and exit')
    .option('--json', 'print the run report (or the list) as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runEnrich } = await import('./commands/enrich.js');
      process.exitCode = await runEnrich(cmd.optsWithGlobals());
    });

  program
    .command('reuse')
    .description('passages shared by several items (pasted statements, press releases, talking points), first appearance first; stored as reuse spans')
    .option('--min-words <n>', 'shortest passage, in words (edited words do not count)', int('--min-words'), 20)
    .option('--source <name>', 'only passages with an occurrence in this source')
    .option('--same-source', 'also report passages whose occurrences all come from one source')
    .option('--limit <n>', 'print at most this many passages', int('--limit'))
    .option('--json', 'one JSON object per passage with its text and occurrences')
    .action(async (_opts, cmd: Command) => {
      const { runReuse } = await import('./commands/reuse.js');
      process.exitCode = await runReuse(cmd.optsWithGlobals());
    });

  program
    .command('narratives')
    .description('match a codebook of narratives (YAML; see docs/NARRATIVES.md) and count matching items over time')
    .option('--codebook <file>', 'match this codebook against every item first (replacing the spans of the previous run)')
    .addOption(new Option('--by <interval>', 'counting period').choices(['day', 'week', 'month']).default('month'))
    .option('--source <name>', 'count only items of this source')
    .option('--json', 'one JSON object per narrative with its series')
    .action(async (_opts, cmd: Command) => {
      const { runNarratives } = await import('./commands/narratives.js');
      process.exitCode = await runNarratives(cmd.optsWithGlobals());
    });

  const evalCmd = program.command('eval').description('measure analysers against gold-standard corpora');
  evalCmd
    .command('techniques')
    .description('SemEval-2020 Task 11 measures (SI precision/recall/F1, TC micro-F1 per technique) over a PTC-format folder')
    .requiredOption('--gold <dir>', 'folder with *-articles/ and *-labels-task-si/, *-labels-task-flc-tc/ (or the concatenated label files)')
    .option('--model <file>', 'a model from `train techniques` (default: the rule detector)')
    .addOption(new Option('--lang <code>', 'language of the corpus (default: the model\'s, or detected)').choices(['en', 'ru']))
    .option('--write-predictions <file>', 'write SI predictions in PTC format here, TC predictions beside it (.tc.labels)')
    .option('--json', 'print {"si": {...}, "tc": {...}} as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runEvalTechniques } = await import('./commands/techniques.js');
      process.exitCode = await runEvalTechniques(cmd.optsWithGlobals());
    });

  evalCmd
    .command('ner')
    .description('precision, recall and F1 per entity type (PER, ORG, LOC, MISC) against gold annotations')
    .addOption(new Option('--format <format>', 'gold format').choices(['conll', 'factru']).makeOptionMandatory())
    .requiredOption('--gold <path>', 'a CoNLL-2003 file, or a factRuEval-2016 folder (book_N.txt with .spans and .objects)')
    .option('--json', 'print the report as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runEvalNer } = await import('./commands/ner.js');
      process.exitCode = await runEvalNer(cmd.optsWithGlobals());
    });

  const trainCmd = program.command('train').description('train analysers from labelled corpora');
  trainCmd
    .command('techniques')
    .description('train a technique model (span tagger and technique classifier) from a PTC-format folder')
    .requiredOption('--data <dir>', 'PTC-format training folder')
    .addOption(new Option('--lang <code>', 'language of the articles').choices(['en', 'ru']).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the model (JSON: hashed feature weights, no corpus text)')
    .option('--epochs <n>', 'passes over the training data', int('--epochs'))
    .option('--seed <n>', 'random seed', int('--seed'))
    .action(async (_opts, cmd: Command) => {
      const { runTrainTechniques } = await import('./commands/techniques.js');
      process.exitCode = await runTrainTechniques(cmd.optsWithGlobals());
    });

  program
    .command('serve')
    .description('serve the HTTP API (JSON under /api, OpenAPI at /api/openapi.json) until Ctrl+C')
    .option('--host <host>', 'address to bind; anything but loopback needs a token', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 picks a free one)', int('--port'), 8765)
    .option('--token <token>', 'require Authorization: Bearer <token> (default $NARRASCOPE_TOKEN, which keeps it out of ps)')
    .action(async (_opts, cmd: Command) => {
      const { runServe } = await import('./commands/serve.js');
      process.exitCode = await runServe(cmd.optsWithGlobals());
    });

  program
    .command('stats')
    .description('totals: sources, captures, items, languages, annotations')
    .option('--json', 'print as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runStats } = await import('./commands/stats.js');
      process.exitCode = await runStats(cmd.optsWithGlobals());
    });

  program
    .command('sources')
    .description('list sources with their items, languages and date ranges')
    .option('--json', 'one JSON object per line')
    .action(async (_opts, cmd: Command) => {
      const { runSources } = await import('./commands/sources.js');
      process.exitCode = await runSources(cmd.optsWithGlobals());
    });

  return program;
}

/** Runs the CLI; resolves to the exit code: 0 all good, 1 some inputs failed, 2 usage or configuration. */
export async function main(argv: string[]): Promise<number> {
  // `narrascope reuse --json | head`: a reader that stops early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is a usage error.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof NarrascopeError) {
      process.stderr.write(`narrascope: ${err.input ? `${err.input}: ` : ''}${err.message}\n`);
      return exitCodeFor(err);
    }
    process.stderr.write(`narrascope: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
