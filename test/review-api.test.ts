/**
 * The review API on the real server (loopback), a real database file and real workbooks: flags raised by the real
 * monthly run; supervisors see and decide only the flags of their 责任单位 in their city; a unit reads its own flags'
 * status and decides nothing; a bad batch stores nothing and names the row; decisions change, the history keeps all.
 */
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import type { DecisionProblem, DecisionsResult, ReviewHistory, ReviewItem, ReviewList } from '../core/review';
import type { ReviewEvent } from '../core/review';
import { reviewsUpTo } from '../pipeline/run/flag-store';
import { runDbOf } from '../pipeline/run/store-source';
import { districtValues } from './fixtures/intake-harness';
import { api, BASIC, issueReport, reviewWorld, shortValues, STAFF, submitWorkbook, workbookFor, type ReviewWorld } from './fixtures/review-harness';

jest.setTimeout(120_000);

let world: ReviewWorld;
const MAY_RUN = new Date('2025-06-10T02:00:00Z');
const JUNE_RUN = new Date('2025-07-10T02:00:00Z');

interface Refusal {
  error: { zh: string; en: string };
  problems?: DecisionProblem[];
}

beforeAll(async () => {
  world = await reviewWorld('review-api');
  const { daoli, nangang } = world.tokens;
  expect((await submitWorkbook(world, daoli, await workbookFor('230102', '2025-05', shortValues(1, '园舍改造中')))).status).toBe(201);
  await issueReport(world.rt, '2025-05', MAY_RUN);
  expect((await submitWorkbook(world, daoli, await workbookFor('230102', '2025-06', shortValues(2)))).status).toBe(201);
  expect((await submitWorkbook(world, nangang, await workbookFor('230103', '2025-06', districtValues(3)))).status).toBe(201);
  await issueReport(world.rt, '2025-06', JUNE_RUN);
});

afterAll(async () => {
  await world.cleanup();
});

const flags = (token: string, query = '') => api<ReviewList & Refusal>(world, 'GET', `/api/review/flags?plan=review-plan${query}`, token);
const decide = (token: string, decisions: unknown[]) => api<DecisionsResult & Refusal>(world, 'POST', '/api/review/decisions', token, { decisions });

function decisionRows(): { flag_key: string; status: string }[] {
  const db = new BetterSqlite3(join(world.dir, 'plan-monitor.db'), { readonly: true });
  try {
    return db.prepare("select flag_key, status from review_events where kind = 'decision' order by at, id").all() as { flag_key: string; status: string }[];
  } finally {
    db.close();
  }
}

function find(items: ReviewItem[], unit: string, code: string | null, kind: string): ReviewItem {
  const item = items.find((i) => i.unitCode === unit && i.code === code && i.kind === kind);
  if (!item) throw new Error(`no ${unit} ${code} ${kind} among ${items.map((i) => i.flagKey).join(', ')}`);
  return item;
}

