/**
 * 佳木斯市“十四五”教育事业发展规划 (seed 002_d70858b1bb74f32d.txt, issued by 佳木斯市人民政府 on 2022-12-01).
 *
 * Codes JMS14-01..14 are the rows of the table “十四五”教育事业发展和人力资源开发主要预期指标 (its first row is the
 * composite cell "90/87.2/51", three indicators); JMS14-15.. are the numeric targets of the running text in seed order.
 * The seed names no 责任单位, so `responsible` is empty throughout.
 *
 * Where the seed contradicts itself, both values are kept and the indicator table governs (see each `note`):
 *  - 2020 column vs the achievements in 一、(一)现实基础: JMS14-01 90 vs 88.2, JMS14-02 87.2 vs 80.09, JMS14-03 51 vs 50.1
 *    (高中阶段毛入学率 95 agrees with the text's 95% and is no contradiction);
 *  - 2025 column vs the text: JMS14-02 90 vs 85, JMS14-07 97.5 vs 96, JMS14-05 20% vs four named counties (4 of 10);
 *  - text vs text: JMS14-22 5-8 优质专业 (主要任务) vs 5-10 专业(群) (重点工程).
 * Counts the plan builds from nothing (“建设10个”, “新增4-6个”, “利用五年时间建设30个”) start from 0 at the end of 2020 by
 * their definition; the seed gives no base year for them.
 */
import type { Citation, IndicatorInput, PlanInput } from '../../core/schema';

const SEED = '002_d70858b1bb74f32d.txt';

const S = {
  base: '一、发展环境 (一)现实基础',
  table: '二、总体安排 “十四五”教育事业发展和人力资源开发主要预期指标',
  moral: '三、主要任务 (一)深入落实立德树人根本任务',
  preschool: '三、主要任务 (二)大力推进学前教育普及普惠发展',
  compulsory: '三、主要任务 (三)加快推进义务教育优质均衡发展',
  highSchool: '三、主要任务 (四)实现普通高中教育高质量发展',
  vocational: '三、主要任务 (五)持续深化职业教育改革发展',
  special: '三、主要任务 (七)统筹发展特殊教育',
  moralProject: '四、重点工程 (一)实施新时代立德树人工程',
  basicProject: '四、重点工程 (二)实施基础教育现代化建设工程',
  vocationalProject: '四、重点工程 (三)实施职业技能人才服务发展工程',
  teacherProject: '四、重点工程 (四)实施新时代教师队伍建设工程',
  itProject: '四、重点工程 (五)实施教育信息化推进工程',
  safetyProject: '四、重点工程 (九)实施中小学校安全防控工程',
} as const;

function cite(section: string, text: string): Citation {
  return { file: SEED, section, text };
}

/**
 * A row of the indicator table as the seed lays it out: the label, then the 2020, 2022 and 2025 cells, each on its
 * own line ending in " |" (an empty cell is a bare "|").
 */
function tableRow(label: string, y2020: string, y2022: string, y2025: string): Citation {
  const cells = [label, y2020, y2022, y2025].map((cell) => (cell === '' ? '|' : `${cell} |`));
  return cite(S.table, cells.join('\n'));
}

/** Counts the plan creates from nothing: 0 at the end of 2020 by definition, so the trajectory climbs from there. */
const BUILT_FROM_ZERO = { year: 2020, value: 0, wording: '规划期内建设的累计数，2020年末按定义为0（原文未列基数）' };

const TABLE_GOVERNS =
  '指标表是规划正式的指标体系，且与其2020、2022、2025年各列自成一体；正文为任务叙述中的提及，故以指标表为准。' +
  ' / The indicator table governs: it is the plan\'s formal indicator set and consistent across its own columns; the text is a passing mention.';

