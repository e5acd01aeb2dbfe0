/**
 * Batches: `ingest` over files and folders with bad files among good ones (in process, and as the real command
 * with worker threads), and a process killed in the middle of taking in a drop folder, then restarted.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputs, ingestFiles, type IngestLine } from '../pipeline/ingest/ingest';
import { sha256 } from '../pipeline/intake/parse';
import type { Runtime } from '../pipeline/intake/runtime';
import { buildIntakeChild, runChild } from './fixtures/intake-child-build';
import { districtValues, districts, filledWorkbook, tempDir, testRuntime } from './fixtures/intake-harness';
import { fixtureDistrict } from './fixtures/plan-fixture';

jest.setTimeout(120_000);

let tmp: ReturnType<typeof tempDir>;
let childJs: string;

beforeAll(async () => {
  tmp = tempDir('ingest');
  childJs = await buildIntakeChild(join(tmp.dir, 'build'));
});

afterAll(() => tmp.cleanup());

/** Twelve good workbooks (four units × three months) and three bad ones, in a folder with a sub-folder. */
async function batchFolder(dir: string): Promise<{ good: string[]; bad: string[] }> {
  mkdirSync(join(dir, '十月'), { recursive: true });
  const good: string[] = [];
  for (const [i, unit] of districts.slice(0, 4).entries()) {
    for (const month of ['2025-08', '2025-09', '2025-10']) {
      const path = join(dir, month === '2025-10' ? '十月' : '', `${unit.code}-${month}.xlsx`);
      writeFileSync(path, await filledWorkbook(unit, month, districtValues(i)));
      good.push(path);
    }
  }
  const bad = [join(dir, '0-corrupt.xlsx'), join(dir, '十月', '5-not-a-workbook.xlsx'), join(dir, '9-invalid.xlsx')];
  const valid = await filledWorkbook(fixtureDistrict, '2025-11', districtValues(1));
  writeFileSync(bad[0]!, valid.subarray(0, 3000));
  writeFileSync(bad[1]!, 'PK but not really');
  writeFileSync(bad[2]!, await filledWorkbook(fixtureDistrict, '2025-11', { ...districtValues(1), 'F-01': { numerator: 1200, denominator: 1000 } }));
  return { good, bad };
}

