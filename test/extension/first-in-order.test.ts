import fc from 'fast-check';
import { expect, it } from 'vitest';
import { firstInOrder } from '@/utils/db/first-in-order.js';

/** Sorted by the number only: ties show whether arrival order is kept. */
const byKey = (a: [number, number], b: [number, number]) => a[0] - b[0];

it('gives what a stable sort of everything gives, cut to the count, for any count', () => {
  fc.assert(fc.property(
    fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), fc.integer({ min: -1, max: 2600 }),
    (keys, count) => {
      const items = keys.map((key, i) => [key, i] as [number, number]);
      expect(firstInOrder(items, byKey, count)).toEqual(items.slice().sort(byKey).slice(0, Math.max(0, count)));
    },
  ));
});

it('sorts everything beyond a few thousand kept, with the same result', () => {
  const items = Array.from({ length: 5000 }, (_, i) => [(i * 7919) % 101, i] as [number, number]);
  expect(firstInOrder(items, byKey, 3000)).toEqual(items.slice().sort(byKey).slice(0, 3000));
  expect(firstInOrder(items, byKey, 50)).toEqual(items.slice().sort(byKey).slice(0, 50));
});
