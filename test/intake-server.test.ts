/**
 * The intake server on loopback with a real database file and real workbooks: what a unit, a supervisor and an
 * administrator can do, what is refused and how, and what is stored.
 */
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReceiptSchema, receiptDetails, receiptHeadline, type Receipt } from '../core/receipt';
import type { Plan, Unit } from '../core/schema';
import type { Runtime } from '../pipeline/intake/runtime';
import type { Completeness, SubmissionSummary, UnitCompleteness } from '../pipeline/store/store';
import { startServer, type RunningServer } from '../pipeline/server/start';
import { escapeHtml } from '../pipeline/server/upload-page';
import { renderTemplate } from '../pipeline/workbook/render-template';
import { districtValues, districts, filledWorkbook, layoutOf, otherDistrict, otherPlan, tempDir, testRuntime } from './fixtures/intake-harness';
import { fixtureDistrict, fixtureOtherDistrict } from './fixtures/plan-fixture';
import { unpackXlsx, writeZip } from './fixtures/zip-writer';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ADDIN = 'https://addin.example.cn:3000';

let tmp: ReturnType<typeof tempDir>;
let rt: Runtime;
let server: RunningServer;
let daoli: string;
let nangang: string;
let xiangyang: string;

beforeAll(async () => {
  tmp = tempDir('intake-server');
  rt = await testRuntime(tmp.dir, { server: { addinOrigins: [ADDIN], rateLimit: { max: 1000, windowSeconds: 60 } } });
  server = await startServer(rt);
  daoli = (await rt.store.tokens.issue({ kind: 'unit', unitCode: '230102', city: '230100' })).secret;
  nangang = (await rt.store.tokens.issue({ kind: 'unit', unitCode: '230103', city: '230100' })).secret;
  xiangyang = (await rt.store.tokens.issue({ kind: 'unit', unitCode: otherDistrict.code, city: '230800' })).secret;
});

afterAll(async () => {
  await server.close();
  await rt.close();
  tmp.cleanup();
});

