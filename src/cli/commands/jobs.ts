import { openJobQueue, type JobQueue } from '../../jobs/queue.js';
import { clip, out, withStore, type GlobalOptions } from '../common.js';

/** `narrascope jobs`: the queue per kind by state, the oldest waiting job, recent failures. */
export async function runJobs(flags: GlobalOptions & { limit?: number }): Promise<number> {
  return withQueue(flags, async (queue) => {
    const counts = await queue.counts();
    const failures = await queue.recentFailures(flags.limit ?? 10);
    if (flags.json) {
      await out(`${JSON.stringify({ queues: counts, recentFailures: failures })}\n`);
      return 0;
    }
    await out(`${'queue'.padEnd(8)} ${'created'.padStart(8)} ${'retry'.padStart(7)} ${'active'.padStart(7)} ${'completed'.padStart(10)} ${'failed'.padStart(7)} ${'cancelled'.padStart(10)}  oldest waiting\n`);
    for (const c of counts) {
      const age = c.oldestWaitingSeconds === null ? '-' : formatAge(c.oldestWaitingSeconds);
      await out(
        `${c.queue.padEnd(8)} ${String(c.created).padStart(8)} ${String(c.retry).padStart(7)} ${String(c.active).padStart(7)} ${String(c.completed).padStart(10)} ${String(c.failed).padStart(7)} ${String(c.cancelled).padStart(10)}  ${age}\n`,
      );
    }
    if (failures.length > 0) {
      await out('\nRecent failures (jobs retry ID puts a failed job back):\n');
      for (const f of failures) {
        await out(`  ${f.id.slice(0, 8)} ${f.queue.padEnd(7)} ${f.state.padEnd(6)} ${f.at ?? ''} after ${f.retryCount + 1} attempt(s): ${clip(f.message, 200)}\n`);
      }
    }
    return 0;
  });
}

/** `narrascope jobs retry ID`. */
export async function runJobsRetry(id: string, flags: GlobalOptions): Promise<number> {
  return withQueue(flags, async (queue) => {
    const r = await queue.retry(id);
    if (flags.json) await out(`${JSON.stringify(r)}\n`);
    else if (r.outcome === 'retrying') await out(`${r.queue} job ${r.id} queued again\n`);
    else if (r.outcome === 'already-pending') await out(`${r.queue} job ${r.id}: the same work is already waiting or running; nothing to do\n`);
    else await out(`${r.queue} job ${r.id} has not failed; nothing to do\n`);
    return r.outcome === 'retrying' || r.outcome === 'already-pending' ? 0 : 1;
  });
}

/** `narrascope jobs cancel ID`. */
export async function runJobsCancel(id: string, flags: GlobalOptions): Promise<number> {
  return withQueue(flags, async (queue) => {
    const r = await queue.cancel(id);
    if (flags.json) await out(`${JSON.stringify(r)}\n`);
    else await out(r.cancelled ? `${r.queue} job ${r.id} cancelled\n` : `${r.queue} job ${r.id} had already ended; nothing cancelled\n`);
    return r.cancelled ? 0 : 1;
  });
}

async function withQueue(flags: GlobalOptions, fn: (queue: JobQueue) => Promise<number>): Promise<number> {
  return withStore(flags, async (store) => {
    const queue = await openJobQueue(store);
    try {
      return await fn(queue);
    } finally {
      await queue.close();
    }
  });
}

function formatAge(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}
