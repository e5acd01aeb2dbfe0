/**
 * Catalog of seed 004: 呼伦贝尔市推进教育高质量发展若干措施（送审稿） (Hulunbuir measures, 2025).
 *
 * How the seed is read (58 numbered measures under twenty headings, each heading closed by a 责任单位 line):
 *  - category is the measure's heading, e.g. "优化区域教育资源"; responsible is the heading's 责任单位 line, split on
 *    "、" (the last line also on "，", which it uses once between two units).
 *  - Span 2025–2027: the measures start in 2025 ("2025年开始") and their longest horizon is the three-year training
 *    period of the 四名 programme ("通过三年培养期") and the 三年行动计划 they refer to.
 *  - "每年…" amounts are annual flows with a target for each year 2025, 2026 and 2027.
 *  - A target without a year is dated to 2027, the end of the span; with no baseline it applies from the start.
 *  - A requirement every school (or every pupil) must meet ("各中小学校至少配备1名…", "让每位学生掌握1至2项…") is
 *    monitored as the share of schools (pupils) meeting it, target 100%, with the seed's wording; time and lesson
 *    quantities ("每天…不低于2小时", "每周不少于1课时") are monitored as the average, in the seed's unit.
 *  - Counts of things the measures create (工作室, 特色高中) start from 0 before 2025: that zero is definitional.
 *  - The seed names no issuer (送审稿, a draft for approval); the measures assign tasks to municipal departments and
 *    to the 旗市区 governments, which only the municipal government can do, so the issuer is 呼伦贝尔市人民政府.
 */
import type { Citation, IndicatorInput, PlanInput } from '../../core/schema';

type TargetInput = IndicatorInput['targets'][number];

const SEED = '004_0d76b15f74354ee4.txt';
const cite = (section: string, text: string): Citation => ({ file: SEED, section, text });

const FIRST_YEAR = 2025;
const LAST_YEAR = 2027;
const UNDATED = '措施未写明年份，按措施期末（2027年）计；无基线时自始适用 / no year in the seed: dated to 2027';
const DEFINITIONAL_ZERO = { year: 2024, value: 0, wording: '措施实施前（按本措施新建计数）' };