const ROW_PRESCHOOL = tableRow('学前教育三年毛入园率/普惠性幼儿园覆盖率/公办幼儿园在园幼儿比例', '90/87.2/51', '93/88/53', '90/90/52');
const PRESCHOOL_2025_TEXT = cite(S.preschool, '到2025年学前教育三年毛入园率达到90%、普惠性幼儿园覆盖率达到85%');
const ROW_HIGH_SCHOOL = tableRow('高中阶段教育毛入学率', '95', '96', '97.5');
const ROW_BALANCED = tableRow('义务教育发展优质均衡县比例', '', '', '20');
const VOCATIONAL_2025 = cite(S.vocational, '到2025年力争建成1所省级乡村振兴人才培养优质学校和5-8个优质专业');
const VOCATIONAL_PROJECT = cite(S.vocationalProject, '争取建成5-10个省级高水平及优质专业(群)、1所乡村振兴人才培养优质校');
const STUDIOS_361 = cite(S.teacherProject, '利用五年时间,建设30个名校长工作室、60个名班主任工作室、100个名师工作室');
const ONLINE_SPACE = cite(S.itProject, '到2025年80%以上的农村学校学生、100%的城镇学校学生建立个人网络学习空间');

/** The baseline note where the table's 2020 column and the 现实基础 text disagree. */
function baselineConflict(tableValue: number, textWording: string): string {
  return `基期不一致：指标表2020年列为${tableValue}，正文“现实基础”称“${textWording}”（${S.base}）。以指标表为准记入基期，` +
    '因为规划的2022、2025年目标是在同一表中据此列设定的。 / The 2020 column of the table and the achievements reported in ' +
    `the text disagree (${tableValue} vs "${textWording}"); the table governs because the plan's 2022 and 2025 targets are set against it.`;
}

const CITY = { rollup: { method: 'city' }, reportedBy: 'city' } as const;
/** A yes/no that each district or county answers for itself (no city figure is made from it). */
const PER_UNIT_MILESTONE = {
  unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
  rollup: { method: 'city' }, reportedBy: 'units',
} as const;

function ratio(numerator: string, denominator: string, scale = 100) {
  return { method: 'ratio', numerator, denominator, scale } as const;
}

