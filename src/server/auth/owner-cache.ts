export interface TokenOwner {
  id: string;
  organizationId: string | null;
  userId: string | null;
}

/**
 * Who owns the assessment behind a resume-token hash, remembered for the autosave path so a save
 * costs one statement (the conditional upsert) instead of two.
 *
 * Why this is safe: ownership only ever moves from anonymous to a person (a claim, which needs the
 * token) and never between people, so an owned entry stays true until the assessment is deleted —
 * and a save to a deleted or finished assessment writes nothing, because the upsert itself is
 * conditional. A claim on this server drops its entry at once (`forget`); one on another server may
 * leave an anonymous entry stale, so it is kept for only
 * `anonymousTtlMs` (default 2 s); in that window the only person who can use it holds the token,
 * i.e. the claimer. Reads of answers and profiles never use this cache.
 *
 * @example
 * const owners = new TokenOwnerCache();
 * const owner = await owners.get(hash, () => repository.ownerByTokenHash(hash));
 */
export class TokenOwnerCache {
  private readonly entries = new Map<string, { owner: TokenOwner; until: number }>();

  constructor(
    private readonly options: { maxEntries?: number; anonymousTtlMs?: number; now?: () => number } = {},
  ) {}

  /** Drops what is known about a token (this server just changed its owner). */
  forget(hash: string): void {
    this.entries.delete(hash);
  }

  async get(hash: string, load: () => Promise<TokenOwner | undefined>): Promise<TokenOwner | undefined> {
    const now = (this.options.now ?? Date.now)();
    const hit = this.entries.get(hash);
    if (hit && hit.until > now) return hit.owner;
    const owner = await load();
    if (!owner) {
      this.entries.delete(hash);
      return undefined;
    }
    const anonymous = owner.userId === null;
    this.entries.delete(hash); // re-insert: Map order is the eviction order (least recently loaded first)
    this.entries.set(hash, {
      owner,
      until: anonymous ? now + (this.options.anonymousTtlMs ?? 2_000) : Number.POSITIVE_INFINITY,
    });
    const max = this.options.maxEntries ?? 10_000;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
    return owner;
  }
}
