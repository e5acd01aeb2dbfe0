/**
 * The drop folder, in process: files land in processed/ or rejected/ with a reason file in both languages, and a
 * file recorded just before a crash is moved on the next scan without being recorded again.
 */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiptHeadline } from '../core/receipt';
import { DropFolder } from '../pipeline/intake/drop-folder';
import { parseUpload } from '../pipeline/intake/parse';
import type { Runtime } from '../pipeline/intake/runtime';
import { districtValues, filledWorkbook, intakeCatalog, tempDir, testRuntime } from './fixtures/intake-harness';
import { fixtureDistrict, fixtureOtherDistrict } from './fixtures/plan-fixture';

let tmp: ReturnType<typeof tempDir>;
let rt: Runtime;
let folder: string;

beforeEach(async () => {
  tmp = tempDir('drop');
  rt = await testRuntime(tmp.dir);
  folder = rt.config.intake.dropFolder;
});

afterEach(async () => {
  await rt.close();
  tmp.cleanup();
});

function dropFolder(settleMs = 0): DropFolder {
  return new DropFolder({ folder, store: rt.store, parser: rt.parser, maxBytes: rt.config.server.maxUploadBytes, settleMs, pollMs: 60_000 });
}

/** Places a file as a copy that finished a while ago. */
function place(name: string, bytes: Buffer, ageSeconds = 60): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  const t = new Date(Date.now() - ageSeconds * 1000);
  utimesSync(path, t, t);
  return path;
}

function count(sql: string): number {
  const db = new BetterSqlite3(rt.config.database.file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('the drop folder', () => {
  it('moves good workbooks to processed/ and bad ones to rejected/, each with its reason in Chinese and English', async () => {
    const drop = dropFolder();
    await drop.scan(); // creates the folders
    const good = await filledWorkbook(fixtureDistrict, '2025-10', districtValues(1));
    place('道里区10月.xlsx', good);
    place('道里区10月（邮件副本）.xlsx', good);
    place('南岗区10月.xlsx', await filledWorkbook(fixtureOtherDistrict, '2025-10', { ...districtValues(2), 'F-04': { value: 250 } }));
    place('notes.txt', Buffer.from('not a workbook'));
    place('~$道里区10月.xlsx', Buffer.from('lock file'));
    place('huge.xlsx', Buffer.alloc(rt.config.server.maxUploadBytes + 1));
    place('copying.xlsx', good, 0);

    const results = await dropFolder(5_000).scan();
    expect(results.map((r) => [r.file.slice(folder.length + 1), r.outcome, r.receipt.status]).sort()).toEqual([
      ['huge.xlsx', 'rejected', 'refused'],
      ['notes.txt', 'rejected', 'refused'],
      ['南岗区10月.xlsx', 'rejected', 'refused'],
      ['道里区10月.xlsx', 'processed', 'accepted'],
      ['道里区10月（邮件副本）.xlsx', 'processed', 'duplicate'],
    ]);
    // Left alone: Office's lock file, and a copy still in progress.
    expect(readdirSync(folder).filter((n) => !['processed', 'rejected'].includes(n)).sort()).toEqual(['copying.xlsx', '~$道里区10月.xlsx']);

    const accepted = readFileSync(join(folder, 'processed', '道里区10月.xlsx.txt'), 'utf8');
    expect(accepted).toContain('已受理：道里区教育局 2025年10月 第1版');
    expect(accepted).toContain('Accepted: 道里区教育局 October 2025, version 1');
    expect(readFileSync(join(folder, 'processed', '道里区10月（邮件副本）.xlsx.txt'), 'utf8')).toContain('已收到过相同文件');
    const refused = readFileSync(join(folder, 'rejected', '南岗区10月.xlsx.txt'), 'utf8');
    expect(refused).toMatch(/错误 {2}H\d+：九年义务教育巩固率（本月实际）/);
    expect(refused).toMatch(/Error {2}H\d+: Nine-year completion rate \(actual value\)/);
    expect(readFileSync(join(folder, 'rejected', 'huge.xlsx.txt'), 'utf8')).toContain('文件过大');
    expect(existsSync(join(folder, 'rejected', 'huge.xlsx'))).toBe(true);

    expect(count("select count(*) n from submissions where channel = 'drop' and status = 'accepted'")).toBe(1);
    expect(count("select count(*) n from submissions where status = 'refused'")).toBe(2); // notes.txt and 南岗区; huge.xlsx was not read
    expect(count("select count(*) n from drop_journal where state = 'recorded'")).toBe(0);
  });

  it('keeps an earlier file of the same name: the second one is numbered', async () => {
    await dropFolder().scan();
    place('月报.xlsx', await filledWorkbook(fixtureDistrict, '2025-10', districtValues(1)));
    await dropFolder().scan();
    place('月报.xlsx', await filledWorkbook(fixtureDistrict, '2025-10', districtValues(2)));
    await dropFolder().scan();
    expect(readdirSync(join(folder, 'processed')).sort()).toEqual(['月报 (2).xlsx', '月报 (2).xlsx.txt', '月报.xlsx', '月报.xlsx.txt']);
    expect(readFileSync(join(folder, 'processed', '月报 (2).xlsx.txt'), 'utf8')).toContain('第2版');
  });

  it('moves a file recorded just before a crash without recording it again', async () => {
    await dropFolder().scan();
    const bytes = await filledWorkbook(fixtureDistrict, '2025-10', districtValues(3));
    place('道里区.xlsx', bytes);
    // What the watcher commits before moving the file, and then the process dies.
    const outcome = await parseUpload(bytes, intakeCatalog);
    const before = await rt.store.record({ outcome, bytes, channel: 'drop', submittedBy: 'drop', fileName: '道里区.xlsx', journal: { fileName: '道里区.xlsx' } });

    const [result] = await dropFolder().scan();
    expect(result).toMatchObject({ outcome: 'processed', recovered: true });
    expect(receiptHeadline(result!.receipt, 'zh')).toBe(receiptHeadline(before.receipt, 'zh'));
    expect(count('select count(*) n from submissions')).toBe(1);
    expect(existsSync(join(folder, 'processed', '道里区.xlsx'))).toBe(true);
    expect(count("select count(*) n from drop_journal where state = 'moved'")).toBe(1);
  });

  it('closes the journal of a file moved just before a crash, and treats the same bytes dropped later as a new arrival', async () => {
    await dropFolder().scan();
    const bytes = await filledWorkbook(fixtureDistrict, '2025-10', districtValues(4));
    const outcome = await parseUpload(bytes, intakeCatalog);
    await rt.store.record({ outcome, bytes, channel: 'drop', submittedBy: 'drop', fileName: 'a.xlsx', journal: { fileName: 'a.xlsx' } });
    writeFileSync(join(folder, 'processed', 'a.xlsx'), bytes); // moved, journal not yet marked

    expect(await dropFolder().scan()).toEqual([]);
    expect(count("select count(*) n from drop_journal where state = 'recorded'")).toBe(0);
    place('a.xlsx', bytes);
    const [again] = await dropFolder().scan();
    expect(again).toMatchObject({ recovered: false, receipt: { status: 'duplicate', version: 1 } });
    expect(count('select count(*) n from submissions')).toBe(1);
  });
});