describe('a supervisor sees the flags of its 责任单位', () => {
  it('lists the latest month with what a decision needs: values, gap, explanation, recent months, age', async () => {
    const { status, json } = await flags(world.tokens.basic);
    expect(status).toBe(200);
    expect(json).toMatchObject({ planId: 'review-plan', month: '2025-06', months: ['2025-06', '2025-05'], locked: true, canDecide: true });
    expect(json.items.length).toBeGreaterThan(0);
    expect(json.items.every((i) => i.responsible.includes(BASIC))).toBe(true);
    const preschool = find(json.items, '230102', 'F-01', 'below_trajectory');
    expect(preschool).toMatchObject({
      unitName: '道里区教育局', indicatorName: '学前三年毛入园率', severity: 'critical', actual: '70.2%', expected: '89.8%',
      gap: '19.6个百分点', recent: [{ month: '2025-05', value: '70.1%' }], review: null,
    });
    // Flagged in May and again in June: open since the May run.
    expect(preschool.openSince).toBe(MAY_RUN.toISOString());
    expect(preschool.ageDays).toBeGreaterThanOrEqual(Math.floor((Date.now() - MAY_RUN.getTime()) / 86_400_000));
    // Not its 责任单位: the teacher gap (人事处) and the missing submissions (leadership).
    expect(json.items.some((i) => i.code === 'F-07' || i.kind === 'missing_submission')).toBe(false);
  });

  it('another supervisor sees only its own 责任单位; an administrator sees the city\'s flags, leadership\'s too', async () => {
    const staff = await flags(world.tokens.staff);
    expect(staff.json.items.length).toBeGreaterThan(0);
    expect(staff.json.items.every((i) => i.code === 'F-07' && i.responsible.includes(STAFF))).toBe(true);
    expect(find(staff.json.items, '230102', 'F-07', 'worse_than_last_month').actual).toBe('3,002人');
    // A flag on the city total shows the figures rolled up from the units' entries, as the report does.
    expect(find(staff.json.items, '230100', 'F-07', 'below_trajectory')).toMatchObject({
      unitName: '测试市教育局', actual: '3,602人', expected: '680人', gap: '2,922人', recent: [{ month: '2025-05', value: '3,001人' }],
    });

    const admin = await flags(world.tokens.admin);
    expect(admin.json.items.length).toBeGreaterThan(staff.json.items.length + 1);
    expect(admin.json.items.some((i) => i.kind === 'missing_submission' && i.responsible.length === 0)).toBe(true);
  });

  it('filters by unit, severity and month', async () => {
    const may = await flags(world.tokens.basic, '&month=2025-05&unit=230102&severity=critical');
    expect(may.json.month).toBe('2025-05');
    expect(may.json.items.length).toBeGreaterThan(0);
    expect(may.json.items.every((i) => i.month === '2025-05' && i.unitCode === '230102' && i.severity === 'critical')).toBe(true);
    const bad = await flags(world.tokens.basic, '&severity=urgent');
    expect(bad.status).toBe(400);
    expect(bad.json.error.zh).toContain('筛选条件有误');
  });

  it('refuses another city\'s supervisor, and a flag of another 责任单位', async () => {
    const other = await flags(world.tokens.otherCity);
    expect(other.status).toBe(403);
    expect(other.json.error).toEqual({ zh: '无权查看：该数据属于其他城市', en: 'Not allowed: this belongs to another city' });

    const staffFlag = find((await flags(world.tokens.staff)).json.items, '230102', 'F-07', 'worse_than_last_month');
    const before = decisionRows().length;
    for (const token of [world.tokens.basic, world.tokens.otherCity]) {
      const res = await decide(token, [{ flagKey: staffFlag.flagKey, status: 'accepted', comment: '说明充分' }]);
      expect(res.status).toBe(422);
      expect(res.json.problems).toEqual([expect.objectContaining({ index: 0, field: 'flagKey', zh: '无权复核该预警，或该预警不存在' })]);
    }
    expect(decisionRows()).toHaveLength(before);
  });
});

describe('a unit', () => {
  it('sees only its own flags, read only, and cannot decide', async () => {
    const own = await flags(world.tokens.daoli);
    expect(own.status).toBe(200);
    expect(own.json.canDecide).toBe(false);
    expect(own.json.items.length).toBeGreaterThan(0);
    expect(own.json.items.every((i) => i.unitCode === '230102')).toBe(true);
    // Both supervisors' flags on the unit, since it is the unit's own.
    expect(new Set(own.json.items.map((i) => i.code))).toEqual(new Set(['F-01', 'F-07', null]));

    const res = await decide(world.tokens.daoli, [{ flagKey: own.json.items[0]!.flagKey, status: 'accepted' }]);
    expect(res.status).toBe(403);
    expect(res.json.error.zh).toBe('填报单位的令牌只能查看本单位预警的复核状态，不能作出复核结论');
  });
});

