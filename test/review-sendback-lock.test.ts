/**
 * Send-back (退回), lock and unlock on the real server (loopback), a real database file and real workbooks:
 * a supervisor returns a submission with a reason → the unit sees it in /api/submissions and on the upload page →
 * resubmits → the history shows the loop; once the month's report is issued (the real monthly run) a submission is
 * refused as locked through the API, the upload page, the drop folder and ingest, until a supervisor unlocks that
 * unit's month; each correction needs its own unlock; every step is in the audit events.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Receipt } from '../core/receipt';
import { receiptHeadline } from '../core/receipt';
import type { ReviewEvent, SendBackResult } from '../core/review';
import { ingestFiles } from '../pipeline/ingest/ingest';
import { DropFolder } from '../pipeline/intake/drop-folder';
import type { SubmissionSummary } from '../pipeline/store/store';
import { districtValues } from './fixtures/intake-harness';
import { api, issueReport, reviewWorld, shortValues, submitWorkbook, workbookFor, type ReviewWorld } from './fixtures/review-harness';

jest.setTimeout(120_000);

let world: ReviewWorld;
const MONTH = '2025-06';
const REASON = '学前三年毛入园率分母填写有误，请核对适龄人口后重报';

interface Refusal {
  error: { zh: string; en: string };
}

beforeAll(async () => {
  world = await reviewWorld('review-sendback');
});

afterAll(async () => {
  await world.cleanup();
});

const history = async (token = world.tokens.daoli) =>
  (await api<{ submissions: SubmissionSummary[] }>(world, 'GET', `/api/submissions?month=${MONTH}&plan=review-plan`, token)).json.submissions;
const events = async (token = world.tokens.admin) =>
  (await api<{ events: ReviewEvent[] }>(world, 'GET', `/api/review/events?plan=review-plan&month=${MONTH}`, token)).json.events;
const body = (reason = REASON) => ({ planId: 'review-plan', unitCode: '230102', month: MONTH, reason });

function pageForm(fields: Record<string, string>, file?: { bytes: Buffer; name: string }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  return form;
}

async function page(path: string, form: FormData): Promise<{ status: number; html: string }> {
  const res = await fetch(`${world.server.url}${path}`, { method: 'POST', body: form });
  return { status: res.status, html: await res.text() };
}

function currentRows(): { version: number; status: string }[] {
  const db = new BetterSqlite3(join(world.dir, 'plan-monitor.db'), { readonly: true });
  try {
    return db.prepare("select version, status from submissions where unit_code = '230102' and month = ? and status != 'refused' order by version").all(MONTH) as { version: number; status: string }[];
  } finally {
    db.close();
  }
}

describe('send back (退回) before the report is issued', () => {
  let v1: Receipt;
  let v1Bytes: Buffer;

  it('a supervisor returns the unit\'s current submission with a reason; the unit sees it in the API and on the upload page', async () => {
    v1Bytes = await workbookFor('230102', MONTH, shortValues(1));
    v1 = (await submitWorkbook(world, world.tokens.daoli, v1Bytes)).json;
    expect(v1).toMatchObject({ status: 'accepted', version: 1 });
    expect((await submitWorkbook(world, world.tokens.nangang, await workbookFor('230103', MONTH, districtValues(4)))).json.status).toBe('accepted');

    // A unit cannot send back; a reason is required.
    expect((await api<Refusal>(world, 'POST', '/api/review/send-back', world.tokens.daoli, body())).status).toBe(403);
    const noReason = await api<Refusal>(world, 'POST', '/api/review/send-back', world.tokens.basic, body(''));
    expect(noReason.status).toBe(400);
    expect(noReason.json.error).toEqual({ zh: '请写明退回原因', en: 'give the reason for sending it back' });
    expect((await api<Refusal>(world, 'POST', '/api/review/send-back', world.tokens.otherCity, body())).status).toBe(403);

    const sent = await api<SendBackResult>(world, 'POST', '/api/review/send-back', world.tokens.basic, body());
    expect(sent.status).toBe(201);
    expect(sent.json.event).toMatchObject({ kind: 'send_back', submissionId: v1.submissionId, comment: REASON, actorLabel: '基础教育处 张处长' });
    expect(sent.json.unlock).toBeNull();
    // Once is enough: the same submission cannot be returned twice while the unit has not corrected it.
    expect((await api<Refusal>(world, 'POST', '/api/review/send-back', world.tokens.basic, body())).status).toBe(409);

    const [mine] = await history();
    expect(mine).toMatchObject({ id: v1.submissionId, status: 'accepted', returned: { reason: REASON, by: '基础教育处 张处长' } });
    // Another unit's submission is untouched.
    expect((await history(world.tokens.nangang))[0]!.returned).toBeNull();

    const zh = await page('/upload/returns', pageForm({ token: world.tokens.daoli }));
    expect(zh.status).toBe(200);
    expect(zh.html).toContain('被退回、待重新提交的填报');
    expect(zh.html).toContain(`测试市教育规划（复核） 2025年6月：基础教育处 张处长 于`);
    expect(zh.html).toContain(`原因：${REASON}`);
    const en = await page('/upload/returns', pageForm({ token: world.tokens.daoli, lang: 'en' }));
    expect(en.html).toContain('Sent back, awaiting your corrected submission');
    expect(en.html).toContain(`Reason: ${REASON}`);
    expect((await page('/upload/returns', pageForm({ token: world.tokens.nangang }))).html).toContain('目前没有被退回的填报。');
  });

  it('the same file again does not answer the send-back, and the receipt says so', async () => {
    const again = (await submitWorkbook(world, world.tokens.daoli, v1Bytes)).json;
    expect(again).toMatchObject({ status: 'duplicate', submissionId: v1.submissionId, version: 1 });
    expect(again.issues[0]).toMatchObject({ severity: 'warning', code: 'still_returned' });
    expect(again.issues[0]!.zh).toContain('退回仍未关闭');
    expect((await history())[0]).toMatchObject({ id: v1.submissionId, returned: { reason: REASON, closedBy: null } });
  });

  it('the unit resubmits on the upload page; the send-back is closed and the history shows v1 → returned → v2', async () => {
    const corrected = await workbookFor('230102', MONTH, shortValues(2, '适龄人口已按户籍数据核对'));
    const res = await page('/upload', pageForm({ token: world.tokens.daoli }, { bytes: corrected, name: '道里区6月-更正.xlsx' }));
    expect(res.status).toBe(201);
    expect(res.html).toContain('已受理：道里区教育局 2025年6月 第2版');
    expect(res.html).toContain('目前没有被退回的填报。');

    const [v2, first] = await history();
    expect(v2).toMatchObject({ version: 2, status: 'accepted', returned: null });
    expect(first).toMatchObject({ id: v1.submissionId, version: 1, status: 'superseded', supersededBy: v2!.id, returned: { reason: REASON, closedBy: v2!.id } });
    expect(Date.parse(first!.returned!.at)).toBeLessThan(Date.parse(v2!.receivedAt));
  });
});

describe('lock after the report is issued, unlock for one correction', () => {
  it('the issued month refuses a submission through the API and the upload page; nothing is accepted', async () => {
    // Issued now (the audit trail is in time order).
    await issueReport(world.rt, MONTH, new Date());
    const lock = (await events()).filter((e) => e.kind === 'lock');
    expect(lock).toEqual([expect.objectContaining({ actor: 'system', planId: 'review-plan', month: MONTH, unitCode: null })]);

    const refused = await submitWorkbook(world, world.tokens.daoli, await workbookFor('230102', MONTH, shortValues(3)));
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ status: 'refused', submissionId: null, unitCode: '230102', month: MONTH });
    expect(refused.json.issues).toEqual([expect.objectContaining({
      code: 'month_locked', zh: '2025年6月报告已发布，填报已锁定；如需更正，请联系督导单位解锁',
    })]);
    expect(receiptHeadline(refused.json, 'zh')).toContain('未受理');

    const onPage = await page('/upload', pageForm({ token: world.tokens.daoli }, { bytes: await workbookFor('230102', MONTH, shortValues(4)), name: 'x.xlsx' }));
    expect(onPage.status).toBe(422);
    expect(onPage.html).toContain('填报已锁定；如需更正，请联系督导单位解锁');
    expect(currentRows()).toEqual([{ version: 1, status: 'superseded' }, { version: 2, status: 'accepted' }]);
    // The refusal is in the unit's history, as every refusal is.
    expect((await history())[0]).toMatchObject({ status: 'refused', receipt: expect.objectContaining({ status: 'refused' }) });
  });

  it('the drop folder and ingest refuse it too', async () => {
    const folder = join(world.dir, 'drop');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '道里区-6月.xlsx'), await workbookFor('230102', MONTH, shortValues(5)));
    const drop = new DropFolder({ folder, store: world.rt.store, parser: world.rt.parser, maxBytes: world.rt.config.server.maxUploadBytes, settleMs: 0, pollMs: 60_000 });
    const [dropped] = await drop.scan();
    expect(dropped).toMatchObject({ outcome: 'rejected', receipt: expect.objectContaining({ status: 'refused' }) });
    expect(dropped!.receipt.issues[0]!.code).toBe('month_locked');

    const file = join(world.dir, '道里区-6月-ingest.xlsx');
    writeFileSync(file, await workbookFor('230102', MONTH, shortValues(6)));
    const lines: { status: string; issues: { code: string | null }[] }[] = [];
    const summary = await ingestFiles([file], { store: world.rt.store, parser: world.rt.parser, maxBytes: world.rt.config.server.maxUploadBytes, submittedBy: 'cli:test', onLine: (l) => lines.push(l) });
    expect(summary).toMatchObject({ accepted: 0, refused: 1 });
    expect(lines[0]!.issues[0]!.code).toBe('month_locked');
    expect(currentRows().at(-1)).toEqual({ version: 2, status: 'accepted' });
  });

  it('a supervisor unlocks the unit\'s month: one correction is accepted, the next needs a new unlock', async () => {
    expect((await api<Refusal>(world, 'POST', '/api/review/unlock', world.tokens.daoli, body('请解锁'))).status).toBe(403);
    const unlocked = await api<{ event: ReviewEvent }>(world, 'POST', '/api/review/unlock', world.tokens.staff, body('人事处核对教师缺口后需更正'));
    expect(unlocked.status).toBe(201);
    expect(unlocked.json.event).toMatchObject({ kind: 'unlock', unitCode: '230102', actorLabel: '人事处 刘处长', comment: '人事处核对教师缺口后需更正' });
    expect((await api<Refusal>(world, 'POST', '/api/review/unlock', world.tokens.basic, body('再次解锁'))).status).toBe(409);

    // Another unit's month stays locked.
    expect((await submitWorkbook(world, world.tokens.nangang, await workbookFor('230103', MONTH, districtValues(8)))).json.issues[0]!.code).toBe('month_locked');

    const v3 = await submitWorkbook(world, world.tokens.daoli, await workbookFor('230102', MONTH, shortValues(7, '已更正')));
    expect(v3.status).toBe(201);
    expect(v3.json).toMatchObject({ status: 'accepted', version: 3 });

    const again = await submitWorkbook(world, world.tokens.daoli, await workbookFor('230102', MONTH, shortValues(8)));
    expect(again.status).toBe(422);
    expect(again.json.issues[0]!.code).toBe('month_locked');

    const audit = await events();
    expect(audit.map((e) => e.kind)).toEqual(['send_back', 'lock', 'unlock']);
    expect(audit[2]).toMatchObject({ actor: expect.any(String), actorLabel: '人事处 刘处长' });
    // The unit reads the events of its own unit and the month's lock.
    expect((await events(world.tokens.daoli)).map((e) => e.kind)).toEqual(['send_back', 'lock', 'unlock']);
    expect((await events(world.tokens.nangang)).map((e) => e.kind)).toEqual(['lock']);
  });

  it('a send-back of an issued month unlocks it for the correction, recorded as an unlock', async () => {
    const sent = await api<SendBackResult>(world, 'POST', '/api/review/send-back', world.tokens.basic, body('第3版仍有误，请再次核对'));
    expect(sent.status).toBe(201);
    expect(sent.json.unlock).toMatchObject({ kind: 'unlock', unitCode: '230102', comment: '第3版仍有误，请再次核对' });

    const v4 = await submitWorkbook(world, world.tokens.daoli, await workbookFor('230102', MONTH, shortValues(9, '再次更正')));
    expect(v4.json).toMatchObject({ status: 'accepted', version: 4 });
    const [latest, v3] = (await history()).filter((s) => s.status !== 'refused');
    expect(latest).toMatchObject({ version: 4, returned: null });
    expect(v3).toMatchObject({ version: 3, returned: { reason: '第3版仍有误，请再次核对', closedBy: latest!.id } });
    expect((await submitWorkbook(world, world.tokens.daoli, await workbookFor('230102', MONTH, shortValues(10)))).json.issues[0]!.code).toBe('month_locked');
    expect((await events()).map((e) => e.kind)).toEqual(['send_back', 'lock', 'unlock', 'send_back', 'unlock']);
  });
});
