/**
 * 哈尔滨市教育事业“十四五”发展规划 (seed 000_ae3b4986d9475e9d.txt) as a catalog.
 *
 * The core is the table “十四五”时期教育事业发展的主要目标 (HRB14-01..16, targets for 2021/2023/2025); the
 * 2020 column of the “十三五” completion table gives baselines where it reports the same indicator. HRB14-17..37
 * are the numeric targets stated in the running text of 主要任务 and 保障措施; the plan gives them no year of
 * their own, so they fall due at the plan's end (“到2025年”).
 *
 * Roll-up: rates districts can count are recomputed from numerator/denominator; counts of things districts build
 * are summed; counts of what the city designates, selects or runs itself (示范校, 新区 bases, 市属高校,
 * “百千万”工程) are entered by the city bureau. Per-district targets (“每个区县…一所”) are judged per district.
 */
import type { IndicatorInput, PlanInput, TargetSchema } from '../../core/schema';
import type { z } from 'zod';

const SEED = '000_ae3b4986d9475e9d.txt';
const TABLE = '“十四五”时期教育事业发展的主要目标';
const ACHIEVED = '“十三五”时期教育事业发展主要目标完成情况';
const END = 2025;

type TargetInput = z.input<typeof TargetSchema>;

function cite(section: string, text: string) {
  return { file: SEED, section, text };
}

/** The table's three columns 2021/2023/2025 as targets with one comparator; `wordings` where a cell has its own. */
function tableTargets(op: TargetInput['op'], values: [number, number, number], wordings?: [string, string, string]): TargetInput[] {
  return ([2021, 2023, 2025] as const).map((year, i) => ({
    year,
    op,
    value: values[i]!,
    ...(wordings ? { wording: wordings[i]! } : {}),
  }));
}

/** A target stated once in the running text, due at the plan's end. */
function endTarget(op: TargetInput['op'], value: number, wording: string, extra: Partial<TargetInput> = {}): TargetInput[] {
  return [{ year: END, op, value, wording, ...extra }];
}

const ratio = (numerator: string, denominator: string, scale = 100) => ({ method: 'ratio' as const, numerator, denominator, scale });
const SUM = { method: 'sum' as const };
const CITY = { method: 'city' as const };
const COUNT = { decimals: 0, range: { min: 0 } };

