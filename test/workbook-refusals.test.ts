import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { buildLayout, type TemplateLayout } from '../core/layout';
import { PlanSchema } from '../core/schema';
import { renderTemplate } from '../pipeline/workbook/render-template';
import { fillTemplate } from '../pipeline/workbook/fill';
import { readTemplate, type TemplateReadResult } from '../pipeline/workbook/read-template';
import { fixtureCity, fixtureDistrict, fixturePlan, fixtureUnits } from './fixtures/plan-fixture';
import { repackXlsx, unpackXlsx, writeZip } from './fixtures/zip-writer';

const catalog = { plans: [fixturePlan], units: fixtureUnits };
const layout = buildLayout({ plan: fixturePlan, unit: fixtureDistrict, month: '2025-10' });
let template: Buffer;

beforeAll(async () => {
  template = await renderTemplate(layout);
});

function refusal(result: TemplateReadResult) {
  if (result.ok) throw new Error('expected a refusal');
  expect(result.issues).toHaveLength(1);
  const [issue] = result.issues;
  expect(issue!.severity).toBe('error');
  return { reason: result.reason, zh: issue!.zh, en: issue!.en, cell: issue!.cell };
}

function withMeta(base: TemplateLayout, key: string, value: string | number): TemplateLayout {
  return { ...base, metaRows: base.metaRows.map(([k, v]) => [k, k === key ? value : v]) };
}

describe('templates that are not this one', () => {
  it('refuses another unit or month than the uploader expects', async () => {
    const unit = refusal(await readTemplate(template, { ...catalog, expect: { unitCode: '230103' } }));
    expect(unit).toMatchObject({ reason: 'wrong_unit', zh: '这是道里区教育局（230102）的模板，不是南岗区教育局（230103）的，请使用本单位的模板' });
    const month = refusal(await readTemplate(template, { ...catalog, expect: { month: '2025-11' } }));
    expect(month).toMatchObject({ reason: 'wrong_month', zh: '这是2025年10月的模板，不是2025年11月的，请使用对应月份的模板' });
    expect(month.en).toBe('This template is for October 2025, not November 2025; use the template of that month');
  });

  it('refuses a template of an older catalog version or layout revision', async () => {
    const newer = PlanSchema.parse({ ...fixturePlan, version: 3 });
    const old = refusal(await readTemplate(template, { plans: [newer], units: fixtureUnits }));
    expect(old).toMatchObject({ reason: 'wrong_version' });
    expect(old.zh).toBe('模板版本已过期：文件为《测试市“十四五”教育发展规划》v2，当前为 v3，指标或目标已调整，请下载最新模板重新填写');
    const revision = refusal(await readTemplate(await renderTemplate(withMeta(layout, 'layoutRevision', 0)), catalog));
    expect(revision.reason).toBe('wrong_version');
    expect(revision.zh).toContain('模板格式版本不符（文件为第 0 版格式，当前为第 1 版）');
  });

  it('refuses an unknown plan, an unknown unit and a unit of another city', async () => {
    expect(refusal(await readTemplate(template, { plans: [], units: fixtureUnits }))).toMatchObject({
      reason: 'unknown_plan', zh: '模板所属规划“fixture-plan”不在本系统的规划目录中，请确认使用的是本市下发的模板',
    });
    expect(refusal(await readTemplate(template, { plans: [fixturePlan], units: [fixtureCity] }))).toMatchObject({
      reason: 'unknown_unit', zh: '模板中的填报单位代码“230102”不是《测试市“十四五”教育发展规划》的填报单位',
    });
    const foreign = await renderTemplate(withMeta(layout, 'unitCode', '230800'));
    expect(refusal(await readTemplate(foreign, catalog)).reason).toBe('unknown_unit');
  });

  it('refuses a workbook without the metadata sheet as not a Plan Monitor template', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '学前三年毛入园率';
    const plain = Buffer.from(await wb.xlsx.writeBuffer());
    const r = refusal(await readTemplate(plain, catalog));
    expect(r.reason).toBe('not_template');
    expect(r.zh).toMatch(/^不是 Plan Monitor 指标模板/);
    const tamperedId = await renderTemplate(withMeta(layout, 'templateId', 'someone-else'));
    expect(refusal(await readTemplate(tamperedId, catalog)).reason).toBe('not_template');
    const badMonth = await renderTemplate(withMeta(layout, 'month', '2025-13'));
    expect(refusal(await readTemplate(badMonth, catalog))).toMatchObject({ reason: 'not_template', zh: expect.stringContaining('模板信息不完整或已被修改') });
  });

  it('refuses a sheet whose rows were moved, naming the row', async () => {
    const parts = await unpackXlsx(await fillTemplate(template, layout, { 'F-02': { value: 90 } }));
    const strings = parts.get('xl/sharedStrings.xml')!;
    parts.set('xl/sharedStrings.xml', strings.replace('<t>普惠性幼儿园覆盖率</t>', '<t>新增公办幼儿园</t>'));
    const r = refusal(await readTemplate(repackXlsx(parts), catalog));
    const row = layout.rows.find((x) => x.code === 'F-02')!.row;
    expect(r).toMatchObject({ reason: 'invalid', cell: `B${row}` });
    expect(r.zh).toBe(`第 ${row} 行应为指标“普惠性幼儿园覆盖率”，实为“新增公办幼儿园”：表格的行可能被插入、删除或移动过，请重新下载模板填写`);
  });
});