async function post(token: string | null, bytes: Buffer, type = XLSX): Promise<{ status: number; json: Answer }> {
  const headers: Record<string, string> = { 'Content-Type': type };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}/api/submissions`, { method: 'POST', headers, body: body(bytes) });
  return { status: res.status, json: (await res.json()) as Answer };
}

/** The API's JSON, typed as loosely as a test needs it. */
interface Answer {
  error?: { zh: string; en: string };
  submissions?: SubmissionSummary[];
  units?: UnitCompleteness[];
  counts?: Completeness['counts'];
  [key: string]: unknown;
}

async function get<T = Answer>(path: string, token: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as T };
}

/** fetch takes bytes as a Uint8Array over a plain ArrayBuffer (a Buffer may sit on a shared pool). */
function body(bytes: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

function receipt(json: unknown): Receipt {
  return ReceiptSchema.parse(json);
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new BetterSqlite3(join(tmp.dir, 'plan-monitor.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe('a unit submits its workbook', () => {
  it('accepts it, answers 201 with the receipt, and stores submission, entries and bytes', async () => {
    const bytes = await filledWorkbook(fixtureDistrict, '2025-06', districtValues(5));
    const { status, json } = await post(daoli, bytes);
    expect(status).toBe(201);
    const r = receipt(json);
    expect(r).toMatchObject({ status: 'accepted', planId: 'fixture-plan', unitCode: '230102', unitName: '道里区教育局', month: '2025-06', version: 1, supersedes: null });
    expect(r.counts?.entries).toBe(7);
    expect(receiptHeadline(r, 'zh')).toBe('已受理：道里区教育局 2025年6月 第1版');
    const [row] = rows<{ status: string; channel: string; size: number }>(
      'select s.status, s.channel, f.size from submissions s join files f on f.hash = s.file_hash where s.id = ?', r.submissionId);
    expect(row).toEqual({ status: 'accepted', channel: 'api', size: bytes.length });
    expect(rows<{ value: number }>("select value from entries where submission_id = ? and code = 'F-01'", r.submissionId)).toEqual([{ value: 90.5 }]);
  });

  it('keeps the history when the unit resubmits, and deduplicates identical bytes', async () => {
    const first = await filledWorkbook(fixtureDistrict, '2025-07', districtValues(1));
    const second = await filledWorkbook(fixtureDistrict, '2025-07', districtValues(2));
    const a = receipt((await post(daoli, first)).json);
    const b = await post(daoli, second);
    expect(b.status).toBe(201);
    expect(receipt(b.json)).toMatchObject({ status: 'accepted', version: 2, supersedes: a.submissionId });
    expect(receiptDetails(receipt(b.json), 'zh')).toContain('本次提交替代上一版本，历史版本仍保留。');

    const again = await post(daoli, second);
    expect(again.status).toBe(200);
    expect(receipt(again.json)).toMatchObject({ status: 'duplicate', version: 2, submissionId: receipt(b.json).submissionId });
    expect(receiptHeadline(receipt(again.json), 'zh')).toBe('已收到过相同文件：道里区教育局 2025年7月 第2版，未重复保存');

    const history = await get('/api/submissions?month=2025-07', daoli);
    expect(history.status).toBe(200);
    expect(history.json.submissions!.map((s) => [s.version, s.status])).toEqual([[2, 'accepted'], [1, 'superseded']]);
    expect(history.json.submissions![1]!.receipt.version).toBe(1);
    expect(rows("select id from submissions where unit_code = '230102' and month = '2025-07'")).toHaveLength(2);
  });

  it('takes the workbook as a multipart field "file" too', async () => {
    const form = new FormData();
    form.append('file', new Blob([body(await filledWorkbook(fixtureOtherDistrict, '2025-06', districtValues(3)))]), '南岗区6月.xlsx');
    const res = await fetch(`${server.url}/api/submissions`, { method: 'POST', headers: { Authorization: `Bearer ${nangang}` }, body: form });
    expect(res.status).toBe(201);
    const r = receipt(await res.json());
    expect(r).toMatchObject({ status: 'accepted', unitCode: '230103', version: 1 });
    expect(rows<{ file_name: string }>('select file_name from submissions where id = ?', r.submissionId)).toEqual([{ file_name: '南岗区6月.xlsx' }]);
  });

  it('keeps text that looks like a formula as text, and never evaluates it', async () => {
    const typed = '=HYPERLINK("http://evil.example/","点此查看")';
    const values = {
      ...districtValues(9),
      'F-07': { value: 600, explanation: typed },
      'F-02': { value: 89, explanation: '+1-1 @SUM(A1) 说明' },
      // A real formula in the cell (the format changed from text): its text is kept, its cached result ("2") is not.
      'F-04': { value: 99.5, explanation: { formula: '1+1' } },
    };
    const bytes = await filledWorkbook(fixtureDistrict, '2025-05', values);
    const r = receipt((await post(daoli, bytes)).json);
    expect(r.status).toBe('accepted');
    const stored = rows<{ code: string; explanation: string }>('select code, explanation from entries where submission_id = ? and explanation != ? order by code', r.submissionId, '');
    expect(stored).toEqual([{ code: 'F-02', explanation: '+1-1 @SUM(A1) 说明' }, { code: 'F-04', explanation: '=1+1' }, { code: 'F-07', explanation: typed }]);
    const history = await rt.store.valueHistory('fixture-plan', { unitCode: '230102', code: 'F-07', from: '2025-05', to: '2025-05' });
    expect(history[0]!.explanation).toBe(typed);
  });
});

describe('who may submit and see what', () => {
  it('refuses a workbook of another unit, with the reason, storing nothing as accepted', async () => {
    const bytes = await filledWorkbook(fixtureDistrict, '2025-08', districtValues(1));
    const { status, json } = await post(nangang, bytes);
    expect(status).toBe(422);
    const r = receipt(json);
    expect(r.status).toBe('refused');
    expect(r.submissionId).toBeNull();
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'wrong_unit', zh: '这是道里区教育局（230102）的模板，不是南岗区教育局（230103）的，请使用本单位的模板' })]);
    expect(rows("select id from submissions where month = '2025-08' and status != 'refused'")).toEqual([]);
    // The attempt is in the uploader's history, refused.
    const history = await get('/api/submissions?month=2025-08', nangang);
    expect(history.json.submissions!.map((s) => s.status)).toEqual(['refused']);
  });

  it('answers 401 without a token, with an unknown one and with a revoked one; 403 for a supervisor posting', async () => {
    const bytes = await filledWorkbook(fixtureDistrict, '2025-09', districtValues(1));
    const none = await post(null, bytes);
    expect(none.status).toBe(401);
    expect(none.json.error).toMatchObject({ zh: expect.stringContaining('缺少令牌'), en: expect.stringContaining('No token') });
    const unknown = await post('pm_notatoken', bytes);
    expect(unknown.status).toBe(401);
    expect(unknown.json.error!.zh).toContain('令牌无效');

    const issued = await rt.store.tokens.issue({ kind: 'unit', unitCode: '230102', city: '230100' });
    expect((await post(issued.secret, bytes)).status).toBe(201);
    await rt.store.tokens.revoke(issued.token.id);
    const revoked = await post(issued.secret, await filledWorkbook(fixtureDistrict, '2025-09', districtValues(2)));
    expect(revoked.status).toBe(401);
    expect(revoked.json.error).toEqual({ zh: '令牌已被吊销：请向市教育局管理员申请新令牌', en: expect.stringContaining('revoked') });

    const supervisor = await rt.store.tokens.issue({ kind: 'supervisor', city: '230100', responsible: ['市教育局基础教育处'] });
    const posted = await post(supervisor.secret, bytes);
    expect(posted.status).toBe(403);
    expect(posted.json.error!.zh).toBe('只有填报单位的令牌可以提交模板');
    expect(rows("select id from submissions where month = '2025-09'")).toHaveLength(1);
  });

  it('shows another city nothing', async () => {
    const catalog = await get<Plan[]>('/api/catalog', xiangyang);
    expect(catalog.json.map((p) => p.id)).toEqual([otherPlan.id]);
    const units = await get<Unit[]>('/api/units', xiangyang);
    expect(new Set(units.json.map((u) => u.city))).toEqual(new Set(['230800']));
    for (const path of ['/api/submissions?unit=230102', '/api/previous?plan=fixture-plan&unit=230803&month=2025-07']) {
      const res = await get(path, xiangyang);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ error: expect.objectContaining({ zh: expect.stringContaining('无权查看') }) });
    }
    const otherSupervisor = await rt.store.tokens.issue({ kind: 'supervisor', city: '230800', responsible: ['向阳区教育局'] });
    const completeness = await get('/api/completeness?plan=fixture-plan&month=2025-07', otherSupervisor.secret);
    expect(completeness.status).toBe(403);
    const otherAdmin = await rt.store.tokens.issue({ kind: 'admin', city: '230800' });
    expect((await get('/api/submissions?unit=230102', otherAdmin.secret)).status).toBe(403);
    // Its own workbook is its own business: accepted under its own plan.
    const own = await post(xiangyang, await filledWorkbook(otherDistrict, '2025-07', districtValues(1), otherPlan));
    expect(receipt(own.json)).toMatchObject({ status: 'accepted', planId: 'other-plan', unitCode: '230803' });
    // And a Harbin district's workbook is not its to send.
    expect(receipt((await post(xiangyang, await filledWorkbook(fixtureDistrict, '2025-07', districtValues(7)))).json).issues[0]!.code).toBe('wrong_unit');
  });

  it('lets a unit read only its own history; a supervisor of the city reads any unit and the completeness', async () => {
    expect((await get('/api/submissions?unit=230103', daoli)).status).toBe(403);
    const supervisor = await rt.store.tokens.issue({ kind: 'supervisor', city: '230100', responsible: ['基础教育处'] });
    const history = await get('/api/submissions?unit=230102&month=2025-07', supervisor.secret);
    expect(history.json.submissions).toHaveLength(2);
    expect((await get('/api/completeness?plan=fixture-plan&month=2025-07', daoli)).status).toBe(403);
    const c = await get('/api/completeness?plan=fixture-plan&month=2025-07', supervisor.secret);
    expect(c.status).toBe(200);
    expect(c.json.units!.find((u) => u.unitCode === '230102')).toMatchObject({ version: 2 });
    expect(c.json.counts!.expected).toBe(districts.length + 1);
    const me = await get('/api/me', supervisor.secret);
    expect(me.json).toMatchObject({ kind: 'supervisor', city: '230100', responsible: ['基础教育处'] });
    expect((await get('/api/me', daoli)).json).toMatchObject({ kind: 'unit', unitCode: '230102', unitName: '道里区教育局', city: '230100' });
  });

  it('gives last month\'s values for the next template', async () => {
    const res = await get('/api/previous?plan=fixture-plan&month=2025-08', daoli);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ planId: 'fixture-plan', unitCode: '230102', month: '2025-07', values: { 'F-01': 90.2, 'F-03': 42, 'F-06': 1 } });
    expect((await get('/api/previous?plan=fixture-plan&month=2025-13', daoli)).status).toBe(400);
  });
});

describe('what is refused before or while reading', () => {
  it('refuses a damaged file and a zip bomb with their reasons', async () => {
    const valid = await filledWorkbook(fixtureDistrict, '2025-04', districtValues(1));
    const corrupt = await post(daoli, valid.subarray(0, valid.length / 2));
    expect(corrupt.status).toBe(422);
    expect(receipt(corrupt.json).issues[0]).toMatchObject({ code: 'corrupt', zh: expect.stringContaining('文件已损坏或不是 Excel 工作簿') });

    const parts = await unpackXlsx(valid);
    const bomb = writeZip([...[...parts].map(([name, data]) => ({ name, data })), { name: 'xl/media/pad.bin', data: Buffer.alloc(30 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200_000);
    const refused = await post(daoli, bomb);
    expect(refused.status).toBe(422);
    expect(receipt(refused.json).issues[0]).toMatchObject({ code: 'too_large', zh: expect.stringContaining('疑似压缩炸弹') });
    expect(rows("select id from submissions where month = '2025-04' and status = 'accepted'")).toEqual([]);
  });

  it('answers 413 to a 50 MB upload before reading it, in both languages, raw or multipart', async () => {
    const before = rows<{ n: number }>('select count(*) n from submissions')[0]!.n;
    const big = Buffer.alloc(50 * 1024 * 1024, 1);
    const raw = await post(daoli, big);
    expect(raw.status).toBe(413);
    expect(receipt(raw.json).issues[0]).toMatchObject({ code: 'too_large', zh: expect.stringContaining('上传上限为 10.0 MB'), en: expect.stringContaining('upload limit is 10.0 MB') });
    expect(raw.json.error).toMatchObject({ zh: expect.stringContaining('文件过大') });

    const form = new FormData();
    form.append('file', new Blob([body(big)]), 'big.xlsx');
    const multi = await fetch(`${server.url}/api/submissions`, { method: 'POST', headers: { Authorization: `Bearer ${daoli}` }, body: form });
    expect(multi.status).toBe(413);
    expect(receipt(await multi.json()).status).toBe('refused');
    expect(rows<{ n: number }>('select count(*) n from submissions')[0]!.n).toBe(before);
  });

  it('refuses a workbook that is not a template, and a content type that is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '学前三年毛入园率';
    const plain = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await post(daoli, plain);
    expect(r.status).toBe(422);
    expect(receipt(r.json).issues[0]).toMatchObject({ code: 'not_template', zh: expect.stringContaining('不是 Plan Monitor 指标模板') });
    const text = await post(daoli, Buffer.from('hello'), 'text/plain');
    expect(text.status).toBe(415);
    expect(text.json.error!.zh).toContain('不支持的内容类型');
  });
});

describe('many at once', () => {
  it('stores 100 concurrent uploads from 20 units, versions numbered without gaps or races', async () => {
    const tokens = await Promise.all(districts.map((u) => rt.store.tokens.issue({ kind: 'unit', unitCode: u.code, city: '230100' })));
    const files = await Promise.all(districts.flatMap((u) => [1, 2, 3, 4, 5].map(async (seed) => ({ unit: u.code, bytes: await filledWorkbook(u, '2025-03', districtValues(seed * 11)) }))));
    const secretOf = new Map(districts.map((u, i) => [u.code, tokens[i]!.secret]));
    const results = await Promise.all(files.map((f) => post(secretOf.get(f.unit)!, f.bytes)));
    expect(results.map((r) => r.status)).toEqual(files.map(() => 201));
    const stored = rows<{ unit_code: string; version: number; status: string; supersedes: string | null; id: string; superseded_by: string | null }>(
      "select unit_code, version, status, supersedes, id, superseded_by from submissions where month = '2025-03' order by unit_code, version");
    expect(stored).toHaveLength(100);
    for (const u of districts) {
      const chain = stored.filter((s) => s.unit_code === u.code);
      expect(chain.map((s) => s.version)).toEqual([1, 2, 3, 4, 5]);
      expect(chain.map((s) => s.status)).toEqual(['superseded', 'superseded', 'superseded', 'superseded', 'accepted']);
      chain.slice(1).forEach((s, i) => {
        expect(s.supersedes).toBe(chain[i]!.id);
        expect(chain[i]!.superseded_by).toBe(s.id);
      });
    }
  });
});

describe('the add-in and the upload page', () => {
  it('answers the CORS preflight for the add-in\'s origin only', async () => {
    const preflight = (origin: string) => fetch(`${server.url}/api/submissions`, {
      method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    const ok = await preflight(ADDIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ADDIN);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves a plain page in Chinese, with English on request', async () => {
    const zh = await fetch(`${server.url}/upload`);
    expect(zh.headers.get('content-type')).toContain('text/html');
    const html = await zh.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('指标模板上传');
    expect(html).toMatch(/<form method="post" action="\/upload" enctype="multipart\/form-data">/);
    expect(html).toContain('href="/upload?lang=en"');
    expect(await (await fetch(`${server.url}/upload?lang=en`)).text()).toContain('Upload a filled indicator template');
  });

  it('shows the same receipt wording as the add-in after an upload from the page', async () => {
    const form = new FormData();
    form.append('lang', 'zh');
    form.append('token', daoli);
    form.append('file', new Blob([body(await filledWorkbook(fixtureDistrict, '2025-02', districtValues(4, '生源减少，<b>整改</b>中')))]), '道里区2月.xlsx');
    const res = await fetch(`${server.url}/upload`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const html = await res.text();
    const [stored] = await rt.store.unitHistory('230102', { month: '2025-02' });
    expect(stored!.channel).toBe('upload-page');
    expect(html).toContain(escapeHtml(receiptHeadline(stored!.receipt, 'zh')));
    for (const line of receiptDetails(stored!.receipt, 'zh')) expect(html).toContain(escapeHtml(line));

    const bad = new FormData();
    bad.append('lang', 'en');
    bad.append('token', daoli);
    bad.append('file', new Blob([body(await filledWorkbook(fixtureDistrict, '2025-02', { ...districtValues(4), 'F-02': { value: '九十' } }))]), 'x.xlsx');
    const refused = await fetch(`${server.url}/upload`, { method: 'POST', body: bad });
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain('Not accepted: 1 problem(s) found; please correct and resubmit');
    const layout = layoutOf(fixtureDistrict, '2025-02');
    const cell = layout.inputs.find((i) => i.code === 'F-02' && i.field === 'value')!.address;
    expect(page).toContain(`${cell}: `);

    const noToken = new FormData();
    noToken.append('token', 'pm_wrong');
    noToken.append('file', new Blob([body(Buffer.from('x'))]), 'x.xlsx');
    const denied = await fetch(`${server.url}/upload`, { method: 'POST', body: noToken });
    expect(denied.status).toBe(401);
    expect(await denied.text()).toContain('令牌无效');
  });
});

describe('HTTPS by configuration', () => {
  it('serves the same API over TLS with the configured key and certificate', async () => {
    const key = join(tmp.dir, 'key.pem');
    const cert = join(tmp.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const tlsDir = tempDir('intake-tls');
    const tlsRt = await testRuntime(tlsDir.dir, { server: { tls: { key, cert } } });
    const tlsServer = await startServer(tlsRt);
    try {
      expect(tlsServer.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const template = await renderTemplate(layoutOf(fixtureDistrict, '2025-01'));
      const token = (await tlsRt.store.tokens.issue({ kind: 'unit', unitCode: '230102', city: '230100' })).secret;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpsRequest(`${tlsServer.url}/api/submissions`, {
          method: 'POST', ca: readFileSync(cert), headers: { Authorization: `Bearer ${token}`, 'Content-Type': XLSX },
        }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => { body += c; }).on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end(template);
      });
      // An empty template is accepted with every indicator missing.
      expect(answer.status).toBe(201);
      expect(receipt(JSON.parse(answer.body)).counts).toMatchObject({ entries: 7, missing: 7 });
    } finally {
      await tlsServer.close();
      await tlsRt.close();
      tlsDir.cleanup();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 in both languages once a token has used its requests for the window', async () => {
    const dir = tempDir('intake-rate');
    const limited = await testRuntime(dir.dir, { server: { rateLimit: { max: 2, windowSeconds: 60 } } });
    const s = await startServer(limited);
    try {
      const token = (await limited.store.tokens.issue({ kind: 'unit', unitCode: '230102', city: '230100' })).secret;
      const me = () => fetch(`${s.url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await me()).status).toBe(200);
      expect((await me()).status).toBe(200);
      const third = await me();
      expect(third.status).toBe(429);
      expect(await third.json()).toMatchObject({ error: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again shortly' } });
      // Another token is counted on its own.
      const other = (await limited.store.tokens.issue({ kind: 'unit', unitCode: '230103', city: '230100' })).secret;
      expect((await fetch(`${s.url}/api/me`, { headers: { Authorization: `Bearer ${other}` } })).status).toBe(200);
    } finally {
      await s.close();
      await limited.close();
      dir.cleanup();
    }
  });
});
