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
    .option('--db <path-or-url>', 'store: a SQLite file path or a postgres:// URL (default $NARRASCOPE_DB or ./narrascope.db)')
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
    .option('--queue', 'queue the files (uploaded into the database) for `narrascope worker` instead of ingesting here; PostgreSQL store')
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
    .option('--queue', 'split the work into jobs of 500 items for `narrascope worker` instead of running it here; PostgreSQL store')
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
    .command('migrate')
    .description('bring the store schema up to date (opening a store does it too); --dry-run lists what is pending')
    .option('--dry-run', 'only list the migrations not yet applied')
    .option('--json', 'print as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runMigrate } = await import('./commands/migrate.js');
      process.exitCode = await runMigrate(cmd.optsWithGlobals());
    });

  program
    .command('copy')
    .description('copy a corpus between stores (SQLite file or postgres:// URL): captures, items, annotations, reviews, everything')
    .requiredOption('--from <path-or-url>', 'the store to copy from')
    .requiredOption('--to <path-or-url>', 'the store to copy into (empty, or holding an interrupted copy of the same corpus)')
    .option('--json', 'print the report as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runCopy } = await import('./commands/copy.js');
      process.exitCode = await runCopy(cmd.optsWithGlobals());
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

  const watchCmd = program.command('watch').description('collect sources from the web on a schedule: feeds, WordPress, sitemaps, pages, Lemmy, Telegram channels');
  watchCmd
    .command('add')
    .description('watch a URL (kind guessed from the URL or its answer unless --kind)')
    .argument('<url>', 'feed, WordPress site, sitemap, page, Lemmy /c/NAME or /u/NAME, or https://t.me/s/CHANNEL')
    .addOption(new Option('--kind <kind>', 'what the URL is').choices(['feed', 'wordpress', 'sitemap', 'page', 'lemmy', 'telegram']))
    .option('--every <interval>', 'how often to collect: 30m, 2h, 1d (default 1h)')
    .option('--source <name>', 'source the items go to (default: the host, channel, community or user)')
    .option('--allow-private', 'allow private, loopback and link-local addresses when guessing the kind')
    .option('--json', 'print the watch as JSON')
    .action(async (url: string, _opts, cmd: Command) => {
      const { runWatchAdd } = await import('./commands/watch.js');
      process.exitCode = await runWatchAdd(url, cmd.optsWithGlobals());
    });
  watchCmd
    .command('list')
    .description('list watches with their health: last success, failures, items, gaps')
    .option('--json', 'one JSON object per watch, health included')
    .action(async (_opts, cmd: Command) => {
      const { runWatchList } = await import('./commands/watch.js');
      process.exitCode = await runWatchList(cmd.optsWithGlobals());
    });
  watchCmd
    .command('remove')
    .description('stop watching (collected items stay)')
    .argument('<id>', 'watch id (or URL) as printed by watch list')
    .action(async (id: string, _opts, cmd: Command) => {
      const { runWatchRemove } = await import('./commands/watch.js');
      process.exitCode = await runWatchRemove(id, cmd.optsWithGlobals());
    });
  watchCmd
    .command('run')
    .description('collect now: the named watches, --all, or the due ones; --loop keeps collecting until Ctrl+C')
    .argument('[ids...]', 'watch ids (or URLs)')
    .option('--all', 'run every enabled watch, due or not')
    .option('--loop', 'keep running due watches until SIGINT/SIGTERM (finishes the request in flight)')
    .option('--allow-private', 'allow private, loopback and link-local addresses')
    .option('--rate <duration>', 'minimum time between requests to one host (default 1s; robots.txt Crawl-delay raises it)')
    .option('--timeout <duration>', 'time limit per request, redirects included (default 30s)')
    .option('--max-bytes <n>', 'largest answer accepted, in bytes (default 20 MiB)', int('--max-bytes'))
    .option('--max-pages <n>', 'listing pages per watch and run (default 5)', int('--max-pages'))
    .option('--json', 'one JSON report per watch run')
    .action(async (ids: string[], _opts, cmd: Command) => {
      const { runWatchRun } = await import('./commands/watch.js');
      process.exitCode = await runWatchRun(ids, cmd.optsWithGlobals());
    });

  // Accounts (src/accounts): managed on the store's machine, audited as cli:<os user>.
  const usersCmd = program.command('users').description('user accounts of the server: once one exists, `serve` asks everyone to log in');
  const role = (): Option => new Option('--role <role>', 'admin, analyst or viewer').choices(['admin', 'analyst', 'viewer']);
  usersCmd
    .command('add')
    .argument('<name>', 'user name (letters, digits, . _ - @)')
    .description('add a user; the password is asked for without echo, or read from stdin')
    .addOption(role().makeOptionMandatory())
    .option('--display-name <name>', 'the name shown to colleagues')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print the user as JSON')
    .action(async (name: string, _opts, cmd: Command) => {
      const { runUsersAdd } = await import('./commands/users.js');
      process.exitCode = await runUsersAdd(name, cmd.optsWithGlobals());
    });
  usersCmd
    .command('list')
    .description('list users with their roles and last logins')
    .option('--json', 'one JSON object per line')
    .action(async (_opts, cmd: Command) => {
      const { runUsersList } = await import('./commands/users.js');
      process.exitCode = await runUsersList(cmd.optsWithGlobals());
    });
  usersCmd
    .command('role')
    .argument('<name>', 'user name')
    .argument('<role>', 'admin, analyst or viewer')
    .description('change a user\'s role')
    .option('--json', 'print the user as JSON')
    .action(async (name: string, r: string, _opts, cmd: Command) => {
      const { runUsersRole } = await import('./commands/users.js');
      process.exitCode = await runUsersRole(name, r, cmd.optsWithGlobals());
    });
  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    usersCmd
      .command(verb)
      .argument('<name>', 'user name')
      .description(disabled ? 'disable a user: their sessions end and their tokens stop working' : 'enable a disabled user again')
      .option('--json', 'print the user as JSON')
      .action(async (name: string, _opts, cmd: Command) => {
        const { runUsersDisable } = await import('./commands/users.js');
        process.exitCode = await runUsersDisable(name, disabled, cmd.optsWithGlobals());
      });
  }
  usersCmd
    .command('passwd')
    .argument('<name>', 'user name')
    .description('set a user\'s password (their sessions end)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (name: string, _opts, cmd: Command) => {
      const { runUsersPasswd } = await import('./commands/users.js');
      process.exitCode = await runUsersPasswd(name, cmd.optsWithGlobals());
    });

  const tokensCmd = program.command('tokens').description('API tokens (Authorization: Bearer ns_…) for scripts');
  tokensCmd
    .command('create')
    .description('create a token for a user and print it (shown only this once)')
    .requiredOption('--user <name>', 'the owner')
    .requiredOption('--name <label>', 'what it is for, e.g. "nightly export"')
    .addOption(role().makeOptionMandatory(false))
    .option('--expires <duration>', 'e.g. 90d, 12h, 4w, 1y, or never (default)')
    .option('--json', 'print the token with its secret as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runTokensCreate } = await import('./commands/users.js');
      process.exitCode = await runTokensCreate(cmd.optsWithGlobals());
    });
  tokensCmd
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--json', 'one JSON object per line')
    .action(async (_opts, cmd: Command) => {
      const { runTokensList } = await import('./commands/users.js');
      process.exitCode = await runTokensList(cmd.optsWithGlobals());
    });
  tokensCmd
    .command('revoke')
    .argument('<id>', 'token id (from tokens list)')
    .description('revoke a token')
    .action(async (id: string, _opts, cmd: Command) => {
      const { runTokensRevoke } = await import('./commands/users.js');
      process.exitCode = await runTokensRevoke(id, cmd.optsWithGlobals());
    });

  const collectionsCmd = program.command('collections').description('named sets of sources shared with chosen users: members see only their collections\' sources');
  collectionsCmd
    .command('add')
    .argument('<name>', 'collection name')
    .description('create a collection, or add sources to it')
    .option('--source <names...>', 'sources (names or ids)')
    .option('--description <text>', 'what the collection is for')
    .option('--json', 'print the collection as JSON')
    .action(async (name: string, _opts, cmd: Command) => {
      const { runCollectionsAdd } = await import('./commands/users.js');
      process.exitCode = await runCollectionsAdd(name, cmd.optsWithGlobals());
    });
  collectionsCmd
    .command('share')
    .argument('<name>', 'collection name')
    .description('share a collection with a user, with a role in it')
    .requiredOption('--user <name>', 'the user')
    .addOption(role().makeOptionMandatory())
    .option('--json', 'print the collection as JSON')
    .action(async (name: string, _opts, cmd: Command) => {
      const { runCollectionsShare } = await import('./commands/users.js');
      process.exitCode = await runCollectionsShare(name, cmd.optsWithGlobals());
    });
  collectionsCmd
    .command('list')
    .description('list collections with their sources and members')
    .option('--json', 'one JSON object per line')
    .action(async (_opts, cmd: Command) => {
      const { runCollectionsList } = await import('./commands/users.js');
      process.exitCode = await runCollectionsList(cmd.optsWithGlobals());
    });

  program
    .command('audit')
    .description('the audit log, newest first: logins, account, token and collection changes, span reviews')
    .option('--limit <n>', 'at most this many entries', int('--limit'), 50)
    .option('--action <action>', 'only this action, e.g. login.failed, user.role, span.reject')
    .option('--actor <name>', 'only this actor (user name or cli:<os user>)')
    .option('--json', 'one JSON object per line')
    .action(async (_opts, cmd: Command) => {
      const { runAudit } = await import('./commands/users.js');
      process.exitCode = await runAudit(cmd.optsWithGlobals());
    });

  program
    .command('worker')
    .description('run queued jobs (ingest, enrich, collect) until SIGINT/SIGTERM, finishing the running ones; queues due watches; PostgreSQL store')
    .option('--concurrency <n>', 'jobs run at once in this process (default 2)', int('--concurrency'))
    .option('--queues <names>', 'comma-separated queues to take jobs from: ingest,enrich,collect (default: all)')
    .option('--poll <seconds>', 'seconds between polls of empty queues (default 1)', int('--poll'))
    .option('--batch <n>', 'ingest jobs taken and ingested together by one loop (default 16)', int('--batch'))
    .option('--schedule-watches <seconds>', 'seconds between looks for due watches to queue; 0: never (default 60)', int('--schedule-watches'))
    .option('--allow-private', 'collect jobs may fetch private, loopback and link-local addresses')
    .option('--json', 'one JSON object per finished job')
    .action(async (_opts, cmd: Command) => {
      const { runWorkerCommand } = await import('./commands/worker.js');
      process.exitCode = await runWorkerCommand(cmd.optsWithGlobals());
    });
  const jobsCmd = program
    .command('jobs')
    .description('the job queue: jobs per queue by state, the oldest waiting job, recent failures; PostgreSQL store')
    .option('--limit <n>', 'recent failures shown (default 10)', int('--limit'))
    .option('--json', 'print as JSON')
    .action(async (_opts, cmd: Command) => {
      const { runJobs } = await import('./commands/jobs.js');
      process.exitCode = await runJobs(cmd.optsWithGlobals());
    });
  jobsCmd
    .command('retry')
    .description('put a failed or cancelled job back in its queue')
    .argument('<id>', 'job id (or its first characters, as `jobs` prints them)')
    .option('--json', 'print the outcome as JSON')
    .action(async (id: string, _opts, cmd: Command) => {
      const { runJobsRetry } = await import('./commands/jobs.js');
      process.exitCode = await runJobsRetry(id, cmd.optsWithGlobals());
    });
  jobsCmd
    .command('cancel')
    .description('cancel a waiting or running job')
    .argument('<id>', 'job id (or its first characters)')
    .option('--json', 'print the outcome as JSON')
    .action(async (id: string, _opts, cmd: Command) => {
      const { runJobsCancel } = await import('./commands/jobs.js');
      process.exitCode = await runJobsCancel(id, cmd.optsWithGlobals());
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
