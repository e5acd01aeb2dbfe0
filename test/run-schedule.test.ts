/**
 * When a month is due (China time, whatever the server's zone), the intake's deadline, and the timers: "run what is
 * due" at start and on each tick, never two at once.
 */
import { dueAt, latestDueMonth, monthAt, startScheduler, submissionDeadline } from '../pipeline/run/schedule';

const SHANGHAI = 'Asia/Shanghai';

test('October is due at 08:00 Beijing time on 1 November (00:00 UTC)', () => {
  expect(dueAt('2025-10', '0 8 1 * *', SHANGHAI).toISOString()).toBe('2025-11-01T00:00:00.000Z');
  expect(dueAt('2025-12', '0 8 1 * *', SHANGHAI).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  // Another schedule: 09:30 on the 3rd.
  expect(dueAt('2025-10', '30 9 3 * *', SHANGHAI).toISOString()).toBe('2025-11-03T01:30:00.000Z');
});

test('the latest due month turns at the schedule\'s minute, in China time', () => {
  expect(latestDueMonth(new Date('2025-10-31T23:59:00Z'), '0 8 1 * *', SHANGHAI)).toBe('2025-09');
  expect(latestDueMonth(new Date('2025-11-01T00:00:00Z'), '0 8 1 * *', SHANGHAI)).toBe('2025-10');
  // 31 October 20:00 UTC is already 1 November 04:00 in Beijing — but before 08:00.
  expect(monthAt(new Date('2025-10-31T20:00:00Z'), SHANGHAI)).toBe('2025-11');
  expect(latestDueMonth(new Date('2025-10-31T20:00:00Z'), '0 8 1 * *', SHANGHAI)).toBe('2025-09');
});

test('a unit\'s deadline is the intake\'s: day 1 of the next month at 08:00 Beijing by default', () => {
  expect(submissionDeadline('2025-10', { day: 1, time: '08:00' }, SHANGHAI).toISOString()).toBe('2025-11-01T00:00:00.000Z');
  expect(submissionDeadline('2025-12', { day: 5, time: '17:30' }, SHANGHAI).toISOString()).toBe('2026-01-05T09:30:00.000Z');
});

test('the scheduler runs what is due at start and on every tick, one call at a time', async () => {
  const calls: string[] = [];
  let running = 0;
  let overlapped = false;
  const scheduler = startScheduler({
    cron: '* * * * * *', // every second
    timezone: SHANGHAI,
    pollMs: 60_000,
    runDue: async (trigger) => {
      running++;
      overlapped ||= running > 1;
      calls.push(trigger);
      await new Promise((r) => setTimeout(r, 700));
      running--;
    },
    deliverDue: async () => undefined,
    onError: (err) => {
      throw err;
    },
  });
  await scheduler.started;
  expect(calls[0]).toBe('startup');
  await new Promise((r) => setTimeout(r, 2_300));
  await scheduler.stop();
  expect(calls.filter((c) => c === 'schedule').length).toBeGreaterThanOrEqual(1);
  expect(overlapped).toBe(false);
});