const indicators: IndicatorInput[] = [
  // —— 主要预期指标表 ——
  {
    code: 'JMS14-01', category: '学前教育', name: '学前教育三年毛入园率', nameEn: 'Preschool (3-year) gross enrolment rate',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 90, wording: '90' },
    targets: [
      { year: 2022, op: '>=', value: 93, wording: '93' },
      { year: 2025, op: '>=', value: 90, wording: '90' },
    ],
    rollup: ratio('在园幼儿数', '学前三年适龄人口'),
    citation: ROW_PRESCHOOL,
    note: '出自指标表合并单元格“90/87.2/51”“93/88/53”“90/90/52”的第1项。' + baselineConflict(90, '学前三年毛入园率88.2%') +
      ' 正文2025年“学前教育三年毛入园率达到90%”与表一致；表中2022年93高于2025年90，照录。' +
      ' / First of the composite cells; the text\'s 2025 target (90%) agrees with the table; the table\'s 2022 value 93 exceeds its 2025 value 90, kept as printed.',
  },
  {
    code: 'JMS14-02', category: '学前教育', name: '普惠性幼儿园覆盖率', nameEn: 'Coverage of affordable (puhui) kindergartens',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 87.2, wording: '87.2' },
    targets: [
      { year: 2022, op: '>=', value: 88, wording: '88' },
      {
        year: 2025, op: '>=', value: 90, wording: '90', governs: true, citation: ROW_PRESCHOOL,
        note: '2025年两处不一致：指标表90，正文“普惠性幼儿园覆盖率达到85%”。' + TABLE_GOVERNS,
      },
      {
        year: 2025, op: '>=', value: 85, wording: '普惠性幼儿园覆盖率达到85%', governs: false, citation: PRESCHOOL_2025_TEXT,
        note: '不作为考核目标：与指标表2025年的90不一致，且低于表中2020年基期87.2；正文数值与“现实基础”的80.09%配套。' + TABLE_GOVERNS,
      },
    ],
    rollup: ratio('普惠性幼儿园在园幼儿数', '在园幼儿数'),
    citation: ROW_PRESCHOOL,
    note: '出自指标表合并单元格“90/87.2/51”等的第2项。' + baselineConflict(87.2, '普惠性幼儿园覆盖率80.09%'),
  },
  {
    code: 'JMS14-03', category: '学前教育', name: '公办幼儿园在园幼儿比例', nameEn: 'Share of children in public kindergartens',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 51, wording: '51' },
    targets: [
      { year: 2022, op: '>=', value: 53, wording: '53' },
      { year: 2025, op: '>=', value: 52, wording: '52' },
    ],
    rollup: ratio('公办幼儿园在园幼儿数', '在园幼儿数'),
    citation: ROW_PRESCHOOL,
    note: '出自指标表合并单元格“90/87.2/51”等的第3项。' + baselineConflict(51, '公办园幼儿占比50.1%') +
      ' 表中2022年53高于2025年52，照录。 / The table\'s 2022 value 53 exceeds its 2025 value 52, kept as printed.',
  },
  {
    code: 'JMS14-04', category: '义务教育', name: '九年义务教育巩固率', nameEn: 'Nine-year compulsory education retention rate',
    unit: '%', kind: 'rate', direction: 'hold',
    baseline: { year: 2020, value: 99, wording: '>99' },
    targets: [
      { year: 2022, op: '>', value: 99, wording: '>99' },
      { year: 2025, op: '>', value: 99, wording: '>99' },
    ],
    rollup: ratio('初中毕业班学生数', '该年级入小学一年级时学生数'),
    citation: tableRow('九年义务教育巩固率', '>99', '>99', '>99'),
    range: { min: 80, max: 100 },
    note: '表中2020年亦为“>99”，基期记其下限99。 / The 2020 cell reads ">99"; the baseline records its bound 99.',
  },
  {
    code: 'JMS14-05', category: '义务教育', name: '义务教育发展优质均衡县比例', nameEn: 'Share of counties certified for high-quality balanced compulsory education',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [
      {
        year: 2025, op: '>=', value: 20, wording: '20', governs: true, citation: ROW_BALANCED,
        note: '指标表2025年为20%；正文点名推动4个县(市)区通过评估认定，相当于全市10个县(市)区的40%。' + TABLE_GOVERNS,
      },
      {
        year: 2025, op: '>=', value: 40, wording: '推动桦川县、东风区、桦南县、汤原县通过国家义务教育优质均衡发展评估认定', governs: false,
        citation: cite(S.compulsory, '推动桦川县、东风区、桦南县、汤原县通过国家义务教育优质均衡发展评估认定'),
        note: '由正文推得：点名4个县(市)区，佳木斯市辖10个县级行政区（向阳、前进、东风、郊区、桦南、桦川、汤原、同江、富锦、抚远），即40%，' +
          '是指标表20%的两倍；正文未写年份，按规划期末2025年记。' + TABLE_GOVERNS,
      },
    ],
    ...CITY,
    citation: ROW_BALANCED,
    note: '表中2020、2022年两列为空，无基期。 / The 2020 and 2022 cells are empty: no baseline.',
  },
  {
    code: 'JMS14-06', category: '普通高中教育', name: '优质普高招生名额分配到区域内初中比例', nameEn: 'Share of quality senior-high places allocated to local junior highs',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 80, wording: '80' },
    targets: [
      { year: 2022, op: '>=', value: 80, wording: '80' },
      { year: 2025, op: '>', value: 80, wording: '>80' },
    ],
    rollup: ratio('分配到区域内初中的优质普高招生名额', '优质普高招生计划总数'),
    citation: tableRow('优质普高招生名额分配到区域内初中比例(%)', '80', '80', '>80'),
  },
  {
    code: 'JMS14-07', category: '高中阶段教育', name: '高中阶段教育毛入学率', nameEn: 'Upper-secondary gross enrolment rate',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 95, wording: '95' },
    targets: [
      { year: 2022, op: '>=', value: 96, wording: '96' },
      {
        year: 2025, op: '>=', value: 97.5, wording: '97.5', governs: true, citation: ROW_HIGH_SCHOOL,
        note: '2025年两处不一致：指标表97.5，正文“保持在96%”。' + TABLE_GOVERNS,
      },
      {
        year: 2025, op: '>=', value: 96, wording: '保持在96%', governs: false,
        citation: cite(S.vocational, '到2025年全市高中阶段教育毛入学率保持在96%'),
        note: '不作为考核目标：正文“保持在96%”等于表中2022年的值，与表中2025年97.5不一致。' + TABLE_GOVERNS,
      },
    ],
    rollup: ratio('高中阶段在校生数', '15至17周岁适龄人口'),
    citation: ROW_HIGH_SCHOOL,
    note: '基期95与正文“现实基础”的“高中阶段教育毛入学率95%”一致。 / The 2020 value 95 agrees with the text\'s reported 95%.',
  },
  {
    code: 'JMS14-08', category: '学生发展', name: '中小学学生体质健康达标率', nameEn: 'Pupils meeting physical fitness standards',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 78, wording: '78' },
    targets: [
      { year: 2022, op: '>=', value: 82, wording: '82' },
      { year: 2025, op: '>=', value: 88, wording: '88' },
    ],
    rollup: ratio('体质健康测试达标学生数', '参加体质健康测试学生数'),
    citation: tableRow('中小学学生体质健康达标率', '78', '82', '88'),
  },
  {
    code: 'JMS14-09', category: '学生发展', name: '学校冰雪课普及率', nameEn: 'Schools offering ice-and-snow classes',
    unit: '%', kind: 'rate', direction: 'hold',
    baseline: { year: 2020, value: 100, wording: '100' },
    targets: [
      { year: 2022, op: '>=', value: 100, wording: '100' },
      { year: 2025, op: '>=', value: 100, wording: '100' },
    ],
    rollup: ratio('开设冰雪课的学校数', '学校总数'),
    citation: tableRow('学校冰雪课普及率', '100', '100', '100'),
  },
  {
    code: 'JMS14-10', category: '教师队伍', name: '学前教育教师接受专业教育比例', nameEn: 'Kindergarten teachers with early-childhood training',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 78, wording: '78' },
    targets: [
      { year: 2022, op: '>=', value: 80, wording: '80' },
      { year: 2025, op: '>=', value: 83, wording: '83' },
    ],
    rollup: ratio('接受过学前教育专业教育的幼儿园教师数', '幼儿园教师总数'),
    citation: tableRow('学前教育教师接受专业教育比例', '78', '80', '83'),
  },
  {
    code: 'JMS14-11', category: '教师队伍', name: '义务教育专任教师中本科以上学历比例', nameEn: 'Compulsory-education teachers with a bachelor\'s degree or higher',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 73, wording: '73' },
    targets: [
      { year: 2022, op: '>=', value: 74, wording: '74' },
      { year: 2025, op: '>=', value: 75, wording: '75' },
    ],
    rollup: ratio('本科以上学历义务教育专任教师数', '义务教育专任教师数'),
    citation: tableRow('义务教育专任教师中本科以上学历比例', '73', '74', '75'),
  },
  {
    code: 'JMS14-12', category: '人力资源开发', name: '新增劳动力中受过高等教育比例', nameEn: 'New labour-force entrants with higher education',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 53.5, wording: '53.5' },
    targets: [
      { year: 2022, op: '>=', value: 54.5, wording: '54.5' },
      { year: 2025, op: '>=', value: 55, wording: '55' },
    ],
    ...CITY,
    citation: tableRow('新增劳动力中受过高等教育比例', '53.5', '54.5', '55'),
  },
  {
    code: 'JMS14-13', category: '人力资源开发', name: '劳动年龄人口平均受教育年限', nameEn: 'Average years of schooling of the working-age population',
    unit: '年', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 11.3, wording: '11.3' },
    targets: [
      { year: 2022, op: '>=', value: 11.5, wording: '11.5' },
      { year: 2025, op: '>=', value: 12, wording: '12' },
    ],
    ...CITY,
    citation: tableRow('劳动年龄人口平均受教育年限(年)', '11.3', '11.5', '12'),
    range: { min: 6, max: 20 },
  },
  {
    code: 'JMS14-14', category: '语言文字', name: '普通话普及率', nameEn: 'Putonghua proficiency rate',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 96.7, wording: '96.7' },
    targets: [
      { year: 2022, op: '>=', value: 97, wording: '97' },
      { year: 2025, op: '>=', value: 98, wording: '98' },
    ],
    ...CITY,
    citation: tableRow('普通话普及率', '96.7', '97', '98'),
  },

  // —— 正文中的数量目标（按原文顺序） ——
  {
    code: 'JMS14-15', category: '立德树人', name: '中小学校外综合实践研学基地', nameEn: 'Off-campus practice and study-tour bases for schools',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [{ year: 2025, op: '>=', value: 10, wording: '到2025年建设10个' }],
    ...CITY,
    citation: cite(S.moral, '推进研学旅行实践,到2025年建设10个中小学校外综合实践研学基地'),
    range: { min: 0, max: 100 },
  },
  {
    code: 'JMS14-16', category: '立德树人', name: '美育纳入中考', nameEn: 'Aesthetic education included in the senior-high entrance exam',
    unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: 2024, op: '=', value: 1, wording: '2024年将美育纳入中考' }],
    ...CITY,
    citation: cite(S.moral, '2024年将美育纳入中考'),
  },
  {
    code: 'JMS14-17', category: '立德树人', name: '综合实践课程中劳动教育课时占比', nameEn: 'Labour education share of comprehensive-practice class hours',
    unit: '%', kind: 'rate', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 50, wording: '不少于50%' }],
    rollup: ratio('综合实践课程中劳动教育课时数', '综合实践课程总课时数'),
    citation: cite(S.moral, '调整优化综合实践课程设置,其中劳动教育课时占比不少于50%'),
    note: '常设要求，原文未写年份，按规划期末2025年记并自始适用。 / A standing requirement with no year; recorded for 2025 and applied throughout.',
  },
  {
    code: 'JMS14-18', category: '学前教育', name: '建有公办幼儿园的乡镇比例', nameEn: 'Townships with a public kindergarten',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '确保每个乡镇建设1所公办幼儿园' }],
    rollup: ratio('建有公办幼儿园的乡镇数', '乡镇总数'),
    citation: cite(S.preschool, '确保每个乡镇建设1所公办幼儿园'),
    note: '“每个乡镇建设1所”记为乡镇覆盖率100%，以便县(市)区汇总；同义表述另见“每个乡镇至少建设1所公办中心幼儿园”和重点工程“在完成每个乡镇建设1所公办中心幼儿园的基础上”，三处一致。' +
      ' / "One public kindergarten in every township" is recorded as 100% township coverage; the three mentions agree.',
  },
  {
    code: 'JMS14-19', category: '普通高中教育', name: '优质特色高中', nameEn: 'Distinctive high-quality senior high schools cultivated',
    unit: '所', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [{ year: 2025, op: 'between', value: 2, max: 3, wording: '培育2-3所优质特色高中' }],
    ...CITY,
    citation: cite(S.highSchool, '培育2-3所优质特色高中'),
    range: { min: 0, max: 50 },
    note: '主要任务与重点工程(二)两处均为“2-3所”，一致；原文未写年份，按规划期末2025年记。 / Both mentions say 2-3; no year, recorded for 2025.',
  },
  {
    code: 'JMS14-20', category: '普通高中教育', name: '升级改造及建设标准化考点', nameEn: 'Standardised exam sites upgraded or built',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [{ year: 2025, op: '>=', value: 24, wording: '升级改造及建设24个标准化考点' }],
    ...CITY,
    citation: cite(S.highSchool, '确保考试安全,升级改造及建设24个标准化考点'),
    range: { min: 0, max: 200 },
    note: '原文未写年份，按规划期末2025年记。 / No year stated; recorded for 2025.',
  },
  {
    code: 'JMS14-21', category: '职业教育', name: '省级乡村振兴人才培养优质学校', nameEn: 'Provincial high-quality schools for rural-revitalisation talent',
    unit: '所', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [{ year: 2025, op: '>=', value: 1, wording: '力争建成1所' }],
    ...CITY,
    citation: VOCATIONAL_2025,
    range: { min: 0, max: 20 },
    note: '重点工程(三)“1所乡村振兴人才培养优质校”与此一致。 / The key-project section also says 1; no contradiction.',
  },
  {
    code: 'JMS14-22', category: '职业教育', name: '优质专业', nameEn: 'High-quality vocational majors',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [
      {
        year: 2025, op: 'between', value: 5, max: 8, wording: '5-8个优质专业', governs: true, citation: VOCATIONAL_2025,
        note: '2025年两处不一致：主要任务“5-8个优质专业”，重点工程“5-10个省级高水平及优质专业(群)”。以主要任务为准：' +
          '第三部分是规划设定职业教育目标之处，重点工程复述时把专业群也算入，口径更宽。 / Two 2025 ranges: 5-8 in the main tasks, ' +
          '5-10 in the key projects; the main-task range governs because that section sets the objective, while the project restates it with a wider scope (专业群).',
      },
      {
        year: 2025, op: 'between', value: 5, max: 10, wording: '5-10个省级高水平及优质专业(群)', governs: false, citation: VOCATIONAL_PROJECT,
        note: '不作为考核目标：与主要任务“5-8个优质专业”不一致，且口径含专业群；以主要任务为准。 / Not governing: wider scope (专业群) than the main-task 5-8, which governs.',
      },
    ],
    ...CITY,
    citation: VOCATIONAL_2025,
    range: { min: 0, max: 100 },
  },
  {
    code: 'JMS14-23', category: '职业教育', name: '边境县(市)新增职业技能公共实训基地', nameEn: 'New public vocational training bases in border counties',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: { year: 2020, value: 0, wording: '“新增”自2021年起累计，2020年末为0' },
    targets: [{ year: 2025, op: 'between', value: 4, max: 6, wording: '新增职业技能公共实训基地4-6个' }],
    rollup: { method: 'sum' },
    citation: cite(S.vocational, '到2025年,边境县(市)新增职业技能公共实训基地4-6个'),
    range: { min: 0, max: 50 },
    note: '五年累计新增数（非年度流量），由各县(市)区填报并加总，非边境县(市)填0。 / Cumulative new bases since 2021, summed over units; non-border units enter 0.',
  },
  {
    code: 'JMS14-24', category: '特殊教育', name: '登记残疾儿童少年义务教育入学率', nameEn: 'Compulsory-education enrolment of registered disabled children',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 97, wording: '达到97%以上' }],
    rollup: ratio('登记残疾儿童少年义务教育阶段在校生数', '登记残疾儿童少年义务教育适龄人数'),
    citation: cite(S.special, '到2025年,全市登记残疾儿童少年义务教育入学率达到97%以上'),
  },
  {
    code: 'JMS14-25', category: '特殊教育', name: '特殊教育资源中心全覆盖', nameEn: 'Special-education resource centres in every county',
    ...PER_UNIT_MILESTONE,
    targets: [{ year: 2025, op: '=', value: 1, wording: '特殊教育资源中心实现全覆盖' }],
    citation: cite(S.special, '特殊教育资源中心实现全覆盖'),
    note: '每个县(市)区填报本地是否已覆盖。 / Each district or county reports whether it is covered.',
  },
  {
    code: 'JMS14-26', category: '特殊教育', name: '特殊教育义务教育阶段教职工编制生师比', nameEn: 'Special-education staffing ratio (staff : pupils)',
    unit: '1:x', kind: 'ratio', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '<=', value: 3.1, wording: '3.1:1的生师比' }],
    rollup: ratio('特殊教育义务教育阶段在校生数', '特殊教育义务教育阶段教职工编制数', 1),
    citation: cite(S.special, '按照3.1:1的生师比确定从事特殊教育义务教育阶段教职工事业编制数额'),
    range: { min: 0, max: 50 },
    note: '原文写作“3.1:1”（学生:教职工），本产品比值统一写作1:x（1名教职工对x名学生），同一比值记为3.1；常设编制标准，按2025年记并自始适用。' +
      ' / The seed writes 3.1:1 (pupils to staff); the product writes ratios as 1:x, so x = 3.1. A standing staffing standard.',
  },
  {
    code: 'JMS14-27', category: '特殊教育', name: '特殊教育资源中心配备巡回指导教师', nameEn: 'Itinerant special-education teachers per resource centre',
    unit: '人', kind: 'rate', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 1, wording: '至少配备1-2名' }],
    rollup: ratio('特殊教育巡回指导教师数', '特殊教育资源中心数', 1),
    citation: cite(S.special, '特殊教育资源中心至少配备1-2名特殊教育巡回指导教师'),
    range: { min: 0, max: 20 },
    note: '每个资源中心平均人数；“至少…1-2名”以1名为下限（多配不算未达标），故记为≥1。 / Per centre; "at least 1-2" sets a floor of 1.',
  },
  {
    code: 'JMS14-28', category: '立德树人', name: '学生每天校内体育活动时间', nameEn: 'Daily in-school physical activity per pupil',
    unit: '小时', kind: 'rate', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 1, wording: '每天校内、校外各1个小时' }],
    rollup: { method: 'city' },
    citation: cite(S.moralProject, '全面落实学生每天校内、校外各1个小时体育活动时间和大课间体育活动制度'),
    range: { min: 0, max: 8 },
    note: '只记学校可填报的校内1小时；校外1小时由家庭落实，不设填报。常设要求，按2025年记并自始适用。' +
      ' / Only the in-school hour is reportable by schools; the out-of-school hour is left out.',
  },
  {
    code: 'JMS14-29', category: '立德树人', name: '设立五色教育主题研学基地或营地', nameEn: 'A "five colours" study-tour base or camp in the county',
    ...PER_UNIT_MILESTONE,
    targets: [{ year: 2025, op: '=', value: 1, wording: '每个县(市)区设立一个' }],
    citation: cite(S.moralProject, '每个县(市)区设立一个以五色教育为主题的研学基地或者营地'),
    note: '每个县(市)区填报本地是否已设立；原文未写年份，按规划期末2025年记。 / Each district or county answers for itself; no year, recorded for 2025.',
  },
  {
    code: 'JMS14-30', category: '学前教育', name: '常住居民600户以上村建有农村幼儿园比例', nameEn: 'Villages of 600+ households with a kindergarten',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '原则上常住居民600户以上的村要建1所农村幼儿园' }],
    rollup: ratio('建有农村幼儿园的常住居民600户以上村数', '常住居民600户以上村数'),
    citation: cite(S.basicProject, '原则上常住居民600户以上的村要建1所农村幼儿园'),
    note: '“要建1所”记为覆盖率100%；原文“原则上”且未写年份，按规划期末2025年记。 / Recorded as 100% coverage by 2025; the seed says "in principle" and gives no year.',
  },
  {
    code: 'JMS14-31', category: '职业教育', name: '“1+X”证书通过率', nameEn: '"1+X" certificate pass rate',
    unit: '%', kind: 'rate', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 70, wording: '稳定在70%' }],
    rollup: ratio('“1+X”证书考核通过人数', '“1+X”证书参加考核人数'),
    citation: cite(S.vocationalProject, '“l+X”证书通过率稳定在70%'),
    note: '原文误作“l+X”（小写字母l），名称改为“1+X”，引文照录；“稳定在”为保持水平。 / The seed misprints "1+X" as "l+X"; the citation keeps it.',
  },
  {
    code: 'JMS14-32', category: '职业教育', name: '中职学校教学条件基本达标', nameEn: 'Secondary vocational schools meet basic teaching-condition standards',
    unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: 2025, op: '=', value: 1, wording: '到2025年,实现中职学校教学条件基本达标' }],
    ...CITY,
    citation: cite(S.vocationalProject, '到2025年,实现中职学校教学条件基本达标'),
  },
  {
    code: 'JMS14-33', category: '教师队伍', name: '名校长工作室', nameEn: 'Master principal studios',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [{ year: 2025, op: '>=', value: 30, wording: '利用五年时间,建设30个' }],
    ...CITY, citation: STUDIOS_361, range: { min: 0, max: 500 },
    note: '“361”工程第1项，“利用五年时间”即至2025年。 / First of the "361" project; five years = by 2025.',
  },
  {
    code: 'JMS14-34', category: '教师队伍', name: '名班主任工作室', nameEn: 'Master homeroom-teacher studios',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [{ year: 2025, op: '>=', value: 60, wording: '60个名班主任工作室' }],
    ...CITY, citation: STUDIOS_361, range: { min: 0, max: 500 },
    note: '“361”工程第2项。 / Second of the "361" project.',
  },
  {
    code: 'JMS14-35', category: '教师队伍', name: '名师工作室', nameEn: 'Master teacher studios',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: BUILT_FROM_ZERO,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '100个名师工作室' }],
    ...CITY, citation: STUDIOS_361, range: { min: 0, max: 1000 },
    note: '“361”工程第3项。 / Third of the "361" project.',
  },
  {
    code: 'JMS14-36', category: '教师队伍', name: '教师年度校本培训学分（人均）', nameEn: 'School-based training credits per teacher in the year',
    unit: '学分', kind: 'flow', direction: 'higher', baseline: null,
    targets: [2021, 2022, 2023, 2024, 2025].map((year) => ({ year, op: '>=' as const, value: 24, wording: '每位教师每年校本培训不少于24学分' })),
    rollup: ratio('在职教师本年校本培训学分合计', '在职教师数', 1),
    citation: cite(S.teacherProject, '每位教师每年校本培训不少于24学分'),
    range: { min: 0, max: 200 },
    note: '每年重新累计；城市数为人均学分，“每位教师”不足24学分的人数请在情况说明中写明。 / Accumulates within each year; the figure is the average per teacher.',
  },
  {
    code: 'JMS14-37', category: '教师队伍', name: '在职教师参赛率', nameEn: 'Serving teachers who have taken part in teaching competitions',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2020, value: 0, wording: '“五年内”自2021年起累计，2020年末为0' },
    targets: [{ year: 2025, op: '>=', value: 100, wording: '五年内全市在职教师参赛率达100%' }],
    rollup: ratio('五年内参加过教学竞赛的在职教师数', '在职教师数'),
    citation: cite(S.teacherProject, '五年内全市在职教师参赛率达100%'),
  },
  {
    code: 'JMS14-38', category: '教师队伍', name: '教师考核优秀率', nameEn: 'Teachers rated excellent in appraisal',
    unit: '%', kind: 'rate', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 15, wording: '优秀率达到参加考核教师总数的15%' }],
    rollup: ratio('考核优秀教师数', '参加考核教师总数'),
    citation: cite(S.teacherProject, '建立健全教师考核办法,优秀率达到参加考核教师总数的15%'),
    note: '原文“达到”，按≥记；常设考核口径，按2025年记并自始适用。 / "达到" read as >=; a standing appraisal rule.',
  },
  {
    code: 'JMS14-39', category: '教师队伍', name: '教师考核待提高率', nameEn: 'Teachers rated "needs improvement" in appraisal',
    unit: '%', kind: 'rate', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '<=', value: 3, wording: '控制在参加考核教师总数的3%以内' }],
    rollup: ratio('考核待提高教师数', '参加考核教师总数'),
    citation: cite(S.teacherProject, '待提高率控制在参加考核教师总数的3%以内'),
    note: '常设上限，按2025年记并自始适用。 / A standing ceiling.',
  },
  {
    code: 'JMS14-40', category: '教师队伍', name: '中小学教师平均工资与当地公务员平均工资之比', nameEn: 'Teacher average pay relative to local civil servants',
    unit: '%', kind: 'rate', direction: 'hold', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '不低于或高于当地公务员平均工资收入水平' }],
    rollup: { method: 'city' },
    citation: cite(S.teacherProject, '确保中小学教师平均工资收入水平不低于或高于当地公务员平均工资收入水平'),
    range: { min: 0, max: 300 },
    note: '“不低于当地公务员”记为比值≥100%；各县(市)区与本地公务员相比，不汇总。 / Each unit compares with its own civil servants; not rolled up.',
  },
  {
    code: 'JMS14-41', category: '教育信息化', name: '农村学校学生建立个人网络学习空间比例', nameEn: 'Rural pupils with a personal online learning space',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 80, wording: '80%以上' }],
    rollup: ratio('建立个人网络学习空间的农村学校学生数', '农村学校学生数'),
    citation: ONLINE_SPACE,
  },
  {
    code: 'JMS14-42', category: '教育信息化', name: '城镇学校学生建立个人网络学习空间比例', nameEn: 'Urban pupils with a personal online learning space',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '100%' }],
    rollup: ratio('建立个人网络学习空间的城镇学校学生数', '城镇学校学生数'),
    citation: ONLINE_SPACE,
  },
  {
    code: 'JMS14-43', category: '学校安全', name: '中小学幼儿园安全防范建设全面达标', nameEn: 'School and kindergarten security provision fully up to standard',
    ...PER_UNIT_MILESTONE,
    targets: [{ year: 2022, op: '=', value: 1, wording: '确保2022年前实现全面达标' }],
    citation: cite(S.safetyProject, '加快推进所辖区域中小学幼儿园安全防范建设三年达标行动,有序推进校园人防、物防、技防建设,' +
      '提升校园安保工作运行质量,逐步构建系统、科学、智慧、高效的校园安全防范体系,确保2022年前实现全面达标'),
    note: '“所辖区域”即各县(市)区填报本地是否全面达标。 / Each district or county reports for its own area.',
  },
];

export const plan: PlanInput = {
  id: 'jiamusi-14th-fyp',
  title: '佳木斯市“十四五”教育事业发展规划',
  titleEn: 'Jiamusi 14th Five-Year Plan for Education (2021–2025)',
  issuer: '佳木斯市人民政府',
  city: '230800',
  span: { from: 2021, to: 2025 },
  source: SEED,
  version: 1,
  indicators,
};
