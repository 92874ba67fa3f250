// Latencies as the popup's Calls section shows them: the unit that reads best, one decimal at most.
import { expect, it } from 'vitest';
import { formatDuration } from '@/utils/pages/format.js';

it('shows milliseconds below a second, seconds below a minute, then minutes', () => {
  const shown = [0, 7, 999, 1000, 1234, 59_949, 59_950, 60_000, 150_000, 86_400_000].map((ms) => formatDuration(ms, 'en'));
  expect(shown).toEqual(['0 ms', '7 ms', '999 ms', '1 sec', '1.2 sec', '59.9 sec', '1 min', '1 min', '2.5 min', '1,440 min']);
});
