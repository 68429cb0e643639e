import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './store.js';

/** The one behaviour every Store must show; run against memory, SQLite and a real Redis. */
export function storeSuite(name: string, open: () => Promise<Store>, teardown: () => Promise<void> = async () => undefined): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let n = 0;
    // Fresh key names per test so one store instance serves the whole suite.
    const key = (s: string): string => `${name}:${s}:${++n}:${Math.random().toString(36).slice(2)}`;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
      await teardown();
    });

    it('incr creates a counter with an expiry and adds to it', async () => {
      const k = key('incr');
      const a = await store.incr(k, 1, 60_000);
      const b = await store.incr(k, 2, 60_000);
      expect(a.value).toBe(1);
      expect(b.value).toBe(3);
      expect(b.resetMs).toBeGreaterThan(50_000);
      expect(b.resetMs).toBeLessThanOrEqual(60_000);
      expect((await store.peek(k)).value).toBe(3);
    });

    it('an expired counter starts over', async () => {
      const k = key('exp');
      await store.incr(k, 5, 100);
      await sleep(250);
      expect((await store.peek(k)).value).toBe(0);
      expect((await store.incr(k, 1, 60_000)).value).toBe(1);
    });

    it('adjust corrects a live counter but never creates one', async () => {
      const k = key('adj');
      expect(await store.adjust(k, 10)).toBeUndefined();
      expect((await store.peek(k)).value).toBe(0);
      await store.incr(k, 100, 60_000);
      const r = await store.adjust(k, -40);
      expect(r?.value).toBe(60);
      expect(r?.resetMs).toBeGreaterThan(0);
    });

    it('adjustMany corrects live counters in one call and skips absent ones', async () => {
      const a = key('am');
      const b = key('am');
      await store.incr(a, 50, 60_000);
      await store.adjustMany([
        { key: a, by: -20 },
        { key: b, by: 5 },
      ]);
      expect((await store.peek(a)).value).toBe(30);
      expect((await store.peek(b)).value).toBe(0);
    });

    it('consume admits up to the limit and refuses the next', async () => {
      const k = key('lim');
      const results: boolean[] = [];
      for (let i = 0; i < 6; i++) results.push((await store.consume([{ key: k, by: 1, limit: 5, ttlMs: 60_000 }])).ok);
      expect(results).toEqual([true, true, true, true, true, false]);
      const refused = await store.consume([{ key: k, by: 1, limit: 5, ttlMs: 60_000 }]);
      expect(refused.failed).toBe(0);
      expect(refused.counters[0]?.value).toBe(5);
      expect(refused.counters[0]?.resetMs).toBeGreaterThan(0);
    });

    it('consume is all-or-nothing across counters', async () => {
      const a = key('a');
      const b = key('b');
      await store.incr(b, 9, 60_000);
      const r = await store.consume([
        { key: a, by: 1, limit: 100, ttlMs: 60_000 },
        { key: b, by: 2, limit: 10, ttlMs: 60_000 },
      ]);
      expect(r.ok).toBe(false);
      expect(r.failed).toBe(1);
      expect((await store.peek(a)).value).toBe(0);
      expect((await store.peek(b)).value).toBe(9);
      const ok = await store.consume([
        { key: a, by: 1, limit: 100, ttlMs: 60_000 },
        { key: b, by: 1, limit: 10, ttlMs: 60_000 },
      ]);
      expect(ok.ok).toBe(true);
      expect(ok.counters.map((c) => c.value)).toEqual([1, 10]);
    });

    it('an Infinity limit records without refusing, large values stay exact', async () => {
      const k = key('inf');
      await store.consume([{ key: k, by: 25_000_000_000, limit: Infinity, ttlMs: 60_000 }]);
      const r = await store.consume([{ key: k, by: 150, limit: Infinity, ttlMs: 60_000 }]);
      expect(r.ok).toBe(true);
      expect(r.counters[0]?.value).toBe(25_000_000_150);
    });

    it('concurrent consumers never exceed the limit', async () => {
      const k = key('conc');
      const all = await Promise.all(Array.from({ length: 80 }, () => store.consume([{ key: k, by: 1, limit: 60, ttlMs: 60_000 }])));
      expect(all.filter((r) => r.ok)).toHaveLength(60);
      expect((await store.peek(k)).value).toBe(60);
    });

    it('get/set/del strings, with and without expiry', async () => {
      const k = key('s');
      const t = key('t');
      expect(await store.get(k)).toBeUndefined();
      await store.set(k, 'hello');
      await store.set(t, 'brief', 100);
      expect(await store.get(k)).toBe('hello');
      expect(await store.get(t)).toBe('brief');
      await sleep(250);
      expect(await store.get(t)).toBeUndefined();
      await store.del(k);
      expect(await store.get(k)).toBeUndefined();
    });
  });
}
