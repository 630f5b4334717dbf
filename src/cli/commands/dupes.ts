import { createError, ERRORS } from '../../core/errors.js';
import type { Item } from '../../core/types.js';
import { DuplicateIndex } from '../../reuse/dupes.js';
import { decodeSignature, encodeSignature, signature } from '../../reuse/minhash.js';
import { clip, out, sourceMap, withStore, type GlobalOptions } from '../common.js';

interface ClusterMember {
  id: string;
  source: string | null;
  title: string | null;
  publishedAt: string | null;
  similarity: number;
  exact: boolean;
}

interface DupesFlags extends GlobalOptions {
  minSimilarity: number;
  limit?: number;
}

/**
 * `narrascope dupes`: clusters of identical and near-identical items, first seen first. Signatures
 * are computed once per item and kept in the store, so a later run hashes only new items.
 */
export async function runDupes(flags: DupesFlags): Promise<number> {
  if (!(flags.minSimilarity > 0 && flags.minSimilarity <= 1)) {
    throw createError(ERRORS.USAGE, `--min-similarity must be in (0, 1], got ${flags.minSimilarity}`, '--min-similarity');
  }
  return withStore(flags, async (store) => {
    const index = new DuplicateIndex({ threshold: flags.minSimilarity });
    // What the listing shows of each item; texts stay in the store.
    const items = new Map<string, Pick<Item, 'sourceId' | 'title' | 'publishedAt'>>();
    let fresh: Array<{ itemId: string; signature: Uint8Array }> = [];
    let signed = 0;
    for await (const { item, capturedAt, signature: stored } of store.iterateSignatures()) {
      let sig = stored ? decodeSignature(stored) : null;
      if (!sig) {
        sig = signature(item.text);
        fresh.push({ itemId: item.id, signature: encodeSignature(sig) });
        signed++;
        if (fresh.length >= 1000) {
          await store.putSignatures(fresh);
          fresh = [];
        }
      }
      index.add({ id: item.id, contentHash: item.contentHash, text: item.text, publishedAt: item.publishedAt, capturedAt, signature: sig });
      items.set(item.id, { sourceId: item.sourceId, title: item.title ?? clip(item.text, 70), publishedAt: item.publishedAt });
    }
    if (fresh.length > 0) await store.putSignatures(fresh);

    const sources = await sourceMap(store);
    const clusters = index.clusters().slice(0, flags.limit ?? Number.POSITIVE_INFINITY);
    const describe = (id: string, similarity: number, exact: boolean): ClusterMember => {
      const it = items.get(id);
      return {
        id,
        source: it ? (sources.get(it.sourceId)?.name ?? it.sourceId) : null,
        title: it?.title ?? null,
        publishedAt: it?.publishedAt ?? null,
        similarity: Math.round(similarity * 1000) / 1000,
        exact,
      };
    };
    for (const c of clusters) {
      const [first, ...rest] = c.members;
      if (!first) continue;
      if (flags.json) {
        await out(
          `${JSON.stringify({
            cluster: c.id,
            size: c.members.length,
            firstSeen: describe(first.id, 1, true),
            reposts: rest.map((m) => describe(m.id, m.similarity, m.exact)),
          })}\n`,
        );
      } else {
        const head = describe(first.id, 1, true);
        await out(`${c.members.length} items, first seen ${head.publishedAt ?? 'undated'} in ${head.source ?? '?'}: ${clip(head.title, 70)}\n`);
        for (const m of rest) {
          const d = describe(m.id, m.similarity, m.exact);
          await out(`  ${m.id}  ${(d.publishedAt ?? '—').padEnd(10)}  ${clip(d.source, 22).padEnd(22)}  ${m.exact ? 'exact' : `~${(m.similarity * 100).toFixed(0)}%`}\n`);
        }
      }
    }
    process.stderr.write(`${clusters.length} cluster(s) at similarity ≥ ${flags.minSimilarity}; ${signed} item(s) newly signed\n`);
    return 0;
  });
}
