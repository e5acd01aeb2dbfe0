/**
 * The mail bodies as Outlook desktop needs them (Word renders them): table layout, CSS inlined, no SVG, charts as PNG
 * by Content-ID with their figures also in text; what a unit typed is escaped, never markup.
 */
import { buildReport } from '../pipeline/report/model';
import { renderReportCharts } from '../pipeline/charts/report-charts';
import { chartCid, leadershipMail, responsibleMail } from '../pipeline/mail/html';
import { currentSubmissions, reportInput } from './fixtures/report-fixture';

const model = buildReport(reportInput());
const charts = renderReportCharts(model);
const lead = leadershipMail(model, charts, '月报.xlsx');

test('leadership: tables with inlined CSS, no SVG, no flex or grid, no style block', () => {
  expect(lead.html).not.toMatch(/<svg/i);
  expect(lead.html).not.toMatch(/<style/i);
  expect(lead.html).not.toMatch(/display:\s*(flex|grid)/i);
  expect(lead.html).toMatch(/<table role="presentation" class="page" width="680"/);
  // A header cell of the shortfall table carries its colours itself.
  expect(lead.html).toMatch(/<th style="[^"]*background: #1F4E79[^"]*"[^>]*>指标<\/th>/);
});

test('leadership: the charts as PNG by Content-ID, each with its figures in the alt text', () => {
  expect(charts.map((c) => c.id)).toEqual(['status', 'attainment', 'trend', 'units']);
  for (const chart of charts.filter((c) => c.id !== 'status')) {
    const img = new RegExp(`<img src="cid:${chartCid(chart).replace('.', '\\.')}"[^>]*alt="([^"]+)"`).exec(lead.html);
    expect(img?.[1]).toContain(chart.alt.slice(0, 10));
    expect(chart.png.subarray(1, 4).toString('latin1')).toBe('PNG');
  }
});

test('leadership: the key figures are text', () => {
  expect(lead.subject).toBe('【指标监测月报】测试市“十四五”教育发展规划 2025年10月：低于进度 1 项，已报 4/5');
  expect(lead.html).toContain('2025年10月，全市 4 项指标中，达到目标 0 项、符合进度 1 项、接近进度 2 项、低于进度 1 项。');
  expect(lead.html).toContain('差距最大的是“专任教师缺口”：590人，本月应达 560人。');
  expect(lead.html).toMatch(/<div class="num" style="[^"]*color: #9C0006;">4\/5<\/div><div class="lbl"[^>]*>单位已报送<\/div>/);
  expect(lead.text).toContain('- 专任教师缺口：590人（应达 560人，低于进度）');
  // The English summary follows the Chinese.
  expect(lead.html.indexOf('October 2025: of the city')).toBeGreaterThan(lead.html.indexOf('严重预警'));
});

test('what a unit typed is escaped, never markup', () => {
  const submissions = currentSubmissions().map((s) => s.unitCode !== '230103' ? s : {
    ...s, entries: s.entries.map((e) => (e.code === 'F-01' ? { ...e, explanation: '<script>alert(1)</script> & 原因' } : e)),
  });
  const tricky = buildReport(reportInput({ submissions }));
  const html = responsibleMail(tricky, ['市教育局基础教育处'], tricky.routed.get('市教育局基础教育处')!, 'x.xlsx').html;
  expect(html).not.toContain('<script>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 原因');
});

test('a 责任单位\'s mail lists its flags with explanations and review status, and asks for a review', () => {
  const rows = model.routed.get('市教育局人事处')!;
  const mail = responsibleMail(model, ['市教育局人事处'], rows, '预警.xlsx');
  expect(mail.subject).toBe(`【预警待复核】测试市“十四五”教育发展规划 2025年10月：市教育局人事处 ${rows.length} 条`);
  expect(mail.html).toContain('南岗区教育局“小学生师比”1:13.9，未达到本月应达 1:13（差 0.9）');
  expect(mail.html).toContain('退休教师较多，已申请补充编制。');
  expect(mail.html).toContain('“复核”模式');
  expect(mail.html).not.toContain('学前三年毛入园率');
  expect(mail.html).not.toMatch(/<img/);
});