describe('ingest', () => {
  it('records every good file of a batch, whatever bad files sit among them', async () => {
    const dir = join(tmp.dir, 'in-process');
    const { good, bad } = await batchFolder(dir);
    const rt: Runtime = await testRuntime(join(tmp.dir, 'in-process-data'));
    try {
      const files = await expandInputs([dir, join(dir, 'missing.xlsx')]);
      expect(files).toHaveLength(good.length + bad.length + 1);
      const lines: IngestLine[] = [];
      const summary = await ingestFiles(files, { store: rt.store, parser: rt.parser, maxBytes: rt.config.server.maxUploadBytes, submittedBy: 'cli:test', onLine: (l) => lines.push(l) });
      expect(summary).toMatchObject({ files: 16, accepted: 12, duplicate: 0, refused: 3, error: 1 });
      expect(lines.map((l) => l.file)).toEqual(files);
      const byFile = new Map(lines.map((l) => [l.file, l]));
      for (const g of good) expect(byFile.get(g)).toMatchObject({ status: 'accepted', version: 1 });
      expect(byFile.get(bad[0]!)!.issues[0]!.code).toBe('corrupt');
      expect(byFile.get(bad[2]!)!.issues.map((i) => i.code)).toContain('numerator_exceeds_denominator');
      expect(byFile.get(join(dir, 'missing.xlsx'))).toMatchObject({ status: 'error', error: expect.stringContaining('文件不存在') });
      expect((await rt.store.latestSubmissions('fixture-plan', '2025-10')).map((s) => s.unitCode)).toEqual(districts.slice(0, 4).map((u) => u.code));

      // The same batch again: nothing new is stored.
      const again = await ingestFiles(files, { store: rt.store, parser: rt.parser, maxBytes: rt.config.server.maxUploadBytes, submittedBy: 'cli:test' });
      expect(again).toMatchObject({ accepted: 0, duplicate: 12, refused: 3 });
    } finally {
      await rt.close();
    }
  });

  it.each([2, 3])('runs as a command on %i threads (workers and the main one): one JSON line per file, exit code 1 when a file was refused', async (threads) => {
    const dir = join(tmp.dir, `cli-${threads}`);
    const { good, bad } = await batchFolder(dir);
    const missing = join(dir, 'missing.xlsx');
    const data = join(tmp.dir, `cli-data-${threads}`);
    const child = runChild(childJs, ['ingest', dir, missing, '--json', '--threads', String(threads)], { PLAN_MONITOR_DATA_DIR: data });
    expect(await child.exited).toBe(1);
    const lines = child.stdout().trim().split('\n').map((l) => JSON.parse(l) as IngestLine);
    // Every file once, in the order given, whichever thread parsed it and whenever it was committed (an unreadable
    // file is known at once, an accepted one only at its commit).
    expect(lines.map((l) => l.file)).toEqual(await expandInputs([dir, missing]));
    expect(lines.filter((l) => l.status === 'accepted').map((l) => l.file).sort()).toEqual([...good].sort());
    expect(lines.filter((l) => l.status === 'refused').map((l) => l.file).sort()).toEqual([...bad].sort());
    expect(lines.find((l) => l.file === missing)).toMatchObject({ status: 'error', error: expect.stringContaining('文件不存在') });
    const db = new BetterSqlite3(join(data, 'plan-monitor.db'), { readonly: true });
    expect(db.prepare("select count(*) n from submissions where status = 'accepted' and channel = 'cli'").get()).toEqual({ n: 12 });
    db.close();
  });
});