const indicators: IndicatorInput[] = [
  // —— 主要发展指标表：教育普及与公平 ——
  {
    code: 'HRB14-01', category: '教育普及与公平', name: '普惠性幼儿园覆盖率', nameEn: 'Inclusive kindergarten coverage',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [80, 82, 85]),
    rollup: ratio('普惠性幼儿园在园幼儿数', '在园幼儿总数'),
    citation: cite(TABLE, '教育普及 与公平\t普惠性幼儿园覆盖率（%）\t80\t82\t85'),
  },
  {
    code: 'HRB14-02', category: '教育普及与公平', name: '学前三年教育毛入园率', nameEn: 'Three-year preschool gross enrolment rate',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 85.9, wording: '学前三年教育毛入园率达到 85.9%' },
    targets: tableTargets('>=', [86, 87, 90]),
    rollup: ratio('在园幼儿数', '学前三年适龄人口'),
    citation: cite(TABLE, '学前三年教育毛入园率（%）\t86\t87\t90'),
    note: '基线取“十三五”完成情况表2020年列（85.9），与正文“学前三年教育毛入园率达到 85.9%”一致。',
  },
  {
    code: 'HRB14-03', category: '教育普及与公平', name: '县域义务教育发展优质均衡率', nameEn: 'Share of counties with high-quality balanced compulsory education',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [0, 10, 20], ['0', '10%', '20%']),
    rollup: CITY, reportedBy: 'city',
    citation: cite(TABLE, '县域义务教育发展优质均衡率（%）\t0\t10%\t20%'),
    note: '优质均衡由国家对每个区、县（市）评估认定，全市比例只有市教育局掌握，故由市本级填报。',
  },
  {
    code: 'HRB14-04', category: '教育普及与公平', name: '九年义务教育巩固率', nameEn: 'Nine-year compulsory education retention rate',
    unit: '%', kind: 'rate', direction: 'hold',
    baseline: { year: 2020, value: 99, wording: '义务教育巩固率保持在 99%以上' },
    targets: tableTargets('>=', [99, 99, 99], ['99以上', '99以上', '99以上']),
    rollup: ratio('初中毕业班学生数', '该年级入小学一年级时学生数'),
    citation: cite(TABLE, '九年义务教育巩固率（%）\t99以上\t99以上\t99以上'),
    note: '“99以上”贯穿规划期，是保持的水平而非攀升目标；基线为“十三五”完成情况表2020年列（99）。',
  },
  {
    code: 'HRB14-05', category: '教育普及与公平', name: '高中阶段毛入学率', nameEn: 'Senior-secondary gross enrolment rate',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 95.4, wording: `${ACHIEVED}：2020年 95.4` },
    targets: tableTargets('>=', [95, 95.5, 96]),
    rollup: ratio('高中阶段在校生数', '15—17周岁适龄人口'),
    citation: cite(TABLE, '高中阶段毛入学率（%）\t95\t95.5\t96'),
    note: '2021年目标95低于“十三五”完成情况表2020年实际的95.4；二者不是同一年份的同一数值，不按矛盾处理，照原文录入。',
  },
  {
    code: 'HRB14-06', category: '教育普及与公平', name: '市属高校在校生', nameEn: 'Students at city-run higher-education institutions',
    unit: '万人', kind: 'stock', direction: 'higher',
    baseline: { year: 2020, value: 5.9, wording: `${ACHIEVED}：2020年 5.9` },
    targets: tableTargets('>=', [5.9, 6.0, 6.1]),
    rollup: CITY, reportedBy: 'city', decimals: 2, range: { min: 0, max: 20 },
    citation: cite(TABLE, '市属高校在校生（万人）\t5.9\t6.0\t6.1'),
  },
  {
    code: 'HRB14-07', category: '教育普及与公平', name: '残疾儿童少年义务教育入学率', nameEn: 'Compulsory-education enrolment of children with disabilities',
    unit: '%', kind: 'rate', direction: 'hold', baseline: null,
    targets: tableTargets('>=', [95, 95, 95]),
    rollup: ratio('义务教育阶段入学的适龄残疾儿童少年数', '适龄残疾儿童少年数'),
    citation: cite(TABLE, '残疾儿童少年义务教育入学率（%）\t95\t95\t95'),
    note: '三个年份目标同为95，是保持的水平。',
  },
  {
    code: 'HRB14-08', category: '教育普及与公平', name: '家庭经济困难学生受助率', nameEn: 'Share of students from low-income families receiving aid',
    unit: '%', kind: 'rate', direction: 'hold', baseline: null,
    targets: tableTargets('>=', [100, 100, 100]),
    rollup: ratio('受资助的家庭经济困难学生数', '家庭经济困难学生数'),
    citation: cite(TABLE, '家庭经济困难学生受助率（%）\t100\t100\t100'),
    note: '三个年份目标同为100，是保持的水平。',
  },
  // —— 主要发展指标表：教育质量与竞争力 ——
  {
    code: 'HRB14-09', category: '教育质量与竞争力', name: '中职毕业生职业技能等级证书比例', nameEn: 'Vocational graduates holding skill-level certificates',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [40, 60, 80]),
    rollup: ratio('获得职业技能等级证书的中职毕业生数', '中职毕业生数'),
    citation: cite(TABLE, '教育质量 与竞争力\t中职毕业生职业技能等级证书比例（%）\t40\t60\t80'),
  },
  {
    code: 'HRB14-10', category: '教育质量与竞争力', name: '市属高校毕业生就业率', nameEn: 'Employment rate of city-run college graduates',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [70, 73, 75]),
    rollup: CITY, reportedBy: 'city',
    citation: cite(TABLE, '市属高校毕业生就业率（%）\t70\t73\t75'),
  },
  {
    code: 'HRB14-11', category: '教育质量与竞争力', name: '从业人员继续教育累计', nameEn: 'Continuing education of the workforce, cumulative',
    unit: '万人次', kind: 'stock', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [65, 200, 330]),
    rollup: CITY, reportedBy: 'city', range: { min: 0, max: 1000 },
    citation: cite(TABLE, '从业人员继续教育累计（万人次）\t65\t200\t330'),
    note: '“十三五”完成情况表2020年为319（“十三五”期间累计）；“十四五”目标2021年为65，说明累计自2021年重新起算，'
      + '故不以319作基线（否则轨迹会从319降到65）。',
  },
  {
    code: 'HRB14-12', category: '教育质量与竞争力', name: '“百千万”工程人数', nameEn: '“Hundred-thousand-ten-thousand” teacher programme, people',
    unit: '人', kind: 'stock', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [2220, 6660, 11100]),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite(TABLE, '“百千万”工程人数（人）\t2220\t6660\t11100'),
    note: '11100 = 正文“万名骨干教师（校长）、千名卓越名师（校长）、百名教育家型教师（校长）”之和（见 HRB14-33..35）。',
  },
  {
    code: 'HRB14-13', category: '教育质量与竞争力', name: '义务教育专任教师本科以上学历比例', nameEn: 'Compulsory-education teachers with a bachelor degree or above',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [74, 76, 79]),
    rollup: ratio('本科以上学历的义务教育专任教师数', '义务教育专任教师数'),
    citation: cite(TABLE, '义务教育专任教师本科以上学历比例（%）\t74\t76\t79'),
  },
  {
    code: 'HRB14-14', category: '教育质量与竞争力', name: '普通高中专任教师研究生学历比例', nameEn: 'Senior-high teachers with a postgraduate degree',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [9, 10, 11]),
    rollup: ratio('研究生学历的普通高中专任教师数', '普通高中专任教师数'),
    citation: cite(TABLE, '普通高中专任教师研究生学历比例（%）\t9\t10\t11'),
  },
  {
    code: 'HRB14-15', category: '教育质量与竞争力', name: '职业教育“双师型”教师比例', nameEn: 'Vocational “dual-qualified” teachers',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [
      ...tableTargets('>=', [40, 50, 60]).filter((t) => t.year < END),
      {
        year: END, op: '>=', value: 60, wording: '60', governs: true,
        citation: cite(TABLE, '职业教育“双师型”教师比例（%）\t40\t50\t60'),
        note: '为准：主要发展指标表是规划的考核口径（表中数字按≥计），正文“超过60%”是对同一目标的顺带表述。',
      },
      {
        year: END, op: '>', value: 60, wording: '超过60%', governs: false,
        citation: cite('四、主要任务（三）发展特色现代职业教育 3. 加强内涵建设', '到2025年，专业教师中“双师型”教师占比超过60%'),
        note: '不为准：正文“超过60%”（>60）与主要发展指标表“60”（≥60）不同，以表格为准，正文是对同一目标的顺带表述。',
      },
    ],
    rollup: ratio('“双师型”专业教师数', '职业院校专业教师数'),
    citation: cite(TABLE, '职业教育“双师型”教师比例（%）\t40\t50\t60'),
    note: '2025年两处表述：表格“60”（≥60，为准）与正文“超过60%”（>60，不为准）。',
  },
  {
    code: 'HRB14-16', category: '教育质量与竞争力', name: '“智慧校园”示范学校', nameEn: '“Smart campus” model schools',
    unit: '所', kind: 'stock', direction: 'higher', baseline: null,
    targets: tableTargets('>=', [4, 15, 30]),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite(TABLE, '“智慧校园”示范学校（所）\t4\t15\t30'),
    note: '示范学校由市级认定，由市本级填报。',
  },
  // —— 正文中的数量目标（规划期末2025年） ——
  {
    code: 'HRB14-17', category: '落实立德树人根本任务', name: '学生每天体育锻炼时间', nameEn: 'Daily physical exercise per student',
    unit: '小时', kind: 'rate', direction: 'hold', baseline: null,
    targets: endTarget('>=', 1.5, '每天 1.5 小时'),
    rollup: CITY, range: { min: 0, max: 24 },
    citation: cite('四、主要任务（一）落实立德树人根本任务 2. 强化体育', '强化落实每天 1.5 小时体育锻炼'),
    note: '各区、县（市）填报学生平均每天体育锻炼时间，各自对照1.5小时；平均时长不能由人数相加得出，故不汇总为全市值。',
  },
  {
    code: 'HRB14-18', category: '落实立德树人根本任务', name: '学生健康档案建档率', nameEn: 'Student health records coverage',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: endTarget('>=', 100, '达到 100%'),
    rollup: ratio('已建立健康档案的学生数', '在校学生数'),
    citation: cite('四、主要任务（一）落实立德树人根本任务 2. 强化体育', '学生健康档案建档率达到 100%'),
  },
  {
    code: 'HRB14-19', category: '落实立德树人根本任务', name: '学生艺术特长和爱好', nameEn: 'Arts specialities and hobbies per student',
    unit: '项', kind: 'rate', direction: 'higher', baseline: null,
    targets: endTarget('between', 1, '1—2 项', { max: 2 }),
    rollup: CITY, range: { min: 0, max: 10 },
    citation: cite('四、主要任务（一）落实立德树人根本任务 3. 增强美育', '培养学生 1—2 项艺术特长和爱好'),
    note: '每名学生1—2项；各区、县（市）填报学生人均艺术特长和爱好项数，各自对照，不汇总为全市值。',
  },
  {
    code: 'HRB14-20', category: '落实立德树人根本任务', name: '劳动教育先进典型学校', nameEn: 'Model schools for labour education',
    unit: '所', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 100, '100 所'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（一）落实立德树人根本任务 4. 创新劳动教育', '100 所学校劳动教育先进典型'),
    note: '先进典型由市级树立，由市本级填报。',
  },
  {
    code: 'HRB14-21', category: '提高基础教育质量水平', name: '每个区、县（市）优质特色高中', nameEn: 'High-quality distinctive senior high schools per district',
    unit: '所', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 1, '至少建成1所'),
    rollup: CITY, ...COUNT,
    citation: cite('四、主要任务（二）提高基础教育质量水平 3. 推进高中教育多样化特色化发展', '每个区、县（市）至少建成1所优质特色高中'),
    note: '目标针对每个区、县（市），各自对照“至少1所”；全市合计没有单独目标。',
  },
  {
    code: 'HRB14-22', category: '发展特色现代职业教育', name: '优质职业院校年培训人次与在校生规模之比', nameEn: 'Annual training attendances vs. enrolment at top vocational schools',
    unit: '倍', kind: 'rate', direction: 'higher', baseline: null,
    targets: endTarget('>=', 2, '2倍以上'),
    rollup: ratio('优质职业院校年培训人次', '优质职业院校在校生数', 1), range: { min: 0, max: 50 },
    citation: cite('四、主要任务（三）发展特色现代职业教育 1. 完善培养培训体系', '实现优质职业院校年培训人次达到在校生规模的2倍以上'),
  },
  {
    code: 'HRB14-23', category: '发展特色现代职业教育', name: '职业教育提质培优行动计划校级承接项目', nameEn: 'School-level projects of the vocational quality action plan',
    unit: '项', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 41, '41项'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（三）发展特色现代职业教育 3. 加强内涵建设', '逐年实施职业教育提质培优行动计划41项校级承接项目（任务）'),
    note: '“逐年实施”41项，按规划期末累计实施41项计。',
  },
  {
    code: 'HRB14-24', category: '发展特色现代职业教育', name: '新区全省“双师培训基地”', nameEn: 'Provincial dual-qualified teacher training bases in the New Area',
    unit: '个', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 5, '5个左右'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（三）发展特色现代职业教育 5. 打造新区试验区', '在新区高校和职业院校建设5个左右全省“双师培训基地”'),
    note: '原文“5个左右”为约数，按达到5个计。',
  },
  {
    code: 'HRB14-25', category: '发展特色现代职业教育', name: '新区产教融合型企业', nameEn: 'Industry-education integration enterprises in the New Area',
    unit: '家', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 30, '30家'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（三）发展特色现代职业教育 5. 打造新区试验区', '扶持新区培育认定30家产教融合型企业'),
  },
  {
    code: 'HRB14-26', category: '发展特色现代职业教育', name: '产教融合实训基地', nameEn: 'Industry-education training bases',
    unit: '个', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 20, '20个'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（三）发展特色现代职业教育 5. 打造新区试验区', '建设20个开放性产教融合实训基地、职业教育产教融合实训基地、企业产教融合实训基地'),
  },
  {
    code: 'HRB14-27', category: '发展特色现代职业教育', name: '校企共建产业学院', nameEn: 'Industry colleges built with enterprises',
    unit: '个', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 10, '10个'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（三）发展特色现代职业教育 5. 打造新区试验区', '校企共建10个服务新区重点产业和高新产业发展的产业学院'),
  },
  {
    code: 'HRB14-28', category: '健全终身教育服务体系', name: '每个区县老年大学', nameEn: 'Senior universities per district',
    unit: '所', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 1, '一所'),
    rollup: CITY, ...COUNT,
    citation: cite('四、主要任务（五）健全终身教育服务体系 2. 发展老年教育', '每个区县建立一所老年大学'),
    note: '目标针对每个区县，各自对照“一所”；全市合计没有单独目标。',
  },
  {
    code: 'HRB14-29', category: '健全终身教育服务体系', name: '建有老年学校的乡镇（街道）比例', nameEn: 'Townships (sub-districts) with a school for seniors',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: endTarget('>=', 50, '50%'),
    rollup: ratio('建有老年学校的乡镇（街道）数', '乡镇（街道）数'),
    citation: cite('四、主要任务（五）健全终身教育服务体系 2. 发展老年教育', '50%的乡镇（街道）建有老年学校'),
  },
  {
    code: 'HRB14-30', category: '健全终身教育服务体系', name: '建有老年学习点的行政村（居委会）比例', nameEn: 'Villages (residents’ committees) with a learning point for seniors',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: endTarget('>=', 30, '30%'),
    rollup: ratio('建有老年学习点的行政村（居委会）数', '行政村（居委会）数'),
    citation: cite('四、主要任务（五）健全终身教育服务体系 2. 发展老年教育', '30%的行政村（居委会）建有老年学习点'),
  },
  {
    code: 'HRB14-31', category: '健全终身教育服务体系', name: '省级社区教育试验区（示范区）', nameEn: 'Provincial community-education pilot areas',
    unit: '个', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 4, '4个'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（五）健全终身教育服务体系 3. 加强社区教育', '建设4个省级社区教育试验区(示范区)'),
  },
  {
    code: 'HRB14-32', category: '健全终身教育服务体系', name: '老年大学（老年开放大学）示范校', nameEn: 'Model senior universities',
    unit: '个', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 3, '3个'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('四、主要任务（五）健全终身教育服务体系 3. 加强社区教育', '3个老年大学(老年开放大学)示范校'),
  },
  {
    code: 'HRB14-33', category: '加强师资队伍建设', name: '“百千万”工程骨干教师（校长）', nameEn: 'Backbone teachers (principals), 100-1000-10000 programme',
    unit: '人', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 10000, '万名'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('六、保障措施（三）加强师资队伍建设', '造就万名骨干教师（校长）'),
    note: '与 HRB14-34、HRB14-35 合计11100，即主要发展指标表“百千万”工程人数（HRB14-12）2025年目标。',
  },
  {
    code: 'HRB14-34', category: '加强师资队伍建设', name: '“百千万”工程卓越名师（校长）', nameEn: 'Outstanding teachers (principals), 100-1000-10000 programme',
    unit: '人', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 1000, '千名'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('六、保障措施（三）加强师资队伍建设', '千名卓越名师（校长）'),
  },
  {
    code: 'HRB14-35', category: '加强师资队伍建设', name: '“百千万”工程教育家型教师（校长）', nameEn: 'Educator-type teachers (principals), 100-1000-10000 programme',
    unit: '人', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 100, '百名'),
    rollup: CITY, reportedBy: 'city', ...COUNT,
    citation: cite('六、保障措施（三）加强师资队伍建设', '百名教育家型教师（校长）'),
  },
  {
    code: 'HRB14-36', category: '提升教育保障能力', name: '政府投资新改扩建中小学校（幼儿园）', nameEn: 'Schools and kindergartens newly built or expanded with public funds',
    unit: '所', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 42, '42所'),
    rollup: SUM, ...COUNT,
    citation: cite('六、保障措施（四）提升教育保障能力', '政府投资新改扩建中小学校（幼儿园）42所'),
    note: '规划期内累计；各区、县（市）填报本地累计数，相加为全市值。',
  },
  {
    code: 'HRB14-37', category: '提升教育保障能力', name: '新改扩建中小学校（幼儿园）建筑面积', nameEn: 'Floor area of new and expanded schools and kindergartens',
    unit: '万平方米', kind: 'stock', direction: 'higher', baseline: null,
    targets: endTarget('>=', 74.2, '74.2万平方米'),
    rollup: SUM, decimals: 2, range: { min: 0, max: 500 },
    citation: cite('六、保障措施（四）提升教育保障能力', '建筑面积74.2万平方米'),
    note: '规划期内累计；各区、县（市）填报本地累计数，相加为全市值。',
  },
];

export const plan: PlanInput = {
  id: 'harbin-14th-fyp',
  title: '哈尔滨市教育事业“十四五”发展规划',
  titleEn: 'Harbin 14th Five-Year Plan for Education (2021–2025)',
  issuer: '哈尔滨市',
  city: '230100',
  span: { from: 2021, to: 2025 },
  source: SEED,
  version: 1,
  indicators,
};
