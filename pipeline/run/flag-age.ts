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
 * Walks back one month at a time and keeps only the subjects flagged in every month so far, so a long history
 * costs one indexed query per month of the longest run, not the plan's whole flag table.
 */
export async function openSinceOf(db: RunDb, planId: string, month: Month): Promise<Map<string, string>> {
  const monthRows = async (m: Month) => db.selectFrom('flags').select(['subject', 'created_at'])
    .where('plan_id', '=', planId).where('month', '=', m).execute();

  const earliest = new Map<string, string>();
  const keepEarlier = (subject: string, at: string) => {
    const seen = earliest.get(subject);
    if (seen === undefined || at < seen) earliest.set(subject, at);
  };
  for (const r of await monthRows(month)) keepEarlier(r.subject, r.created_at);

  let alive: Set<string> | null = null;
  for (let m = addMonths(month, -1); ; m = addMonths(m, -1)) {
    const rows = await monthRows(m);
    const present = new Set<string>();
    for (const r of rows) {
      if (alive !== null && !alive.has(r.subject)) continue;
      present.add(r.subject);
      keepEarlier(r.subject, r.created_at);
    }
    if (present.size === 0) break;
    alive = present;
  }
  return earliest;
}
