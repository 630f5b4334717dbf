import { defaultStorePath, migrateStore } from '../../store/index.js';
import { out, type GlobalOptions } from '../common.js';

/** `narrascope migrate [--dry-run]`: bring the store's schema up to date, or say what is pending. */
export async function runMigrate(opts: GlobalOptions & { dryRun?: boolean }): Promise<number> {
  const r = await migrateStore(opts.db ?? defaultStorePath(), { dryRun: opts.dryRun === true });
  if (opts.json) {
    await out(`${JSON.stringify(r)}\n`);
    return 0;
  }
  const lines = [`store: ${r.location} (${r.kind}), schema version ${r.from}`];
  if (r.pending.length === 0) lines.push('up to date');
  else {
    lines.push(`${r.applied ? 'applied' : 'pending'}:`);
    for (const p of r.pending) lines.push(`  ${p.version}  ${p.name}`);
    if (r.applied) lines.push(`schema version now ${r.to}`);
  }
  await out(`${lines.join('\n')}\n`);
  return 0;
}