describe('files that are not workbooks, or hostile archives', () => {
  it('refuses random bytes, a truncated template and an old .xls as damaged', async () => {
    for (const bytes of [randomBytes(5000), template.subarray(0, Math.floor(template.length / 2)), Buffer.from('hello')]) {
      const r = refusal(await readTemplate(bytes, catalog));
      expect(r.reason).toBe('corrupt');
      expect(r.zh).toMatch(/^文件已损坏或不是 Excel 工作簿/);
    }
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]);
    expect(refusal(await readTemplate(xls, catalog)).zh).toBe('这是旧版 .xls 文件或设置了打开密码的工作簿，请取消密码并另存为 .xlsx 后再提交');
  });

  it('refuses a zip bomb: a highly compressible huge entry', async () => {
    const parts = await unpackXlsx(template);
    const bomb = writeZip([...[...parts].map(([name, data]) => ({ name, data })), { name: 'xl/media/pad.bin', data: Buffer.alloc(8 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    const r = refusal(await readTemplate(bomb, catalog));
    expect(r.reason).toBe('too_large');
    expect(r.zh).toMatch(/^压缩包中“xl\/media\/pad.bin”的压缩比异常（\d+:1，上限 100:1），疑似压缩炸弹，已拒收$/);
  });

  it('refuses more than 20 MB unpacked in total, and a file over 20 MB', async () => {
    // Hex text compresses about 2:1: no single entry trips the ratio limit, together they unpack to 21 MB.
    const parts = Array.from({ length: 7 }, (_, i) => ({ name: `xl/media/part${i}.txt`, data: randomBytes(1536 * 1024).toString('hex') }));
    const unpacked = writeZip(parts);
    expect(unpacked.length).toBeLessThan(20 * 1024 * 1024);
    const r = refusal(await readTemplate(unpacked, catalog));
    expect(r.reason).toBe('too_large');
    expect(r.zh).toBe('解压后内容过大（超过 20.0 MB），不是正常的指标模板');
    const stored = writeZip(Array.from({ length: 11 }, (_, i) => ({ name: `xl/media/image${i}.bin`, data: randomBytes(2 * 1024 * 1024), store: true })));
    expect(refusal(await readTemplate(stored, catalog))).toMatchObject({ reason: 'too_large', zh: '文件过大（22.0 MB），指标模板不应超过 20.0 MB' });
  });

  it('refuses an entry that inflates beyond its declared size', async () => {
    const parts = await unpackXlsx(template);
    const liar = writeZip([...parts].map(([name, data]) => (name === 'xl/sharedStrings.xml'
      ? { name, data: data.replace('</sst>', `${'<si><t>x</t></si>'.repeat(50_000)}</sst>`), declaredSize: 1000 }
      : { name, data })));
    expect(refusal(await readTemplate(liar, catalog)).reason).toBe('corrupt');
  });

  it('refuses too many entries and unsafe paths', async () => {
    const many = writeZip(Array.from({ length: 201 }, (_, i) => ({ name: `x/${i}.xml`, data: '<a/>' })));
    expect(refusal(await readTemplate(many, catalog))).toMatchObject({
      reason: 'too_large', zh: '压缩包内文件过多（201 个，上限 200 个），不是正常的指标模板',
    });
    for (const name of ['../../etc/evil.xml', '/etc/evil.xml', 'C:/evil.xml', 'xl/..\\..\\evil.xml']) {
      const r = refusal(await readTemplate(writeZip([{ name, data: '<a/>' }]), catalog));
      expect(r.reason).toBe('corrupt');
      expect(r.zh).toContain('压缩包含有不安全的路径');
    }
  });
});