describe('a process killed in the middle of a drop folder', () => {
  it('leaves the database consistent and finishes every file, once, after a restart', async () => {
    const data = join(tmp.dir, 'killed');
    const drop = join(data, 'drop');
    mkdirSync(drop, { recursive: true });
    const hashes = new Map<string, string>();
    const put = (name: string, bytes: Buffer) => {
      writeFileSync(join(drop, name), bytes);
      hashes.set(name, sha256(bytes));
    };
    // 20 units × 3 months, one resubmission in four, a copy of a file under another name, and two bad files.
    let n = 0;
    for (const unit of districts) {
      for (const month of ['2025-07', '2025-08', '2025-09']) {
        put(`${unit.code}-${month}.xlsx`, await filledWorkbook(unit, month, districtValues(n)));
        if (n % 4 === 0) put(`${unit.code}-${month}-更正.xlsx`, await filledWorkbook(unit, month, districtValues(n + 61)));
        n++;
      }
    }
    put('copy-of-first.xlsx', await filledWorkbook(districts[0]!, '2025-07', districtValues(0)));
    put('bad-1.xlsx', Buffer.from('not a zip'));
    put('bad-2.xlsx', (await filledWorkbook(fixtureDistrict, '2025-07', districtValues(5))).subarray(0, 4000));
    const total = hashes.size;

    const env = {
      PLAN_MONITOR_DATA_DIR: data, PLAN_MONITOR_PORT: '0', PLAN_MONITOR_INTAKE__DROP_POLL_SECONDS: '0.1',
      PLAN_MONITOR_INTAKE__DROP_SETTLE_SECONDS: '0',
    };
    const movedCount = () => ['processed', 'rejected'].reduce((s, d) => s + (existsSync(join(drop, d)) ? readdirSync(join(drop, d)).filter((f) => f.endsWith('.xlsx')).length : 0), 0);
    const waitFor = async (cond: () => boolean, ms: number) => {
      const until = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > until) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 5));
      }
    };

    // Killed twice with no warning, part-way, then left to finish.
    let recovered = 0;
    const recoveredIn = (out: string) => (out.match(/recorded before a restart/g) ?? []).length;
    for (const stopAt of [15, 45]) {
      const child = runChild(childJs, ['serve'], env);
      await waitFor(() => movedCount() >= stopAt, 60_000);
      child.proc.kill('SIGKILL');
      await child.exited;
      recovered += recoveredIn(child.stdout());
      expect(movedCount()).toBeLessThan(total);
      checkConsistent(join(data, 'plan-monitor.db'));
    }
    const last = runChild(childJs, ['serve'], env);
    await waitFor(() => movedCount() === total, 60_000);
    last.proc.kill('SIGTERM');
    expect(await last.exited).toBe(0);
    recovered += recoveredIn(last.stdout());
    // Whether a kill fell between a commit and its move varies from run to run (intake-drop.test.ts forces it).
    if (process.env.INTAKE_DEBUG) process.stderr.write(`files recorded before a kill and moved after the restart: ${recovered}\n`);

    expect(readdirSync(drop).filter((f) => f.endsWith('.xlsx'))).toEqual([]);
    const processed = readdirSync(join(drop, 'processed')).filter((f) => f.endsWith('.xlsx'));
    const rejected = readdirSync(join(drop, 'rejected')).filter((f) => f.endsWith('.xlsx'));
    expect(rejected.sort()).toEqual(['bad-1.xlsx', 'bad-2.xlsx']);
    expect(processed).toHaveLength(total - 2);
    for (const f of [...processed.map((p) => join('processed', p)), ...rejected.map((r) => join('rejected', r))]) {
      expect(existsSync(join(drop, `${f}.txt`))).toBe(true);
    }

    const db = checkConsistent(join(data, 'plan-monitor.db'));
    // Each good file once: one submission per distinct content, the copy a duplicate, each bad file refused once.
    const distinctGood = new Set([...hashes].filter(([name]) => !name.startsWith('bad-')).map(([, h]) => h));
    expect(db.submissions.filter((s) => s.status !== 'refused')).toHaveLength(distinctGood.size);
    expect(db.submissions.filter((s) => s.status === 'refused').map((s) => s.file_name).sort()).toEqual(['bad-1.xlsx', 'bad-2.xlsx']);
    expect(db.journal.every((j) => j.state === 'moved')).toBe(true);
    expect(new Set(db.journal.map((j) => j.file_name))).toEqual(new Set(hashes.keys()));
  });
});

interface Row { id: string; plan_id: string; unit_code: string; month: string; version: number | null; status: string; file_hash: string; file_name: string; supersedes: string | null }

/** Integrity, one current submission per unit and month, versions 1..n chained, no content stored twice. */
function checkConsistent(file: string): { submissions: Row[]; journal: { file_name: string; state: string }[] } {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const submissions = db.prepare('select * from submissions').all() as Row[];
    const kept = submissions.filter((s) => s.status !== 'refused');
    const byKey = new Map<string, Row[]>();
    for (const s of kept) byKey.set(`${s.unit_code}|${s.month}`, [...(byKey.get(`${s.unit_code}|${s.month}`) ?? []), s]);
    for (const chain of byKey.values()) {
      chain.sort((a, b) => a.version! - b.version!);
      expect(chain.map((s) => s.version)).toEqual(chain.map((_, i) => i + 1));
      expect(chain.filter((s) => s.status === 'accepted')).toEqual([chain[chain.length - 1]]);
      expect(new Set(chain.map((s) => s.file_hash)).size).toBe(chain.length);
      chain.slice(1).forEach((s, i) => expect(s.supersedes).toBe(chain[i]!.id));
    }
    const orphans = db.prepare('select count(*) n from entries e left join submissions s on s.id = e.submission_id where s.id is null').get();
    expect(orphans).toEqual({ n: 0 });
    const journal = db.prepare('select file_name, state from drop_journal').all() as { file_name: string; state: string }[];
    return { submissions, journal };
  } finally {
    db.close();
  }
}