describe('decisions', () => {
  it('a bad batch stores nothing and names the row and the field', async () => {
    const items = (await flags(world.tokens.basic, '&unit=230102')).json.items;
    const before = decisionRows().length;
    const res = await decide(world.tokens.basic, [
      { flagKey: items[0]!.flagKey, status: 'accepted', comment: '说明充分' },
      { flagKey: items[1]!.flagKey, status: 'action_required', action: '制定扩容方案' },
      { flagKey: items[0]!.flagKey, status: 'escalated' },
    ]);
    expect(res.status).toBe(422);
    expect(res.json.error.zh).toContain('复核结论未保存');
    expect(res.json.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ index: 1, field: 'dueBy', flagKey: items[1]!.flagKey, zh: '“需整改”须填写整改期限（YYYY-MM-DD）' }),
      expect.objectContaining({ index: 2, field: 'flagKey', zh: '同一预警在本次提交中出现了两次' }),
      expect.objectContaining({ index: 2, field: 'comment' }),
    ]));
    expect(res.json.problems!.some((p) => p.index === 0)).toBe(false);
    expect(decisionRows()).toHaveLength(before);
  });

  it('a decision changes; the list shows the latest, the history keeps both, the report reads action and due date', async () => {
    const item = find((await flags(world.tokens.basic)).json.items, '230102', 'F-01', 'below_trajectory');
    const first = await decide(world.tokens.basic, [{ flagKey: item.flagKey, status: 'accepted', comment: '园舍改造，9月恢复招生' }]);
    expect(first.status).toBe(201);
    expect(first.json.stored).toBe(1);
    expect(first.json.events[0]).toMatchObject({ kind: 'decision', status: 'accepted', actorLabel: '基础教育处 张处长', unitCode: '230102' });

    const second = await decide(world.tokens.basic, [{ flagKey: item.flagKey, status: 'action_required', comment: '连续两月偏低', action: '提交扩容整改方案', dueBy: '2099-09-30' }]);
    expect(second.status).toBe(201);

    const now = find((await flags(world.tokens.basic)).json.items, '230102', 'F-01', 'below_trajectory');
    expect(now.review).toMatchObject({ status: 'action_required', action: '提交扩容整改方案', dueBy: '2099-09-30', reviewer: '基础教育处 张处长', month: '2025-06' });
    // "open" means not decided yet, or action still required.
    expect((await flags(world.tokens.basic, '&status=open')).json.items.map((i) => i.flagKey)).toContain(item.flagKey);
    expect((await flags(world.tokens.basic, '&status=accepted')).json.items.map((i) => i.flagKey)).not.toContain(item.flagKey);

    // The unit sees the status of its own flag.
    const unitView = find((await flags(world.tokens.daoli)).json.items, '230102', 'F-01', 'below_trajectory');
    expect(unitView.review?.status).toBe('action_required');

    const history = await api<ReviewHistory>(world, 'GET', `/api/review/history?flag=${encodeURIComponent(item.flagKey)}`, world.tokens.basic);
    expect(history.status).toBe(200);
    expect(history.json.events.map((e) => [e.status, e.comment, e.actor])).toEqual([
      ['accepted', '园舍改造，9月恢复招生', expect.any(String)],
      ['action_required', '连续两月偏低', expect.any(String)],
    ]);
    // Another 责任单位's supervisor cannot read it.
    expect((await api<Refusal>(world, 'GET', `/api/review/history?flag=${encodeURIComponent(item.flagKey)}`, world.tokens.staff)).status).toBe(404);

    const latest = (await reviewsUpTo(runDbOf(world.rt.store.db), 'review-plan', '2025-07'))
      .find((r) => r.unitCode === '230102' && r.code === 'F-01' && r.kind === 'below_trajectory');
    expect(latest?.review).toMatchObject({ status: 'action_required', action: '提交扩容整改方案', dueBy: '2099-09-30', reviewer: '基础教育处 张处长' });

    const events = await api<{ events: ReviewEvent[] }>(world, 'GET', '/api/review/events?plan=review-plan&month=2025-06', world.tokens.admin);
    expect(events.json.events.filter((e) => e.kind === 'decision' && e.flagKey === item.flagKey)).toHaveLength(2);
    expect(events.json.events.some((e) => e.kind === 'lock' && e.actor === 'system')).toBe(true);
  });

  it('an earlier month\'s decision is carried to the same subject, and a due date before today is refused', async () => {
    const may = find((await flags(world.tokens.staff, '&month=2025-05')).json.items, '230100', 'F-07', 'below_trajectory');
    expect((await decide(world.tokens.staff, [{ flagKey: may.flagKey, status: 'escalated', comment: '全市缺口大，请局领导协调编制' }])).status).toBe(201);
    const june = find((await flags(world.tokens.staff)).json.items, '230100', 'F-07', 'below_trajectory');
    expect(june.review).toMatchObject({ status: 'escalated', month: '2025-05' });

    const late = await decide(world.tokens.staff, [{ flagKey: june.flagKey, status: 'action_required', action: '补充招聘', dueBy: '2020-01-01' }]);
    expect(late.status).toBe(422);
    expect(late.json.problems).toEqual([expect.objectContaining({ index: 0, field: 'dueBy' })]);
  });
});
