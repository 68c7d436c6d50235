/** Rows one prune statement deletes at most: each batch is its own short statement, so no lock is held long. */
export const PRUNE_BATCH_SIZE = 1000;

/**
 * Repeats `deleteBatch` (which deletes at most `batchSize` rows and says how many it did) until a batch comes
 * back short, and returns the total. Deleting a big backlog at once would hold its row locks and bloat one
 * transaction; batches let other writers through between them.
 */
export async function pruneInBatches(batchSize: number, deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
