import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from './api.ts';
import { storage } from './storage.ts';

export type ItemStatus = 'saving' | 'saved' | 'error';

export interface Autosave {
  answers: Record<string, number>;
  status: Record<string, ItemStatus>;
  /** A problem that retrying will not fix (e.g. the assessment was finished elsewhere). */
  fatal: string | null;
  set(itemId: string, value: number | null): void;
  retryNow(): void;
  /** Resolves once every answer is confirmed by the server (or rejects on a lasting failure). */
  flush(): Promise<void>;
  pendingCount: number;
  failedCount: number;
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000];

/**
 * Saves every answer the moment it is chosen. Each answer is first written to localStorage, then
 * PUT to the server; only the server's confirmation removes it from localStorage. One request per
 * item at a time, always with the newest value; failures retry with backoff and on demand.
 */
export function useAutosave(token: string, initial: Record<string, number>): Autosave {
  const [answers, setAnswers] = useState<Record<string, number>>(initial);
  const [status, setStatus] = useState<Record<string, ItemStatus>>({});
  const [fatal, setFatal] = useState<string | null>(null);
  const wanted = useRef(new Map<string, number | null>());
  const inFlight = useRef(new Set<string>());
  const attempts = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const waiters = useRef<{ resolve: () => void; reject: (e: Error) => void }[]>([]);

  const settle = useCallback(() => {
    if (wanted.current.size > 0 || inFlight.current.size > 0) return;
    for (const w of waiters.current.splice(0)) w.resolve();
  }, []);

  const send = useCallback(
    (itemId: string) => {
      if (inFlight.current.has(itemId) || !wanted.current.has(itemId)) return;
      const value = wanted.current.get(itemId)!;
      inFlight.current.add(itemId);
      setStatus((s) => ({ ...s, [itemId]: 'saving' }));
      api.answer(token, itemId, value).then(
        () => {
          inFlight.current.delete(itemId);
          storage.clearPending(token, itemId, value);
          if (wanted.current.get(itemId) === value) {
            wanted.current.delete(itemId);
            setStatus((s) => ({ ...s, [itemId]: 'saved' }));
            attempts.current = 0;
            settle();
          } else {
            send(itemId); // changed while saving: send the newest value
          }
        },
        (error: unknown) => {
          inFlight.current.delete(itemId);
          setStatus((s) => ({ ...s, [itemId]: 'error' }));
          if (error instanceof ApiError && !error.transient) {
            wanted.current.delete(itemId);
            storage.clearPending(token, itemId, value);
            setFatal(error.message);
            for (const w of waiters.current.splice(0)) w.reject(error);
            return;
          }
          const delay = BACKOFF_MS[Math.min(attempts.current, BACKOFF_MS.length - 1)]!;
          attempts.current += 1;
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            for (const id of wanted.current.keys()) send(id);
          }, delay);
        },
      );
    },
    [token, settle],
  );

  const set = useCallback(
    (itemId: string, value: number | null) => {
      setAnswers((a) => {
        const next = { ...a };
        if (value === null) delete next[itemId];
        else next[itemId] = value;
        return next;
      });
      storage.setPending(token, itemId, value);
      wanted.current.set(itemId, value);
      send(itemId);
    },
    [token, send],
  );

  const retryNow = useCallback(() => {
    attempts.current = 0;
    if (timer.current) clearTimeout(timer.current);
    for (const id of wanted.current.keys()) send(id);
  }, [send]);

  const flush = useCallback(() => {
    if (wanted.current.size === 0 && inFlight.current.size === 0) return Promise.resolve();
    retryNow();
    return new Promise<void>((resolve, reject) => waiters.current.push({ resolve, reject }));
  }, [retryNow]);

  // Answers left unconfirmed by an earlier visit (offline, tab closed mid-save) are sent again.
  useEffect(() => {
    const pending = storage.pending(token);
    for (const [itemId, value] of Object.entries(pending)) set(itemId, value);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [token, set]);

  // Save again as soon as the browser is back online.
  useEffect(() => {
    const online = () => retryNow();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [retryNow]);

  const values = Object.values(status);
  return {
    answers,
    status,
    fatal,
    set,
    retryNow,
    flush,
    pendingCount: values.filter((s) => s === 'saving').length,
    failedCount: values.filter((s) => s === 'error').length,
  };
}
