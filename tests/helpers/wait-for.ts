// Waits on a condition instead of a fixed sleep: polls until it holds or a deadline passes.
export async function waitFor<T>(predicate: () => T | Promise<T>, opts: { timeoutMs?: number; what?: string } = {}): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`waitFor: timed out waiting for ${opts.what ?? 'condition'}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
