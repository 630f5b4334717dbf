import { createError, ERRORS } from '../../core/errors.js';
import { JOB_KINDS, openJobQueue, type JobKind } from '../../jobs/queue.js';
import { runWorker, type JobLog } from '../../jobs/worker.js';
import { clip, withStore, type GlobalOptions } from '../common.js';

interface WorkerFlags extends GlobalOptions {
  concurrency?: number;
  queues?: string;
  poll?: number;
  allowPrivate?: boolean;
  scheduleWatches?: number;
  batch?: number;
}

/** Parse --queues: a comma-separated subset of the job kinds. */
export function parseQueues(value: string | undefined): JobKind[] {
  if (value === undefined) return [...JOB_KINDS];
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = names.filter((n) => !(JOB_KINDS as readonly string[]).includes(n));
  if (names.length === 0 || bad.length > 0) throw createError(ERRORS.USAGE, `unknown queue ${bad.join(', ') || '(none given)'}; queues: ${JOB_KINDS.join(', ')}`, '--queues');
  return names as JobKind[];
}

/** `narrascope worker`: consume queued jobs until SIGINT/SIGTERM, finishing the running ones. */
export async function runWorkerCommand(flags: WorkerFlags): Promise<number> {
  const queues = parseQueues(flags.queues);
  const concurrency = Math.max(1, flags.concurrency ?? 2);
  // Each running job may hold a connection while the loops poll and renew leases beside it.
  process.env.NARRASCOPE_PG_POOL ??= String(Math.max(4, concurrency + 3));
  return withStore(flags, async (store) => {
    const queue = await openJobQueue(store, { supervise: true });
    const controller = new AbortController();
    let signals = 0;
    const onSignal = (sig: NodeJS.Signals): void => {
      signals++;
      if (signals > 1) {
        process.stderr.write(`narrascope worker: ${sig} again, exiting now; running jobs will be retried by another worker\n`);
        process.exit(130);
      }
      process.stderr.write(`narrascope worker: ${sig}: finishing the running job(s), then stopping (again to exit at once)\n`);
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.stderr.write(`narrascope worker ${queue.worker}: queues ${queues.join(',')}, concurrency ${concurrency}, store ${store.location}\n`);
    try {
      const report = await runWorker(store, queue, {
        queues,
        concurrency,
        pollSeconds: flags.poll ?? 1,
        ingestBatch: flags.batch ?? 16,
        scheduleWatchesSeconds: flags.scheduleWatches ?? 60,
        collect: { allowPrivate: flags.allowPrivate ?? false },
        signal: controller.signal,
        onJob: (log) => process.stdout.write(flags.json ? `${JSON.stringify(log)}\n` : formatLog(log)),
        onNotice: (m) => process.stderr.write(`narrascope worker: ${m}\n`),
      });
      process.stderr.write(`narrascope worker: stopped after ${report.jobs} job(s): ${report.ok} done, ${report.failed} failed\n`);
      return 0;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await queue.close();
    }
  });
}

function formatLog(l: JobLog): string {
  const head = `${l.at} ${l.queue.padEnd(7)} ${l.job.slice(0, 8)} ${l.ok ? 'done  ' : 'FAILED'} ${l.seconds.toFixed(2)}s`;
  const attempt = l.attempt > 1 ? ` (attempt ${l.attempt})` : '';
  return `${head}${attempt} ${clip(l.ok ? l.summary : l.error, 300)}\n`;
}
