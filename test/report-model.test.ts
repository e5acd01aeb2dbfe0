/**
 * The monthly report's numbers on the small fixture city (test/fixtures/report-fixture.ts has them worked out by
 * hand): roll-ups, statuses, completeness, flags and their routing, reviews carried forward.
 */
import { buildReport, trendWindow } from '../pipeline/report/model';
import { reportInput, PREVIOUS_REVIEW } from './fixtures/report-fixture';

const model = buildReport(reportInput());
const row = (code: string) => model.indicators.find((r) => r.indicator.code === code)!;
const flagsOf = (kind: string, unitCode?: string) =>
  model.flags.filter((f) => f.flag.kind === kind && (unitCode === undefined || f.flag.unitCode === unitCode));

describe('city figures', () => {
  test('a rate is recomputed from summed numerators and denominators, not averaged', () => {
    const f01 = row('F-01');
    expect(f01.figure).toMatchObject({ method: 'ratio', numerator: 840, denominator: 950, contributors: 3, reporters: 4 });
    expect(f01.figure.value).toBe(88.4);
    // The plain mean of the three districts' rates (90.0, 75.0, 90.9) would be 85.3.
    expect(f01.evaluation?.expected).toBeCloseTo(88 + (2 * 58) / 60, 9);
    expect(f01.evaluation?.status).toBe('at_risk');
  });

  test('counts are summed over the units that reported; the city bureau reports its own indicators', () => {
    expect(row('F-03').figure).toMatchObject({ method: 'sum', value: 49, contributors: 3, reporters: 4 });
    expect(row('F-03').evaluation?.expected).toBeCloseTo((50 * 10) / 12, 9);
    expect(row('F-03').evaluation?.status).toBe('on_track');
    expect(row('F-07').figure.value).toBe(590);
    expect(row('F-07').evaluation?.expected).toBeCloseTo(560, 9);
    expect(row('F-07').evaluation?.status).toBe('short');
    expect(row('F-08').figure).toMatchObject({ method: 'own', value: 62, contributors: 1, reporters: 1 });
    expect(row('F-08').evaluation?.status).toBe('at_risk');
  });

  test('an indicator rolled up "city" but entered by every district gets no invented city figure', () => {
    for (const code of ['F-02', 'F-04', 'F-05', 'F-06']) {
      expect(row(code).figure.method).toBe('none');
      expect(row(code).figure.value).toBeNull();
      expect(row(code).evaluation).toBeNull();
    }
    expect(model.statusCounts).toMatchObject({ met: 0, on_track: 1, at_risk: 2, short: 1, missing: 0 });
  });

  test('shortfalls are listed worst first, short before at risk', () => {
    expect(model.shortfalls.map((r) => r.indicator.code)).toEqual(['F-07', 'F-08', 'F-01']);
  });

  test('the trend shows the months of the year so far, city values from each month\'s submissions', () => {
    expect(model.trendMonths).toEqual(trendWindow('2025-10'));
    expect(model.trendMonths[0]).toBe('2025-01');
    const f01 = row('F-01').trend;
    // 2025-09: (447 + 90 + 298 + 200) / (500 + 120 + 330 + 230) = 1035 / 1180 = 87.71…
    expect(f01.find((p) => p.month === '2025-09')?.value).toBe(87.7);
    expect(f01.find((p) => p.month === '2025-04')?.value).toBeNull();
    expect(trendWindow('2026-02')).toEqual(['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('completeness', () => {
  test('16/18-style counts: who owes, who sent, who was late or resubmitted, who is missing', () => {
    expect(model.completeness).toEqual({ owing: 5, submitted: 4, late: 1, missing: 1, resubmitted: 1 });
    expect(model.submissions.find((s) => s.unit.code === '230104')?.state).toBe('late');
    expect(model.submissions.find((s) => s.unit.code === '230108')?.state).toBe('missing');
    // The other city's bureau owes nothing here.
    expect(model.submissions.some((s) => s.unit.code === '230800')).toBe(false);
  });
});

describe('flags', () => {
  test('three rounds more than 5 points below the city average trigger the rule of seed 003', () => {
    const [flag] = flagsOf('consecutive_below');
    expect(flagsOf('consecutive_below')).toHaveLength(1);
    expect(flag!.flag).toMatchObject({ unitCode: '230103', code: 'F-01', severity: 'critical' });
    expect(flag!.flag.message).toContain('连续3次（2025年8月、2025年9月、2025年10月）');
    expect(flag!.flag.responsible).toEqual(['市教育局基础教育处', '市发展改革委']);
  });

  test('a shortfall without explanation is flagged, one with an explanation carries it', () => {
    expect(flagsOf('unexplained_shortfall').map((f) => `${f.flag.unitCode} ${f.flag.code}`)).toEqual(['230103 F-02']);
    const explained = flagsOf('below_trajectory', '230103').find((f) => f.flag.code === 'F-01')!;
    expect(explained.explanation).toBe('适龄人口统计口径调整，两所新建幼儿园9月才开始招生。');
    expect(explained.flag.message).toBe('南岗区教育局“学前三年毛入园率”75%，未达到本月应达 89.9%（差 14.9个百分点）');
  });

  test('a partial city total is flagged with how many units it covers and not compared across months', () => {
    const total = flagsOf('below_trajectory', '230100').find((f) => f.flag.code === 'F-07')!;
    expect(total.flag.message).toBe('全市“专任教师缺口”590人，未达到本月应达 560人（差 30人）（仅 3/4 个单位报送）');
    expect(flagsOf('final_target_at_risk', '230100').some((f) => f.flag.code === 'F-07')).toBe(false);
  });

  test('pace: the city rate at its pace of the last months misses the 2025 target', () => {
    const f = flagsOf('final_target_at_risk', '230100').find((x) => x.flag.code === 'F-01')!;
    // 2025-05: (438+87+290+200)/1180 = 86.0; 2025-10: 88.4 → +0.48 a month; 2 months left → 89.36 < 90.
    expect(f.flag.message).toContain('月均 +0.48');
    expect(f.flag.message).toContain('预计 89.4%');
    expect(f.flag.severity).toBe('critical');
  });

  test('outlier against the unit\'s own history, worse than last month, missing and late submissions', () => {
    expect(flagsOf('outlier').map((f) => `${f.flag.unitCode} ${f.flag.code}`)).toEqual(['230104 F-03']);
    expect(flagsOf('outlier')[0]!.flag.message).toContain('本月新增 20所');
    expect(flagsOf('worse_than_last_month', '230103').map((f) => f.flag.code)).toEqual(['F-07']);
    expect(flagsOf('missing_submission').map((f) => f.flag.unitCode)).toEqual(['230108']);
    expect(flagsOf('late_submission').map((f) => f.flag.message)).toEqual(['道外区教育局2025年10月数据逾期 3 天报送']);
    expect(flagsOf('missing_submission')[0]!.flag.responsible).toEqual([]);
  });

  test('a review of last month\'s flag is shown on this month\'s flag of the same subject', () => {
    const f = flagsOf('below_trajectory', '230103').find((x) => x.flag.code === 'F-01')!;
    expect(f.review).toMatchObject({ status: 'action_required', reviewer: '王处长', month: '2025-09', comment: PREVIOUS_REVIEW.review.comment });
    expect(flagsOf('below_trajectory', '230103').find((x) => x.flag.code === 'F-02')!.review).toBeNull();
  });

  test('flags are routed to the 责任单位 the catalog names', () => {
    expect([...model.routed.keys()].sort()).toEqual(['市发展改革委', '市委编办', '市教育局人事处', '市教育局基础教育处', '市教育局高教处'].sort());
    expect(model.routed.get('市教育局高教处')!.map((f) => f.flag.code)).toEqual(['F-08', 'F-08']);
    expect(model.routed.get('市教育局人事处')!.every((f) => f.flag.code === 'F-05' || f.flag.code === 'F-07')).toBe(true);
  });

  test('the same inputs give the same flags (keys are stable)', () => {
    expect(buildReport(reportInput()).flags.map((f) => f.key)).toEqual(model.flags.map((f) => f.key));
  });
});

describe('matrix', () => {
  test('districts × the indicators they report, with values, statuses and explanations', () => {
    expect(model.matrix.units.map((u) => u.code)).toEqual(['230102', '230103', '230104', '230108']);
    expect(model.matrix.indicators.map((i) => i.code)).toEqual(['F-01', 'F-02', 'F-03', 'F-04', 'F-05', 'F-06', 'F-07']);
    const nangang = model.matrix.cells.get('230103')!;
    expect(nangang.get('F-01')).toEqual({ value: 75, status: 'short', explanation: '适龄人口统计口径调整，两所新建幼儿园9月才开始招生。' });
    expect(nangang.get('F-04')).toMatchObject({ value: 98.2, status: 'at_risk' });
    // A district's count has no target of its own.
    expect(nangang.get('F-07')).toMatchObject({ value: 260, status: 'no_target' });
    expect(model.matrix.cells.get('230108')!.get('F-01')).toMatchObject({ value: null, status: 'missing' });
  });
});
