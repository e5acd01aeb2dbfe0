/**
 * How long a flag has been open, for the report: a subject (unit, indicator, kind) flagged month after month is the
 * same problem still open, so its age counts from the first run that raised it in the unbroken run of months up to
 * the report's month. A month without that flag breaks the run: flagged again later, it is a new problem.
 *
 * Read from the flags each run saved (flag_key, subject, month, created_at = when the run raised it).
 */
import type { Month } from '../../core/schema';
import { addMonths } from '../../core/month';
import type { RunDb } from './tables';

/**
 * Subject → ISO time the subject was first flagged in its unbroken run of months ending at `month` (the report's
 * month counts as flagged: the report raises it). Only subjects flagged in the month before (or stored for the
 * month itself, by an earlier run of it) are in the map; any other flag of the report is new.
 *
 * Each saved flag carries its own `open_since` (migration 040), so one month back is enough: a subject flagged the
 * month before has been open since that flag's `open_since`. Reading the whole run back cost the report a month of
 * flags per month of the longest run, tens of MB on a large city.
 */
export async function openSinceOf(db: RunDb, planId: string, month: Month): Promise<Map<string, string>> {
  const rows = await db.selectFrom('flags').select(['subject', 'created_at', 'open_since'])
    .where('plan_id', '=', planId).where('month', 'in', [addMonths(month, -1), month]).execute();
  const earliest = new Map<string, string>();
  for (const r of rows) {
    const since = r.open_since ?? r.created_at;
    const seen = earliest.get(r.subject);
    if (seen === undefined || since < seen) earliest.set(r.subject, since);
  }
  return earliest;
}
