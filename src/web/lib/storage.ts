/**
 * What the browser keeps between visits, all under one origin: the private resume token of the
 * assessment in progress, the page the person was on, and answers not yet confirmed by the server
 * (so an answer given offline or just before the tab closed is sent on the next visit).
 */
const KEY = 'fulcrum.v1';

interface Saved {
  current?: { token: string; form: string; startedAt: string };
  pages: Record<string, number>;
  pending: Record<string, Record<string, number | null>>;
}

function read(): Saved {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<Saved>) : {};
    return { pages: {}, pending: {}, ...parsed };
  } catch {
    return { pages: {}, pending: {} };
  }
}

function write(saved: Saved): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(saved));
  } catch {
    /* private mode or full storage: the server still has every confirmed answer */
  }
}

export const storage = {
  current: () => read().current,
  setCurrent(token: string, form: string) {
    const saved = read();
    saved.current = { token, form, startedAt: new Date().toISOString() };
    write(saved);
  },
  forget(token: string) {
    const saved = read();
    if (saved.current?.token === token) delete saved.current;
    delete saved.pages[token];
    delete saved.pending[token];
    write(saved);
  },
  page: (token: string): number | undefined => read().pages[token],
  setPage(token: string, page: number) {
    const saved = read();
    saved.pages[token] = page;
    write(saved);
  },
  pending: (token: string): Record<string, number | null> => read().pending[token] ?? {},
  setPending(token: string, itemId: string, value: number | null) {
    const saved = read();
    saved.pending[token] = { ...saved.pending[token], [itemId]: value };
    write(saved);
  },
  clearPending(token: string, itemId: string, value: number | null) {
    const saved = read();
    const mine = saved.pending[token];
    if (mine && itemId in mine && mine[itemId] === value) {
      delete mine[itemId];
      if (Object.keys(mine).length === 0) delete saved.pending[token];
      write(saved);
    }
  },
};