/** 责任单位 as the seed lists them after each heading: the line without its label, split on "、" (and once "，"). */
function responsibleOf(line: string): string[] {
  return line.replace(/^责任单位：/, '').replace(/。$/, '').split(/[、，]/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** The same target for every year of the span (an annual amount the seed states as 每年). */
function everyYear(target: Omit<TargetInput, 'year'>): TargetInput[] {
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  return years.map((year) => ({ ...target, year }));
}

/** A rate from summed numerator and denominator: percentages by default, scale 1 for averages and ratios. */
function pooled(numerator: string, denominator: string, scale = 100): IndicatorInput['rollup'] {
  return { method: 'ratio', numerator, denominator, scale };
}

const CITY = { rollup: { method: 'city' }, reportedBy: 'city' } as const;

// Headings (二级标题) and their 责任单位 lines, verbatim.
const H2 = '（二）加强思想政治教育';
const R2 = responsibleOf('责任单位：市教育局、市人社局、市委编办、市域内各高校、各旗市区人民政府。');
const H3 = '（三）提升以德化人成效';
const R3 = responsibleOf('责任单位：市教育局、市域内各高校、各旗市区人民政府。');
const H4 = '（四）优化区域教育资源';
const R4 = responsibleOf('责任单位：市教育局、市财政局、各旗市区人民政府。');
const H6 = '（六）提升职业教育办学能力';
const R6 = responsibleOf('责任单位：市教育局、市财政局、市域内各高校、各旗市区人民政府。');
const H8 = '（八）全面推广普及国家通用语言文字';
const R8 = responsibleOf('责任单位：市教育局、相关旗市区人民政府。');
const H11 = '（十一）提升学生体质健康水平';
const R11 = responsibleOf('责任单位：市教育局、各旗市区人民政府。');
const H12 = '（十二）推动传统特色运动进校园';
const R12 = responsibleOf('责任单位：市教育局、市财政局、市委编办、市人社局、市体育局、市域内各高校、各旗市区人民政府。');
const H13 = '（十三）强化学生心理健康教育';
const R13 = responsibleOf('责任单位：市教育局、市财政局、市卫健委、各旗市区人民政府。');
const H14 = '（十四）全面深化学校其他教育';
const R14 = responsibleOf('责任单位：市教育局、市科技局、市科协、呼伦贝尔军分区、各旗市区人民政府。');
const H16 = '（十六）深化教师正向激励机制。';
const R16 = responsibleOf('责任单位：市教育局、市财政局、市人社局、市民政局、市总工会、市工商联、红十字会、市卫健委、各旗市区人民政府。');
const H17 = '（十七）深入实施“四名”培养工程';
const R17 = responsibleOf('责任单位：市教育局、市财政局、各旗市区人民政府。');
const H19 = '（十九）加快教育数字化建设';
const R19 = responsibleOf('责任单位：市教育局、市工信局、市财政局、市发改委、市委网信办、各旗市区人民政府。');
const H20 = '（二十）加强平安校园建设';
const R20 = responsibleOf('责任单位：校园安全及学生群体安全委员会成员单位、市委政法委、市委编办、市财政局、市红十字会、市域内各高校，各旗市区人民政府。');

const heading = (h: string) => h.replace(/^（[一二三四五六七八九十]+）/, '').replace(/。$/, '');

const indicators: IndicatorInput[] = [
  // ——— （二）加强思想政治教育 ———
  {
    code: 'HLBE-01', category: heading(H2), name: '大中小学思政课一体化共同体', nameEn: 'Integrated ideology-course community (university to primary)',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 1, wording: '1个', note: UNDATED }],
    ...CITY, responsible: R2,
    citation: cite(H2, '加强高校牵头的1个大中小学思政课一体化共同体和4个一体化联盟建设'),
  },
  {
    code: 'HLBE-02', category: heading(H2), name: '大中小学思政课一体化联盟', nameEn: 'Integrated ideology-course alliances',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 4, wording: '4个一体化联盟', note: UNDATED }],
    ...CITY, responsible: R2,
    citation: cite(H2, '加强高校牵头的1个大中小学思政课一体化共同体和4个一体化联盟建设'),
  },
  // ——— （三）提升以德化人成效 ———
  {
    code: 'HLBE-03', category: heading(H3), name: '打造1-2个特色育人品牌的学校比例', nameEn: 'Schools with 1–2 distinctive moral-education brands',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '各学校要打造1-2个', note: UNDATED }],
    rollup: pooled('已打造1-2个特色育人品牌的学校数', '学校总数'), responsible: R3,
    citation: cite(H3, '6.各学校要打造1-2个具有一定影响力的特色育人品牌'),
  },
  // ——— （四）优化区域教育资源 ———
  {
    code: 'HLBE-04', category: heading(H4), name: '新创建自治区级示范幼儿园', nameEn: 'New regional model kindergartens',
    unit: '所', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: 'between', value: 2, max: 3, wording: '每年创建2-3所' }),
    rollup: { method: 'sum' }, responsible: R4,
    citation: cite(H4, '全市每年创建2-3所自治区级“示范幼儿园”、5-10所市级“示范幼儿园”'),
  },
  {
    code: 'HLBE-05', category: heading(H4), name: '新创建市级示范幼儿园', nameEn: 'New city model kindergartens',
    unit: '所', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: 'between', value: 5, max: 10, wording: '每年创建5-10所' }),
    rollup: { method: 'sum' }, responsible: R4,
    citation: cite(H4, '全市每年创建2-3所自治区级“示范幼儿园”、5-10所市级“示范幼儿园”'),
  },
  {
    code: 'HLBE-06', category: heading(H4), name: '集团化办学示范校保障经费（市本级）', nameEn: 'City funding for model group-run schools',
    unit: '万元', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: '>=', value: 100, wording: '每年安排100万元' }),
    ...CITY, responsible: R4,
    citation: cite(H4, '由市本级每年安排100万元保障经费'),
  },
  {
    code: 'HLBE-07', category: heading(H4), name: '以科学教育为特色的高中', nameEn: 'Science-themed high schools',
    unit: '所', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: LAST_YEAR, op: '>=', value: 1, wording: '至少1所', note: UNDATED }],
    rollup: { method: 'sum' }, responsible: R4,
    citation: cite(H4, '积极推进创建至少1所以科学教育为特色的高中'),
  },
  // ——— （六）提升职业教育办学能力 ———
  {
    code: 'HLBE-08', category: heading(H6), name: '专业课教师中“双师型”教师占比', nameEn: 'Dual-qualified vocational teachers',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 80, wording: '逐步提高到80%以上', note: UNDATED }],
    rollup: pooled('“双师型”专业课教师数', '专业课教师数'), responsible: R6,
    citation: cite(H6, '专业课教师中“双师型”教师占比逐步提高到80%以上'),
  },
  {
    code: 'HLBE-09', category: heading(H6), name: '职业院校开展职业培训', nameEn: 'Vocational training delivered by vocational schools',
    unit: '万人次', kind: 'flow', direction: 'higher', decimals: 2, baseline: null,
    targets: everyYear({ op: '>=', value: 1, wording: '每年1万人次以上' }),
    rollup: { method: 'sum' }, responsible: R6,
    citation: cite(H6, '依托职业院校每年统筹开展各类职业培训1万人次以上'),
  },
  {
    code: 'HLBE-10', category: heading(H6), name: '中等职业教育保障经费（市本级）', nameEn: 'City funding for secondary vocational education',
    unit: '万元', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: '>=', value: 150, wording: '每年安排150万元' }),
    ...CITY, responsible: R6,
    citation: cite(H6, '15.增加职业教育投入，市本级每年安排150万元经费，保障中等职业教育工作开展'),
  },
  {
    code: 'HLBE-11', category: heading(H6), name: '市域产教联合体', nameEn: 'City-wide industry–education consortium',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 1, wording: '高质量建设1个', note: UNDATED }],
    ...CITY, responsible: R6,
    citation: cite(H6, '16.高质量建设1个市域产教联合体和1个行业产教融合共同体'),
    note: '同条称“充分发挥冰雪市域产教联合体职能”，该联合体已存在。',
  },
  {
    code: 'HLBE-12', category: heading(H6), name: '行业产教融合共同体', nameEn: 'Sector industry–education community',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 1, wording: '1个', note: UNDATED }],
    ...CITY, responsible: R6,
    citation: cite(H6, '16.高质量建设1个市域产教联合体和1个行业产教融合共同体'),
  },
  // ——— （八）全面推广普及国家通用语言文字 ———
  {
    code: 'HLBE-13', category: heading(H8), name: '高考国家统编教材科目“一张试卷考试”全面落实', nameEn: 'Single national exam paper for former minority-language schools',
    unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: 2025, op: '=', value: 1, wording: '2025年开始全面落实' }],
    ...CITY, responsible: R8,
    citation: cite(H8, '20.2025年开始，全面落实原民族语言授课学校高考国家统编教材科目“一张试卷考试”工作'),
  },
  {
    code: 'HLBE-14', category: heading(H8), name: '义务教育阶段及高中一年级各学科国家通用语言文字教育教学全覆盖', nameEn: 'National common language in all subjects (compulsory and senior 1)',
    unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: 2025, op: '=', value: 1, wording: '2025年秋季学期实现全覆盖' }],
    ...CITY, responsible: R8,
    citation: cite(H8, '高质量推动2025年秋季学期义务教育阶段及高中一年级各学科实现国家通用语言文字教育教学全覆盖'),
  },
  // ——— （十一）提升学生体质健康水平 ———
  {
    code: 'HLBE-15', category: heading(H11), name: '义务教育学校每天开设体育课节数', nameEn: 'Daily PE lessons in compulsory schools',
    unit: '节', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 1, wording: '鼓励每天开设1节体育课', note: UNDATED }],
    rollup: pooled('义务教育学校每天体育课节数合计', '义务教育学校数', 1), responsible: R11,
    range: { min: 0, max: 4 },
    citation: cite(H11, '鼓励义务教育阶段学校每天开设1节体育课'),
    note: '措施为“鼓励”；汇总为每校平均每天体育课节数。',
  },
  {
    code: 'HLBE-16', category: heading(H11), name: '中小学生每天综合体育锻炼时间', nameEn: 'Daily physical activity per pupil',
    unit: '小时', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 2, wording: '不低于2小时', note: UNDATED }],
    rollup: pooled('抽样学生每天综合体育锻炼时长合计（小时）', '抽样学生数', 1), responsible: R11,
    range: { min: 0, max: 8 },
    citation: cite(H11, '保障中小学生每天综合体育锻炼时间不低于2小时'),
    note: '汇总为学生平均每天锻炼时长。',
  },
  {
    code: 'HLBE-17', category: heading(H11), name: '掌握1至2项运动技能的学生比例', nameEn: 'Pupils mastering 1–2 sports skills',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '让每位学生掌握1至2项运动技能', note: UNDATED }],
    rollup: pooled('掌握1至2项运动技能的学生数', '在校学生数'), responsible: R11,
    citation: cite(H11, '让每位学生掌握1至2项运动技能'),
  },
  // ——— （十二）推动传统特色运动进校园: 冰雪、曲棍球“百千万”工程 ———
  {
    code: 'HLBE-18', category: heading(H12), name: '培训冰雪运动体育教师', nameEn: 'Winter-sports PE teachers trained',
    unit: '人', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: '>=', value: 200, wording: '每年培训200名' }),
    rollup: { method: 'sum' }, responsible: R12,
    citation: cite(H12, '每年培训200名冰雪运动体育教师、注册2000名冰雪运动员、20万名在校（园）生参与冰雪运动'),
  },
  {
    code: 'HLBE-19', category: heading(H12), name: '注册冰雪运动员', nameEn: 'Registered winter-sports athletes',
    unit: '人', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: '>=', value: 2000, wording: '每年注册2000名' }),
    rollup: { method: 'sum' }, responsible: R12,
    citation: cite(H12, '每年培训200名冰雪运动体育教师、注册2000名冰雪运动员、20万名在校（园）生参与冰雪运动'),
  },
  {
    code: 'HLBE-20', category: heading(H12), name: '参与冰雪运动的在校（园）生', nameEn: 'Pupils taking part in winter sports',
    unit: '万人', kind: 'flow', direction: 'higher', decimals: 2, baseline: null,
    targets: everyYear({ op: '>=', value: 20, wording: '每年20万名' }),
    rollup: { method: 'sum' }, responsible: R12,
    citation: cite(H12, '每年培训200名冰雪运动体育教师、注册2000名冰雪运动员、20万名在校（园）生参与冰雪运动'),
  },
  {
    code: 'HLBE-21', category: heading(H12), name: '培训曲棍球运动体育教师', nameEn: 'Field-hockey PE teachers trained',
    unit: '人', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: '>=', value: 100, wording: '每年培训100名' }),
    rollup: { method: 'sum' }, responsible: R12,
    citation: cite(H12, '每年培训100名曲棍球运动体育教师、注册1000名曲棍球运动员、1万名在校（园）生经常性参与曲棍球运动'),
  },
  {
    code: 'HLBE-22', category: heading(H12), name: '注册曲棍球运动员', nameEn: 'Registered field-hockey athletes',
    unit: '人', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: '>=', value: 1000, wording: '每年注册1000名' }),
    rollup: { method: 'sum' }, responsible: R12,
    citation: cite(H12, '每年培训100名曲棍球运动体育教师、注册1000名曲棍球运动员、1万名在校（园）生经常性参与曲棍球运动'),
  },
  {
    code: 'HLBE-23', category: heading(H12), name: '经常性参与曲棍球运动的在校（园）生', nameEn: 'Pupils regularly playing field hockey',
    unit: '万人', kind: 'flow', direction: 'higher', decimals: 2, baseline: null,
    targets: everyYear({ op: '>=', value: 1, wording: '每年1万名' }),
    rollup: { method: 'sum' }, responsible: R12,
    citation: cite(H12, '每年培训100名曲棍球运动体育教师、注册1000名曲棍球运动员、1万名在校（园）生经常性参与曲棍球运动'),
  },
  // ——— （十三）强化学生心理健康教育 ———
  {
    code: 'HLBE-24', category: heading(H13), name: '配备专职心理教研员的旗市区心理辅导中心比例', nameEn: 'District counselling centres with a full-time psychology researcher',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '至少配备1名专职心理教研员', note: UNDATED }],
    rollup: pooled('配备专职心理教研员的心理辅导中心数', '心理辅导中心数'), responsible: R13,
    citation: cite(H13, '旗市区心理辅导中心至少配备1名专职心理教研员'),
  },
  {
    code: 'HLBE-25', category: heading(H13), name: '配备专职心理健康教师的中小学校比例', nameEn: 'Schools with a full-time mental-health teacher',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '各中小学校至少配备1名专职心理健康教师', note: UNDATED }],
    rollup: pooled('配备专职心理健康教师的中小学校数', '中小学校数'), responsible: R13,
    citation: cite(H13, '各中小学校至少配备1名专职心理健康教师'),
  },
  {
    code: 'HLBE-26', category: heading(H13), name: '规模较大学校专职心理健康教师师生比', nameEn: 'Pupils per mental-health teacher in large schools',
    unit: '1:x', kind: 'ratio', direction: 'lower', decimals: 0, baseline: null,
    targets: [{ year: LAST_YEAR, op: '<=', value: 1000, wording: '按照师生比1:1000比例配备', note: UNDATED }],
    rollup: pooled('规模较大学校在校生数', '规模较大学校专职心理健康教师数', 1), responsible: R13,
    range: { min: 1, max: 100000 },
    citation: cite(H13, '规模较大的学校要按照师生比1:1000比例配备专职心理健康教师'),
  },
  {
    code: 'HLBE-27', category: heading(H13), name: '学生心理健康工作经费（市级财政）', nameEn: 'City funding for pupil mental health',
    unit: '万元', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear({ op: '>=', value: 150, wording: '每年安排150万元' }),
    ...CITY, responsible: R13,
    citation: cite(H13, '市级财政每年安排150万元经费'),
  },
  // ——— （十四）全面深化学校其他教育 ———
  {
    code: 'HLBE-28', category: heading(H14), name: '学会1-2项艺术技能的学生比例', nameEn: 'Pupils with 1–2 arts skills',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '帮助每名学生学会1-2项艺术技能', note: UNDATED }],
    rollup: pooled('学会1-2项艺术技能的学生数', '在校学生数'), responsible: R14,
    citation: cite(H14, '帮助每名学生学会1-2项艺术技能'),
  },
  {
    code: 'HLBE-29', category: heading(H14), name: '劳动课每周课时', nameEn: 'Weekly labour-education lessons',
    unit: '课时', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 1, wording: '每周不少于1课时', note: UNDATED }],
    rollup: pooled('各校每周劳动课课时合计', '中小学校数', 1), responsible: R14,
    range: { min: 0, max: 10 },
    citation: cite(H14, '劳动课每周不少于1课时'),
    note: '汇总为每校平均每周劳动课课时。',
  },
  {
    code: 'HLBE-30', category: heading(H14), name: '设立科技辅导员的学校比例', nameEn: 'Schools with a science counsellor',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '至少设立1名科技辅导员', note: UNDATED }],
    rollup: pooled('设立科技辅导员的学校数', '学校总数'), responsible: R14,
    citation: cite(H14, '原则上至少设立1名科技辅导员、至少结对1所具有一定科普功能的机构'),
  },
  {
    code: 'HLBE-31', category: heading(H14), name: '结对科普机构的学校比例', nameEn: 'Schools paired with a science-outreach body',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '至少结对1所具有一定科普功能的机构', note: UNDATED }],
    rollup: pooled('结对科普机构的学校数', '学校总数'), responsible: R14,
    citation: cite(H14, '原则上至少设立1名科技辅导员、至少结对1所具有一定科普功能的机构'),
  },
  {
    code: 'HLBE-32', category: heading(H14), name: '高中生军训天数', nameEn: 'Military-training days for senior high pupils',
    unit: '天', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 14, wording: '高中生安排14天军训', note: UNDATED }],
    rollup: pooled('高中学校安排军训天数合计', '高中学校数', 1), responsible: R14,
    range: { min: 0, max: 60 },
    citation: cite(H14, '高中生安排14天军训'),
    note: '汇总为每校平均军训天数。同句“鼓励有条件的学校开展初中生7天军训”仅针对有条件的学校，未列为指标。',
  },
  // ——— （十六）深化教师正向激励机制 ———
  {
    code: 'HLBE-33', category: heading(H16), name: '中小学班主任津贴标准（每月）', nameEn: 'Monthly allowance for head teachers',
    unit: '元', kind: 'rate', direction: 'higher', decimals: 0,
    baseline: { year: 2024, value: 600, wording: '由每月600元' },
    targets: [{ year: 2025, op: '>=', value: 800, wording: '增长至每月800元' }],
    rollup: pooled('班主任津贴月发放总额（元）', '班主任人数', 1), responsible: R16,
    range: { min: 0, max: 5000 },
    citation: cite(H16, '44.呼伦贝尔市中小学班主任津贴标准由每月600元增长至每月800元'),
    note: '措施未写年份；津贴标准自措施实施（2025年）起执行，按2025年计。汇总为每名班主任平均月津贴。',
  },
  {
    code: 'HLBE-34', category: heading(H16), name: '教师年度免费健康体检覆盖率', nameEn: 'Teachers given the free annual health check',
    unit: '%', kind: 'flow', direction: 'higher', baseline: null,
    targets: everyYear({ op: '>=', value: 100, wording: '每年组织教师免费进行一次身体健康检查' }),
    rollup: pooled('本年已免费体检教师数', '在职教师数'), responsible: R16,
    citation: cite(H16, '每年组织教师免费进行一次身体健康检查'),
    note: '每年累计：年内逐月累计已体检教师占比，年末应达100%。',
  },
  // ——— （十七）深入实施“四名”培养工程 (three-year period) ———
  {
    code: 'HLBE-35', category: heading(H17), name: '名校长市级工作室', nameEn: 'City studios of master principals',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: LAST_YEAR, op: '>=', value: 6, wording: '三年培养期不少于6个' }],
    ...CITY, responsible: R17,
    citation: cite(H17, '共打造不少于6个名校长、12个名师、8个名班主任、4个名教研员市级工作室'),
  },
  {
    code: 'HLBE-36', category: heading(H17), name: '名师市级工作室', nameEn: 'City studios of master teachers',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: LAST_YEAR, op: '>=', value: 12, wording: '三年培养期不少于12个' }],
    ...CITY, responsible: R17,
    citation: cite(H17, '共打造不少于6个名校长、12个名师、8个名班主任、4个名教研员市级工作室'),
  },
  {
    code: 'HLBE-37', category: heading(H17), name: '名班主任市级工作室', nameEn: 'City studios of master class teachers',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: LAST_YEAR, op: '>=', value: 8, wording: '三年培养期不少于8个' }],
    ...CITY, responsible: R17,
    citation: cite(H17, '共打造不少于6个名校长、12个名师、8个名班主任、4个名教研员市级工作室'),
  },
  {
    code: 'HLBE-38', category: heading(H17), name: '名教研员市级工作室', nameEn: 'City studios of master teaching researchers',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: LAST_YEAR, op: '>=', value: 4, wording: '三年培养期不少于4个' }],
    ...CITY, responsible: R17,
    citation: cite(H17, '共打造不少于6个名校长、12个名师、8个名班主任、4个名教研员市级工作室'),
  },
  // ——— （十九）加快教育数字化建设 ———
  {
    code: 'HLBE-39', category: heading(H19), name: '中小学固定宽带万兆到旗市区', nameEn: '10 Gbps links to every banner/district',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '万兆到旗市区', note: UNDATED }],
    ...CITY, responsible: R19,
    citation: cite(H19, '加快实现中小学固定宽带网络万兆到旗市区、千兆到校、百兆到班'),
    note: '按已实现万兆接入的旗市区占比填报（市本级）。',
  },
  {
    code: 'HLBE-40', category: heading(H19), name: '固定宽带千兆到校的中小学比例', nameEn: 'Schools with 1 Gbps broadband',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '千兆到校', note: UNDATED }],
    rollup: pooled('固定宽带千兆接入的中小学校数', '中小学校数'), responsible: R19,
    citation: cite(H19, '加快实现中小学固定宽带网络万兆到旗市区、千兆到校、百兆到班'),
  },
  {
    code: 'HLBE-41', category: heading(H19), name: '固定宽带百兆到班的班级比例', nameEn: 'Classrooms with 100 Mbps broadband',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '百兆到班', note: UNDATED }],
    rollup: pooled('百兆接入的班级数', '班级总数'), responsible: R19,
    citation: cite(H19, '加快实现中小学固定宽带网络万兆到旗市区、千兆到校、百兆到班'),
  },
  {
    code: 'HLBE-42', category: heading(H19), name: '数字校园覆盖率', nameEn: 'Digital-campus coverage',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '到2025年末实现数字校园全覆盖' }],
    rollup: pooled('通过数字校园达标验收的学校数', '中小学校数'), responsible: R19,
    citation: cite(H19, '到2025年末实现数字校园全覆盖'),
  },
  // ——— （二十）加强平安校园建设: 校园安防“四个100%” ———
  {
    code: 'HLBE-43', category: heading(H20), name: '专职保安员配备率', nameEn: 'Schools staffed with full-time security guards',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '“四个100%”', note: UNDATED }],
    rollup: pooled('按要求配备专职保安员的学校数', '学校总数'), responsible: R20,
    citation: cite(H20, '实施“专职保安员配备率，校园封闭化管理，护学岗建设，一键式紧急报警、视频监控系统达标率”校园安防建设“四个100%”质量提升行动'),
  },
  {
    code: 'HLBE-44', category: heading(H20), name: '校园封闭化管理', nameEn: 'Schools under closed-campus management',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '“四个100%”', note: UNDATED }],
    rollup: pooled('实行封闭化管理的学校数', '学校总数'), responsible: R20,
    citation: cite(H20, '实施“专职保安员配备率，校园封闭化管理，护学岗建设，一键式紧急报警、视频监控系统达标率”校园安防建设“四个100%”质量提升行动'),
  },
  {
    code: 'HLBE-45', category: heading(H20), name: '护学岗建设', nameEn: 'Schools with a school-gate guard post',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '“四个100%”', note: UNDATED }],
    rollup: pooled('建成护学岗的学校数', '学校总数'), responsible: R20,
    citation: cite(H20, '实施“专职保安员配备率，校园封闭化管理，护学岗建设，一键式紧急报警、视频监控系统达标率”校园安防建设“四个100%”质量提升行动'),
  },
  {
    code: 'HLBE-46', category: heading(H20), name: '一键式紧急报警、视频监控系统达标率', nameEn: 'Schools with compliant alarm and CCTV systems',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: LAST_YEAR, op: '>=', value: 100, wording: '“四个100%”', note: UNDATED }],
    rollup: pooled('一键式紧急报警和视频监控系统达标的学校数', '学校总数'), responsible: R20,
    citation: cite(H20, '实施“专职保安员配备率，校园封闭化管理，护学岗建设，一键式紧急报警、视频监控系统达标率”校园安防建设“四个100%”质量提升行动'),
  },
];

export const plan: PlanInput = {
  id: 'hulunbuir-2025-measures',
  title: '呼伦贝尔市推进教育高质量发展若干措施（送审稿）',
  titleEn: 'Hulunbuir Measures to Promote High-Quality Education Development (draft, 2025)',
  issuer: '呼伦贝尔市人民政府',
  city: '150700',
  span: { from: FIRST_YEAR, to: LAST_YEAR },
  source: SEED,
  version: 1,
  indicators,
};
