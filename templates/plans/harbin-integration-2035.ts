/**
 * Catalog of seed 003: 哈爾濱教育整合實施方案 (Harbin education-integration plan, 2024–2035).
 *
 * How the seed is read (it is a plan text without an indicator table, written in traditional characters):
 *  - Targets come from 3.2 具體目標 (all dated 2025), 3.3 階段目標 (short 2024–2025, medium 2026–2028, long
 *    2029–2035; a stage target is dated to the stage's last year), and the dated figures of 4–9.
 *  - citation.text is the seed's own wording, verbatim (traditional characters and the file's garbled pinyin
 *    fragments included); name, category and target wording are given in simplified characters for the interface.
 *  - A target the seed states without a year is dated to the plan's end (2035), so that no deadline is invented
 *    earlier than the seed's; such targets say so in `note`. Annual amounts ("每年", "年節約") without stated
 *    years apply to every year of the plan.
 *  - Counts of things the plan creates (新增、建成、累計投入) start from 0 before the plan (baseline 2023, 0): that
 *    zero is definitional, not a figure from the seed.
 *  - Where the seed gives a baseline without a year, the year is 2023, the latest year of its situation analysis
 *    (the plan starts in 2024); the wording carries the seed's phrase.
 *  - 責任單位: the seed names none per measure; 1.2 puts the whole integration under 市教育局 ("由市教育局牽頭"),
 *    so every indicator lists 市教育局; the early-warning rule of 6.4 also names 市级教研团队.
 *  - Rates the seed sets for 縣域 (county) schools are entered by every district and county; the target is the
 *    seed's county target and the city figure pools all reporting units.
 *  - The issuer is not named in the seed (a template text); 市教育局 leads the integration per 1.2.
 */
import type { Citation, IndicatorInput, PlanInput } from '../../core/schema';

type TargetInput = IndicatorInput['targets'][number];

const SEED = '003_55db37f863060bcc.txt';
const cite = (section: string, text: string): Citation => ({ file: SEED, section, text });

const S32 = '3.2具體目標';
const S33 = '3.3階段目標';
const S43 = '4.3資源配置理論';
const S52 = '5.2資源整合機制';
const S53 = '5.3人才培養協同';
const S54 = '5.4信息化支撐體系';
const S61 = '6.1政策執行風險';
const S63 = '6.3資源調配風險';
const S64 = '6.4質量保障風險';
const S71 = '7.1人力資源配置';
const S72 = '7.2財力資源保障';
const S73 = '7.3物力資源建設';
const S74 = '7.4技術資源支撐';
const S81 = '8.1試點啟動階段(2024-2025年)';
const S82 = '8.2全面推進階段(2026-2028年)';
const S83 = '8.3鞏固提升階段(2029-2035年)';
const S91 = '9.1教育質量提升預期';
const S92 = '9.2資源優化配置預期';

/** 1.2: "將“教育整合”納入全市重點改革任務清單,由市教育局牽頭". */
const LEAD = ['市教育局'];
const PLAN_END = 2035;
const UNDATED = '方案未写明年份，按规划期末（2035年）计；无基线时自始适用 / no year in the seed: dated to the plan end (2035)';
const DEFINITIONAL_ZERO = { year: 2023, value: 0, wording: '方案实施前（自2024年起累计）' };

/** The same target for every year of a range (an annual amount the seed states as 每年/年). */
function everyYear(from: number, to: number, target: Omit<TargetInput, 'year'>): TargetInput[] {
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return years.map((year) => ({ ...target, year }));
}

/** A rate from summed numerator and denominator: percentages by default, scale 1 for averages and ratios. */
function pooled(numerator: string, denominator: string, scale = 100): IndicatorInput['rollup'] {
  return { method: 'ratio', numerator, denominator, scale };
}

const CITY = { rollup: { method: 'city' }, reportedBy: 'city' } as const;

const indicators: IndicatorInput[] = [
  // ——— 3.2 具體目標: 資源均衡 (2025) ———
  {
    code: 'HRBINT-01', category: '资源均衡', name: '主城区与县域生均教育经费差距', nameEn: 'Urban–county gap in per-student funding',
    unit: '%', kind: 'rate', direction: 'lower',
    baseline: { year: 2022, value: 35, wording: '差距达35%' },
    targets: [
      { year: 2024, op: '<=', value: 15, wording: '与主城区差距缩小至15%以内', citation: cite(S72, '2024年縣域?qū)W校生均經(jīng)費將提升至1.8萬元/年,與主城區(qū)差距縮小至15%以內(nèi)') },
      { year: 2025, op: '<=', value: 15, wording: '从当前的35%缩小至15%以内' },
    ],
    ...CITY, responsible: LEAD,
    citation: cite(S32, '到2025年,主城區(qū)與縣域生均教育經(jīng)費差距從當前的35%縮小至15%以內(nèi)'),
    note: '基线见1.1：主城区生均2.3万元/年、县域1.5万元/年，差距达35%（2022年）。7.2所述2024年县域1.8万元/年相对主城区2.3万元仍差约22%，与同句“差距缩小至15%以内”不能互相印证，按原文分别记录。',
  },
  {
    code: 'HRBINT-02', category: '资源均衡', name: '县域学校“班班通”设备覆盖率', nameEn: 'County schools with classroom multimedia (班班通)',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 65, wording: '县域农村学校这一比例仅为65%' },
    targets: [{ year: 2025, op: '>=', value: 100, wording: '达到100%' }],
    rollup: pooled('已实现“班班通”的班级数', '班级总数'), responsible: LEAD,
    citation: cite(S32, '縣域?qū)W?!鞍喟嗤ā痹O備覆蓋率達到100%'),
    note: '基线见2.1（未写年份，按2023年计）。3.3短期目标（2024-2025年）要求完成县域学校“班班通”设备升级改造，7.3在2024-2026年工程中重申覆盖率100%。',
  },
  {
    code: 'HRBINT-03', category: '资源均衡', name: '音体美等学科教师缺口', nameEn: 'Shortfall of music, PE and art teachers',
    unit: '人', kind: 'stock', direction: 'lower', decimals: 0,
    baseline: { year: 2023, value: 2300, wording: '音体美等学科教师缺口达2300人' },
    targets: [{ year: 2025, op: '<=', value: 500, wording: '减少至500人以下' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S32, '音體美等學科教師缺口減少至500人以下'),
    note: '基线见1.3（未写年份，按2023年计）；9.2同样写“从2300人降至500人以下”。',
  },
  {
    code: 'HRBINT-04', category: '资源均衡', name: '农村学校师生比', nameEn: 'Rural pupil–teacher ratio',
    unit: '1:x', kind: 'ratio', direction: 'lower',
    baseline: { year: 2023, value: 15, wording: '师生比从农村1:15' },
    targets: [{ year: 2025, op: '<=', value: 12, wording: '提升至1:12以上' }],
    rollup: pooled('农村学校在校生数', '农村学校专任教师数', 1), responsible: LEAD,
    range: { min: 1, max: 100 },
    citation: cite(S32, '農(nóng)村學校師生比提升至1:12以上'),
    note: '“1:12以上”指每名教师对应学生不超过12人，按学生数记为12，越低越好。基线取自9.2“师生比从农村1:15优化至1:12”。',
  },
  {
    code: 'HRBINT-05', category: '资源均衡', name: '优质教育资源县域覆盖率', nameEn: 'County coverage of high-quality resources',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 80, wording: '达到80%' }],
    rollup: pooled('享有省级以上示范校、特色课程等优质资源覆盖的学校数', '学校总数'), responsible: LEAD,
    citation: cite(S32, '優(yōu)質(zhì)教育資源(如省級以上示范校、特色課程)縣域覆蓋率達到80%'),
    note: '1.2引述《哈尔滨市教育事业发展“十四五”规划》同为2025年覆盖率提升至80%，数值一致。',
  },
  // ——— 3.2 具體目標: 質量提升 (2025) ———
  {
    code: 'HRBINT-06', category: '质量提升', name: '县域普通高考一本率', nameEn: 'County first-tier university admission rate',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 38.2, wording: '较2023年的38.2%' },
    targets: [
      {
        year: 2025, op: 'change', value: 15, wording: '较2023年提升15个百分点', governs: true,
        note: '以3.2为准：3.2是方案设定的具体目标，9.1是“预期效果”中的预计值，二者不一致（基线38.2%加15个百分点为53.2%，9.1写53%、增长14.8个百分点）。',
      },
      {
        year: 2025, op: '>=', value: 53, wording: '预计提升至53%', governs: false,
        note: '不作为考核依据：9.1预期效果称提升至53%（增长14.8个百分点），与3.2具体目标“提升15个百分点”不一致，以3.2为准。',
        citation: cite(S91, '縣域普通高考一本率預計提升至53%,較2023年的38.2%增長14.8個百分點'),
      },
    ],
    rollup: pooled('一本上线人数', '普通高考考生数'), responsible: LEAD,
    citation: cite(S32, '縣域普通高考一本率較2023年提升15個百分點'),
    note: '基线采用9.1“较2023年的38.2%”；但1.1称38.2%为2023年全市高考一本上线率，并称县域普通高中普遍低于30%（“縣域普通高中普遍低于30%”），县域实际基线可能更低。',
  },
  {
    code: 'HRBINT-07', category: '质量提升', name: '中考平均分与主城区差距', nameEn: 'County–urban gap in mean zhongkao score',
    unit: '分', kind: 'stock', direction: 'lower',
    baseline: { year: 2023, value: 76, wording: '差距达76分' },
    targets: [{ year: 2025, op: '<=', value: 30, wording: '缩小至30分以内' }],
    ...CITY, responsible: LEAD,
    range: { min: -630, max: 630 },
    citation: cite(S32, '中考平均分與主城區(qū)差距縮小至30分以內(nèi)'),
    note: '基线见2.2：2023年主城区公办学校平均分568分、县域492分（满分630分）；9.1同为“从76分缩小至30分以内”。',
  },
  {
    code: 'HRBINT-08', category: '质量提升', name: '县域学生体质健康优良率', nameEn: 'County students rated good/excellent in fitness',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 45, wording: '县域仅为45%' },
    targets: [
      { year: 2025, op: '>=', value: 55, wording: '县域达到55%' },
      { year: 2035, op: '>=', value: 65, wording: '达到65%', citation: cite(S83, '學生體質(zhì)健康優(yōu)良率達到65%') },
    ],
    rollup: pooled('体质健康测试优良学生数', '体质健康测试学生数'), responsible: LEAD,
    citation: cite(S32, '學生體質(zhì)健康優(yōu)良率縣域達到55%'),
    note: '基线见2.2（未写年份，按2023年计）；9.1同为“从45%升至55%”。',
  },
  {
    code: 'HRBINT-09', category: '质量提升', name: '县域学校STEM教育覆盖率', nameEn: 'County schools offering STEM education',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 30, wording: '县域学校不足30%' },
    targets: [
      { year: 2025, op: '>=', value: 70, wording: '达到70%' },
      { year: 2035, op: '>=', value: 90, wording: '达到90%', citation: cite(S83, '縣域?qū)W校STEM教育覆蓋率達到90%') },
    ],
    rollup: pooled('开展STEM教育的学校数', '学校总数'), responsible: LEAD,
    citation: cite(S32, 'STEM教育縣域?qū)W校覆蓋率達到70%'),
    note: '基线见2.2“不足30%”（未写年份，按2023年计）；9.1写“从30%提升至70%”。',
  },
  {
    code: 'HRBINT-10', category: '质量提升', name: '薄弱学校校本课程开设数量', nameEn: 'School-based courses per weak school',
    unit: '门', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 8, wording: '不少于8门' }],
    rollup: pooled('薄弱学校开设校本课程门数合计', '薄弱学校数', 1), responsible: LEAD,
    range: { min: 0, max: 100 },
    citation: cite(S32, '薄弱學校校本課程開設數(shù)量不少于8門'),
    note: '目标针对每所薄弱学校；汇总为每校平均门数，平均达标不代表每校达标。2.2举例某农村初中仅开设3门，非全市基线。',
  },
  // ——— 3.2 具體目標: 機制優化 ———
  {
    code: 'HRBINT-11', category: '机制优化', name: '教师年均跨区域流动比例', nameEn: 'Teachers moving across districts per year',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 2, wording: '从2023年的不足2%' },
    targets: [
      { year: 2025, op: '>=', value: 5, wording: '不低于5%' },
      { year: 2028, op: '>=', value: 8, wording: '不低于8%', citation: cite(S82, '實現(xiàn)教師年均跨區(qū)域流動比例不低于8%') },
    ],
    rollup: pooled('近12个月跨区域流动教师数', '专任教师数'), responsible: LEAD,
    citation: cite(S32, '實現(xiàn)教師年均跨區(qū)域流動比例不低于5%'),
    note: '基线见9.2“从2023年的不足2%提升至8%”（9.2未写年份，与8.2的2028年目标一致）。8.1对试点区域同为2024-2025年不低于5%。',
  },
  // ——— 3.2 具體目標: 產教融合 (2025) ———
  {
    code: 'HRBINT-12', category: '产教融合', name: '中职学校专业设置与支柱产业匹配度', nameEn: 'Vocational programmes matched to pillar industries',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 90, wording: '达到90%以上' }],
    ...CITY, responsible: LEAD,
    citation: cite(S32, '中職學校專業(yè)設置與哈爾濱支柱產(chǎn)業(yè)匹配度達到90%以上'),
  },
  {
    code: 'HRBINT-13', category: '产教融合', name: '校企合作深度参与课程开发的比例', nameEn: 'Enterprises co-developing curricula',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 20, wording: '企业参与课程开发、师资建设的比例不足20%' },
    targets: [
      { year: 2025, op: '>=', value: 50, wording: '提升至50%' },
      { year: 2028, op: '>=', value: 50, wording: '企业参与课程开发比例达到50%', citation: cite(S33, '企業(yè)參與課程開發(fā)比例達到50%') },
    ],
    ...CITY, responsible: LEAD,
    citation: cite(S32, '校企合作深度參與課程開發(fā)的比例提升至50%'),
    note: '3.2定为2025年达到50%，3.3将同一50%列入中期目标（2026-2028年），数值相同，按两年分别记录。基线见2.4（未写年份，按2023年计）。',
  },
  {
    code: 'HRBINT-14', category: '产教融合', name: '中职学校实训设备更新周期', nameEn: 'Vocational training-equipment renewal cycle',
    unit: '年', kind: 'stock', direction: 'lower',
    baseline: { year: 2023, value: 5, wording: '2023年全市中职学校实训设备更新周期为5年' },
    targets: [{ year: 2025, op: '<=', value: 3, wording: '缩短至3年' }],
    ...CITY, responsible: LEAD,
    range: { min: 0, max: 20 },
    citation: cite(S32, '實訓設備更新周期縮短至3年'),
    note: '5.3所举哈尔滨职业技术学院航空维修专业缩短至2年为单一专业示例，不作为全市目标。',
  },
  {
    code: 'HRBINT-15', category: '产教融合', name: '职业教育毕业生本地就业率', nameEn: 'Vocational graduates employed locally',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 85, wording: '达到85%' }],
    ...CITY, responsible: LEAD,
    citation: cite(S32, '職業(yè)教育畢業(yè)生本地就業(yè)率達到85%'),
    note: '5.3“毕业生留哈就业率提升至90%”为单一专业示例，不作为全市目标。',
  },
  // ——— 3.3 階段目標: 短期 (2024–2025) ———
  {
    code: 'HRBINT-16', category: '信息化支撑', name: '农村学校宽带带宽', nameEn: 'Rural school broadband bandwidth',
    unit: 'Mbps', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: { year: 2023, value: 50, wording: '农村学校宽带平均带宽为50Mbps' },
    targets: [
      { year: 2025, op: '>=', value: 200, wording: '城乡网络带宽统一标准（200Mbps）' },
      {
        year: PLAN_END, op: '>=', value: 500, wording: '从50Mbps提升至500Mbps', note: UNDATED,
        citation: cite(S54, '農(nóng)村學校寬帶帶寬從50Mbps提升至500Mbps'),
      },
    ],
    rollup: pooled('农村学校宽带带宽合计（Mbps）', '农村学校数', 1), responsible: LEAD,
    range: { min: 0, max: 10000 },
    citation: cite(S33, '完成縣域?qū)W?!鞍喟嗤ā痹O備升級改造,實現(xiàn)城鄉(xiāng)網(wǎng)絡帶寬統(tǒng)一標準(200Mbps)'),
    note: '汇总为每校平均带宽；8.1对试点区域同为200Mbps。',
  },
  {
    code: 'HRBINT-17', category: '资源均衡', name: '建立省级名师工作站的县域高中', nameEn: 'County high schools with a provincial master-teacher station',
    unit: '所', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2025, op: '>=', value: 10, wording: '在10所县域高中建立省级名师工作站' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S33, '啟動“名師工作室”縣域延伸工程,在10所縣域高中建立省級名師工作站'),
    note: '8.1（2024-2025年）同为10所。',
  },
  {
    code: 'HRBINT-18', category: '产教融合', name: '“职教园区”整合中职学校数', nameEn: 'Vocational schools merged into the vocational park',
    unit: '所', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2025, op: '>=', value: 3, wording: '整合3所中职学校资源' }],
    ...CITY, responsible: LEAD,
    citation: cite(S33, '試點“職教園區(qū)”建設,整合3所中職學校資源'),
    note: '8.1写明在双城区建设“智能制造职教园区”，同为整合3所中职学校。',
  },
  // ——— 3.3 階段目標: 中期 (2026–2028) ———
  {
    code: 'HRBINT-19', category: '机制优化', name: '推广整合模式的区县比例', nameEn: 'Districts/counties adopting the integration model',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2028, op: '>=', value: 80, wording: '推广至全市80%的区县' }],
    ...CITY, responsible: LEAD,
    citation: cite(S33, '將試點經(jīng)驗推廣至全市80%的區(qū)縣'),
  },
  {
    code: 'HRBINT-20', category: '资源均衡', name: '纳入教育集团管理的义务教育学校比例', nameEn: 'Compulsory schools in education groups',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2028, op: '>=', value: 100, wording: '教育集团覆盖所有义务教育学校' }],
    rollup: pooled('纳入教育集团管理的义务教育学校数', '义务教育学校数'), responsible: LEAD,
    citation: cite(S33, '實現(xiàn)教育集團覆蓋所有義務教育學校'),
    note: '8.2“教育集团全覆盖，所有义务教育学校纳入教育集团管理”。',
  },
  {
    code: 'HRBINT-21', category: '信息化支撑', name: '市级优质数字课程县域学校覆盖率', nameEn: 'County schools reached by city digital courses',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2028, op: '>=', value: 100, wording: '市级优质数字课程覆盖所有县域学校' }],
    rollup: pooled('可顺畅访问市级优质数字课程的县域学校数', '县域学校数'), responsible: LEAD,
    citation: cite(S82, '市級優(yōu)質(zhì)數(shù)字課程覆蓋所有縣域?qū)W校'),
    note: '3.3中期目标要求建立“市域教育资源共享平台”、实现县域学校顺畅访问。2.5所述“仅覆盖城区学校的70%”为城区学校数据，不作县域基线。',
  },
  {
    code: 'HRBINT-22', category: '机制优化', name: '“因素分配法”全覆盖', nameEn: 'Factor-based funding allocation fully in place',
    unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: 2028, op: '=', value: 1, wording: '实现“因素分配法”全覆盖' }],
    ...CITY, responsible: LEAD,
    citation: cite(S33, '實現(xiàn)“因素分配法”全覆蓋,薄弱學校經(jīng)費年均增長不低于10%'),
    note: '8.2同为全面推进阶段（2026-2028年）“全面实行因素分配法”。',
  },
  {
    code: 'HRBINT-23', category: '机制优化', name: '薄弱学校经费年均增长率', nameEn: 'Annual funding growth of weak schools',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2028, op: '>=', value: 10, wording: '年均增长不低于10%' }],
    rollup: pooled('薄弱学校本年经费较上年增加额', '薄弱学校上年经费'), responsible: LEAD,
    range: { min: -100, max: 200 },
    citation: cite(S33, '改革教育經(jīng)費分配機制,實現(xiàn)“因素分配法”全覆蓋,薄弱學校經(jīng)費年均增長不低于10%'),
    note: '8.2、9.2同为年均增长10%。',
  },
  {
    code: 'HRBINT-24', category: '产教融合', name: '市级产教融合联盟', nameEn: 'City industry–education alliances',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2028, op: '>=', value: 5, wording: '建成5个' }],
    ...CITY, responsible: LEAD,
    citation: cite(S33, '建成5個市級產(chǎn)教融合聯(lián)盟'),
  },
  // ——— 3.3 階段目標: 長期 (2029–2035) ———
  {
    code: 'HRBINT-25', category: '质量提升', name: '县域教育综合指数（相当于主城区的比例）', nameEn: 'County education index relative to the urban core',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2035, op: '>=', value: 90, wording: '达到主城区90%以上' }],
    ...CITY, responsible: LEAD,
    range: { min: 0, max: 200 },
    citation: cite(S33, '實現(xiàn)全域教育質(zhì)量均衡,縣域教育綜合指數(shù)達到主城區(qū)90%以上'),
    note: '8.3同为“县域教育综合指数达到主城区90%以上”。',
  },
  {
    code: 'HRBINT-26', category: '终身教育', name: '建成覆盖城乡的15分钟学习圈', nameEn: '15-minute learning circle across town and country',
    unit: '是/否', kind: 'milestone', direction: 'higher', decimals: 0, baseline: null,
    targets: [{ year: 2035, op: '=', value: 1, wording: '建成覆盖城乡的15分钟学习圈' }],
    ...CITY, responsible: LEAD,
    citation: cite(S33, '構(gòu)建“終身教育體系”,整合成人教育、社區(qū)教育資源,建成覆蓋城鄉(xiāng)的15分鐘學習圈'),
  },
  {
    code: 'HRBINT-27', category: '产教融合', name: '高校科技成果本地转化率', nameEn: 'University research commercialised locally',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 25, wording: '从2023年的25%' },
    targets: [
      {
        year: 2030, op: '>=', value: 50, wording: '提升至2030年的50%',
        note: '5.3写2030年达到50%，3.3、8.3写长期目标（2029-2035年）达到40%：年份不同、并不互斥（2030年达到50%即满足2035年不低于40%），两者均按原文保留为有效目标；2030年后期望值由50%过渡到2035年的40%下限，达到或高于期望即为正常。',
        citation: cite(S53, '科技成果本地轉(zhuǎn)化率從2023年的25%提升至2030年的50%'),
      },
      {
        year: 2035, op: '>=', value: 40, wording: '达到40%',
        note: '3.3与8.3两处一致为40%；低于5.3所写2030年的50%，见2030年目标说明。',
      },
    ],
    ...CITY, responsible: LEAD,
    citation: cite(S33, '教育服務產(chǎn)業(yè)發(fā)展能力顯著增強,職業(yè)教育成為哈爾濱“工業(yè)強市”的重要支撐,高校科技成果本地轉(zhuǎn)化率達到40%'),
  },
  // ——— 4.3 資源配置理論 ———
  {
    code: 'HRBINT-28', category: '财力资源保障', name: '教育整合专项基金规模', nameEn: 'Education-integration special fund',
    unit: '亿元', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2025, op: '>=', value: 10, wording: '2024-2025年基金规模不低于10亿元' }],
    ...CITY, responsible: LEAD,
    citation: cite(S43, '2024-2025年基金規(guī)模不低于10億元'),
    note: '6.3同为“设立10亿元整合专项基金，其中市级财政承担60%，区县配套30%，社会资金10%”。',
  },
  {
    code: 'HRBINT-29', category: '物力资源建设', name: '薄弱学校改造提升工程投入（累计）', nameEn: 'Investment in upgrading weak schools (cumulative)',
    unit: '亿元', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 20, wording: '2024-2026年投入20亿元' }],
    ...CITY, responsible: LEAD,
    citation: cite(S43, '2024-2026年投入20億元,重點改善農(nóng)村學校教學設施'),
    note: '7.3同为2024-2026年投入20亿元。',
  },
  // ——— 5.2 資源整合機制 ———
  {
    code: 'HRBINT-30', category: '机制优化', name: '教师编制周转池调剂编制数', nameEn: 'Teaching posts reallocated through the staffing pool',
    unit: '个', kind: 'flow', direction: 'higher', decimals: 0,
    baseline: { year: 2022, value: 50, wording: '2022年全市仅调剂编制50个' },
    targets: [
      {
        year: 2024, op: '>=', value: 200, wording: '2024年首批调剂200个编制', governs: true,
        note: '以200个为准：5.2资源整合机制与8.1试点启动阶段两处一致写200个，6.3风险评估写300个，两处一致且属实施安排的表述优先。',
      },
      {
        year: 2024, op: '>=', value: 300, wording: '首批调剂300个编制', governs: false,
        note: '不作为考核依据：6.3写“首批调剂300个编制”，与5.2、8.1两处“200个”不一致，以200个为准。',
        citation: cite(S63, '首批調(diào)劑300個編制'),
      },
    ],
    ...CITY, responsible: LEAD,
    citation: cite(S52, '2024年首批調(diào)劑200個編制,重點補充音體美教師'),
  },
  {
    code: 'HRBINT-31', category: '物力资源建设', name: '设备共享年节约设备采购成本', nameEn: 'Annual purchase savings from equipment sharing',
    unit: '亿元', kind: 'flow', direction: 'higher', decimals: 2, baseline: null,
    targets: [
      ...everyYear(2024, PLAN_END, {
        op: '>=', value: 1.2, wording: '年节约设备采购成本1.2亿元', governs: true,
        note: '以1.2亿元为准：5.2与9.2两处一致写年节约1.2亿元，7.3在举例中写8000万元。',
      }),
      ...everyYear(2024, PLAN_END, {
        op: '>=', value: 0.8, wording: '节约设备采购成本8000万元', governs: false,
        note: '不作为考核依据：7.3举例写8000万元，与5.2、9.2两处的1.2亿元不一致，以1.2亿元为准。',
        citation: cite(S73, '每年預計可共享實驗課時5000節(jié),節(jié)約設備采購成本8000萬元'),
      }),
    ],
    ...CITY, responsible: LEAD,
    citation: cite(S52, '預計年節(jié)約設備采購成本1.2億元'),
    note: '每年的目标，方案未写起止年份，按规划期2024-2035年逐年适用。9.2：“年节约设备采购成本1.2亿元”。',
  },
  {
    code: 'HRBINT-32', category: '资源均衡', name: '“哈三中教育集团”县域分校', nameEn: 'County branches of the Harbin No. 3 Middle School group',
    unit: '所', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{
      year: 2025, op: '>=', value: 3, wording: '覆盖1所主校区、3所县域分校',
      citation: cite(S81, '組建“哈三中教育集團”覆蓋1所主校區(qū)、3所縣域分校'),
    }],
    ...CITY, responsible: LEAD,
    citation: cite(S52, '如“哈三中教育集團”覆蓋1所主校區(qū)、3所縣域分校'),
    note: '5.2未写年份；8.1将组建列入试点启动阶段（2024-2025年），按2025年计。',
  },
  // ——— 5.3 人才培養協同 ———
  {
    code: 'HRBINT-33', category: '人才培养协同', name: '开设“职业认知课”的初中比例', nameEn: 'Junior secondary schools teaching career awareness',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2024, op: '>=', value: 100, wording: '2024年在全市初中开设' }],
    rollup: pooled('开设“职业认知课”的初中学校数', '初中学校数'), responsible: LEAD,
    citation: cite(S53, '2024年在全市初中開設“職業(yè)認知課”'),
  },
  // ——— 5.4 信息化支撐體系 ———
  {
    code: 'HRBINT-34', category: '信息化支撑', name: '完成数据接入“智慧教育大脑”的学校比例', nameEn: 'Schools connected to the smart-education data hub',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2024, op: '>=', value: 100, wording: '2024年完成所有学校数据接入' }],
    rollup: pooled('完成数据接入的学校数', '学校总数'), responsible: LEAD,
    citation: cite(S54, '2024年完成所有學校數(shù)據(jù)接入'),
    note: '7.4同为2024年完成所有学校数据接入。',
  },
  {
    code: 'HRBINT-35', category: '信息化支撑', name: '城区学校宽带带宽', nameEn: 'Urban school broadband bandwidth',
    unit: 'Mbps', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: { year: 2023, value: 200, wording: '城区为200Mbps' },
    targets: [{ year: PLAN_END, op: '>=', value: 1000, wording: '城区学校达到1000Mbps', note: UNDATED }],
    rollup: pooled('城区学校宽带带宽合计（Mbps）', '城区学校数', 1), responsible: LEAD,
    range: { min: 0, max: 10000 },
    citation: cite(S54, '城區(qū)學校達到1000Mbps'),
    note: '汇总为每校平均带宽。',
  },
  {
    code: 'HRBINT-36', category: '信息化支撑', name: '学校5G网络覆盖率', nameEn: 'Schools covered by 5G',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '2025年实现全市学校5G网络全覆盖' }],
    rollup: pooled('5G网络覆盖的学校数', '学校总数'), responsible: LEAD,
    citation: cite(S54, '2025年實現(xiàn)全市學校5G網(wǎng)絡全覆蓋'),
  },
  {
    code: 'HRBINT-37', category: '信息化支撑', name: '农村学校设备升级完成率', nameEn: 'Rural schools with upgraded devices',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2024, op: '>=', value: 80, wording: '2024年完成80%农村学校设备升级' }],
    rollup: pooled('完成设备升级的农村学校数', '农村学校数'), responsible: LEAD,
    citation: cite(S54, '2024年完成80%農(nóng)村學校設備升級'),
  },
  {
    code: 'HRBINT-38', category: '信息化支撑', name: '设备故障修复时间', nameEn: 'Device repair time',
    unit: '小时', kind: 'rate', direction: 'lower', baseline: null,
    targets: [{ year: PLAN_END, op: '<=', value: 24, wording: '不超过24小时', note: UNDATED }],
    rollup: pooled('设备故障修复总时长（小时）', '设备故障次数', 1), responsible: LEAD,
    range: { min: 0, max: 720 },
    citation: cite(S54, '故障修復時間不超過24小時'),
    note: '汇总为平均每次故障修复时长。',
  },
  {
    code: 'HRBINT-39', category: '信息化支撑', name: '县域适配数字课程开发数', nameEn: 'Digital courses adapted for county schools',
    unit: '门', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: PLAN_END, op: '>=', value: 200, wording: '开发200门县域适配课程', note: UNDATED }],
    ...CITY, responsible: LEAD,
    citation: cite(S54, '開發(fā)200門縣域適配課程'),
    note: '7.4同为开发200门县域适配课程，均未写年份。',
  },
  // ——— 6 風險評估 ———
  {
    code: 'HRBINT-40', category: '质量保障', name: '整合成效在区县绩效考核中的权重', nameEn: 'Weight of integration results in district appraisal',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: PLAN_END, op: '>=', value: 20, wording: '权重不低于20%', note: UNDATED }],
    ...CITY, responsible: LEAD,
    citation: cite(S61, '將整合成效納入?yún)^(qū)縣政府和教育部門績效考核,權(quán)重不低于20%'),
  },
  {
    code: 'HRBINT-41', category: '质量保障', name: '学科质量监测平均分', nameEn: 'Subject quality-monitoring mean score',
    unit: '分', kind: 'rate', direction: 'higher', baseline: null,
    targets: [],
    rollup: pooled('参测学生成绩总分', '参测学生数', 1),
    responsible: [...LEAD, '市级教研团队'],
    range: { min: 0, max: 750 },
    consecutiveRule: { rounds: 3, below: 20, relativeTo: 'cityAverage' },
    citation: cite(S64, '例如縣域?qū)W校某學科連續(xù)3次監(jiān)測成績低于城區(qū)平均分20分,自動觸發(fā)市級教研團隊介入幫扶'),
    note: '方案未给出监测成绩的目标值，只规定预警线：连续3次监测成绩低于平均分20分即触发市级教研团队介入。各单位按最近一次监测填报；8.2要求每季度发布质量监测报告。方案所指为城区平均分，系统以全市汇总平均分比较。',
  },
  // ——— 7.1 人力資源配置 ———
  {
    code: 'HRBINT-42', category: '人力资源配置', name: '新增专任教师（累计）', nameEn: 'New full-time teachers (cumulative)',
    unit: '人', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2025, op: '>=', value: 5000, wording: '到2025年需新增专任教师5000人' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S71, '到2025年需新增專任教師5000人'),
    note: '其中县域学校音体美教师缺口2300人、职业教育“双师型”教师缺口1500人、基础教育阶段信息化教学指导教师1200人（7.1）。',
  },
  {
    code: 'HRBINT-43', category: '人力资源配置', name: '定向培养本土化教师（累计）', nameEn: 'Locally trained teachers (cumulative)',
    unit: '人', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 2000, wording: '2024-2026年累计培养2000名' }],
    ...CITY, responsible: LEAD,
    citation: cite(S71, '2024-2026年累計培養(yǎng)2000名本土化教師'),
  },
  {
    code: 'HRBINT-44', category: '人力资源配置', name: '引进高层次人才（累计）', nameEn: 'High-level education talent recruited (cumulative)',
    unit: '人', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: PLAN_END, op: '>=', value: 300, wording: '计划引进300名高层次人才', note: UNDATED }],
    ...CITY, responsible: LEAD,
    citation: cite(S71, '計劃引進300名高層次人才'),
  },
  {
    code: 'HRBINT-45', category: '人力资源配置', name: '45岁以上教师占比', nameEn: 'Teachers aged over 45',
    unit: '%', kind: 'rate', direction: 'lower',
    baseline: { year: 2023, value: 41, wording: '从41%' },
    targets: [{ year: PLAN_END, op: '<=', value: 35, wording: '降至35%以下', note: UNDATED }],
    rollup: pooled('45岁以上专任教师数', '专任教师数'), responsible: LEAD,
    citation: cite(S71, '45歲以上教師占比從41%降至35%以下'),
    note: '1.3同为“45岁以上占比41%”。',
  },
  {
    code: 'HRBINT-46', category: '人力资源配置', name: '30岁以下教师占比', nameEn: 'Teachers aged under 30',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 19, wording: '30岁以下仅19%' },
    targets: [{ year: PLAN_END, op: '>=', value: 25, wording: '提升至25%', note: UNDATED }],
    rollup: pooled('30岁以下专任教师数', '专任教师数'), responsible: LEAD,
    citation: cite(S71, '30歲以下教師占比提升至25%'),
    note: '基线见1.3。',
  },
  {
    code: 'HRBINT-47', category: '人力资源配置', name: '硕士以上学历教师占比', nameEn: "Teachers with a master's degree or higher",
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 20, wording: '从20%' },
    targets: [{ year: PLAN_END, op: '>=', value: 35, wording: '提升至35%', note: UNDATED }],
    rollup: pooled('硕士以上学历专任教师数', '专任教师数'), responsible: LEAD,
    citation: cite(S71, '碩士以上學歷教師占比從20%提升至35%'),
    note: '1.3另给出主城区28%、县域12%（分区域数据，与全市20%不矛盾）。',
  },
  {
    code: 'HRBINT-48', category: '人力资源配置', name: '教师能力提升培训经费（累计）', nameEn: 'Teacher-training funding (cumulative)',
    unit: '亿元', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 3, wording: '2024-2026年累计投入培训经费3亿元' }],
    ...CITY, responsible: LEAD,
    citation: cite(S71, '2024-2026年累計投入培訓經(jīng)費3億元'),
  },
  {
    code: 'HRBINT-49', category: '人力资源配置', name: '教师信息技术应用能力培训覆盖率', nameEn: 'Teachers trained in ICT use',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2026, op: '>=', value: 100, wording: '培训覆盖率达100%' }],
    rollup: pooled('参加信息技术应用能力培训的教师数', '专任教师数'), responsible: LEAD,
    citation: cite(S71, '其中教師信息技術(shù)應用能力培訓覆蓋率達100%'),
    note: '属“教师能力提升三年计划”（2024-2026年），按2026年计。',
  },
  {
    code: 'HRBINT-50', category: '人力资源配置', name: '县域教师年均培训时长', nameEn: 'Annual training hours per county teacher',
    unit: '小时', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 28, wording: '县域教师仅为28小时' },
    targets: [{
      year: 2025, op: '>=', value: 56, wording: '从28小时增至56小时',
      citation: cite(S91, '縣域教師年均培訓時長從28小時增至56小時'),
    }],
    rollup: pooled('县域教师近12个月培训总时长（小时）', '县域专任教师数', 1), responsible: LEAD,
    range: { min: 0, max: 500 },
    citation: cite(S71, '縣域教師年均培訓時長從28小時提升至56小時'),
    note: '7.1未写年份；9.1在“到2025年”的预期中写同一目标，按2025年计。基线见2.2（主城区56小时、县域28小时）。',
  },
  // ——— 7.2 財力資源保障 ———
  {
    code: 'HRBINT-51', category: '财力资源保障', name: '教育整合总投入（累计）', nameEn: 'Total integration investment (cumulative)',
    unit: '亿元', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 85, wording: '2024-2026年教育整合总投入需85亿元' }],
    ...CITY, responsible: LEAD,
    citation: cite(S72, '預計2024-2026年教育整合總投入需85億元'),
  },
  {
    code: 'HRBINT-52', category: '财力资源保障', name: '市级财政投入（累计）', nameEn: 'City budget contribution (cumulative)',
    unit: '亿元', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 51, wording: '市级财政承担51亿元（占比60%）' }],
    ...CITY, responsible: LEAD,
    citation: cite(S72, '其中市級財政承擔51億元(占比60%)'),
  },
  {
    code: 'HRBINT-53', category: '财力资源保障', name: '区县配套投入（累计）', nameEn: 'District/county matching funds (cumulative)',
    unit: '亿元', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 25.5, wording: '区县配套25.5亿元（占比30%）' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S72, '區(qū)縣配套25.5億元(占比30%)'),
  },
  {
    code: 'HRBINT-54', category: '财力资源保障', name: '社会力量投入（累计）', nameEn: 'Contributions from society (cumulative)',
    unit: '亿元', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 8.5, wording: '社会力量投入8.5亿元（占比10%）' }],
    ...CITY, responsible: LEAD,
    citation: cite(S72, '社會力量投入8.5億元(占比10%)'),
  },
  {
    code: 'HRBINT-55', category: '财力资源保障', name: '发行教育整合专项债券', nameEn: 'Education-integration bonds issued',
    unit: '亿元', kind: 'flow', direction: 'higher', decimals: 2, baseline: null,
    targets: [{ year: 2024, op: '>=', value: 20, wording: '2024年发行专项债券20亿元' }],
    ...CITY, responsible: LEAD,
    citation: cite(S72, '2024年發(fā)行專項債券20億元'),
  },
  {
    code: 'HRBINT-56', category: '财力资源保障', name: '县域学校生均经费', nameEn: 'Per-student funding in county schools',
    unit: '万元', kind: 'rate', direction: 'higher', decimals: 2,
    baseline: { year: 2022, value: 1.5, wording: '县域（五常、双城、巴彦等）仅为1.5万元/年' },
    targets: [{ year: 2024, op: '>=', value: 1.8, wording: '2024年提升至1.8万元/年' }],
    rollup: pooled('县域学校教育经费（万元）', '县域学校在校生数', 1), responsible: LEAD,
    range: { min: 0, max: 10 },
    citation: cite(S72, '2024年縣域?qū)W校生均經(jīng)費將提升至1.8萬元/年'),
    note: '基线见1.1。按1.1主城区2.3万元/年计，1.8万元仍差约22%，与同句“差距缩小至15%以内”不符，见HRBINT-01。',
  },
  // ——— 7.3 物力資源建設 (2024–2026) ———
  {
    code: 'HRBINT-57', category: '物力资源建设', name: '改造农村义务教育学校（累计）', nameEn: 'Rural compulsory schools upgraded (cumulative)',
    unit: '所', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 100, wording: '重点改造100所农村义务教育学校' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S73, '重點改造100所農(nóng)村義務教育學校'),
  },
  {
    code: 'HRBINT-58', category: '物力资源建设', name: '新增实验室（累计）', nameEn: 'New laboratories (cumulative)',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 120, wording: '新增实验室120个' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S73, '新增實驗室120個、圖書館50個、運動場地30萬平方米'),
  },
  {
    code: 'HRBINT-59', category: '物力资源建设', name: '新增图书馆（累计）', nameEn: 'New libraries (cumulative)',
    unit: '个', kind: 'stock', direction: 'higher', decimals: 0,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 50, wording: '图书馆50个' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S73, '新增實驗室120個、圖書館50個、運動場地30萬平方米'),
  },
  {
    code: 'HRBINT-60', category: '物力资源建设', name: '新增运动场地面积（累计）', nameEn: 'New sports grounds (cumulative)',
    unit: '万平方米', kind: 'stock', direction: 'higher', decimals: 2,
    baseline: DEFINITIONAL_ZERO,
    targets: [{ year: 2026, op: '>=', value: 30, wording: '运动场地30万平方米' }],
    rollup: { method: 'sum' }, responsible: LEAD,
    citation: cite(S73, '新增實驗室120個、圖書館50個、運動場地30萬平方米'),
  },
  {
    code: 'HRBINT-61', category: '物力资源建设', name: '县域学校学生电脑拥有比', nameEn: 'County pupils per computer',
    unit: '1:x', kind: 'ratio', direction: 'lower',
    baseline: { year: 2023, value: 8, wording: '农村学校学生电脑拥有比为1:8' },
    targets: [{ year: 2026, op: '<=', value: 6, wording: '提升至1:6' }],
    rollup: pooled('县域学校在校生数', '县域学校学生用计算机台数', 1), responsible: LEAD,
    range: { min: 1, max: 100 },
    citation: cite(S73, '學生電腦擁有比提升至1:6'),
    note: '基线见2.5（农村学校1:8）。7.3称1:6“达到城区水平”，而2.5写城区为1:5，按原文记录1:6。',
  },
  {
    code: 'HRBINT-62', category: '物力资源建设', name: '共享实验课时', nameEn: 'Shared laboratory lessons per year',
    unit: '节', kind: 'flow', direction: 'higher', decimals: 0, baseline: null,
    targets: everyYear(2024, PLAN_END, { op: '>=', value: 5000, wording: '每年预计可共享实验课时5000节' }),
    ...CITY, responsible: LEAD,
    citation: cite(S73, '每年預計可共享實驗課時5000節(jié)'),
    note: '每年的目标，方案未写起止年份，按规划期2024-2035年逐年适用。',
  },
  {
    code: 'HRBINT-63', category: '物力资源建设', name: '智慧校园覆盖率', nameEn: 'Smart-campus coverage',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 90, wording: '2025年全市智慧校园覆盖率达90%' }],
    rollup: pooled('建成智慧校园的学校数', '学校总数'), responsible: LEAD,
    citation: cite(S73, '2025年全市智慧校園覆蓋率達90%'),
  },
  {
    code: 'HRBINT-64', category: '物力资源建设', name: '设备闲置率', nameEn: 'Idle equipment share',
    unit: '%', kind: 'rate', direction: 'lower',
    baseline: { year: 2023, value: 35, wording: '设备闲置率从35%' },
    targets: [{ year: 2025, op: '<=', value: 15, wording: '降至15%以下' }],
    rollup: pooled('闲置设备数', '设备总数'), responsible: LEAD,
    citation: cite(S73, '2025年全市智慧校園覆蓋率達90%,設備閑置率從35%降至15%以下'),
    note: '基线35%见6.4（县域学校设备闲置率达35%）、7.3、9.2；2.1另写“30%的设备因维护不足处于闲置状态”（县域农村学校“班班通”设备），与35%不一致，以三处一致的35%为基线。',
  },
  // ——— 7.4 技術資源支撐 ———
  {
    code: 'HRBINT-65', category: '信息化支撑', name: '师生网络安全知识普及率', nameEn: 'Cyber-safety education coverage',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: 2025, op: '>=', value: 100, wording: '2025年师生网络安全知识普及率达100%' }],
    rollup: pooled('接受网络安全知识教育的师生数', '师生总数'), responsible: LEAD,
    citation: cite(S74, '2025年師生網(wǎng)絡安全知識普及率達100%'),
  },
  // ——— 8.2 全面推進階段 ———
  {
    code: 'HRBINT-66', category: '产教融合', name: '与本地企业建立深度合作关系的中职学校比例', nameEn: 'Vocational schools in deep enterprise partnerships',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 30, wording: '仅30%与企业建立深度合作关系' },
    targets: [{ year: 2028, op: '>=', value: 100, wording: '所有中职学校与本地企业建立深度合作关系' }],
    ...CITY, responsible: LEAD,
    citation: cite(S82, '三是產(chǎn)教融合全覆蓋,所有中職學校與本地企業(yè)建立深度合作關(guān)系'),
    note: '基线见2.4（未写年份，按2023年计）。',
  },
  // ——— 8.3 鞏固提升階段 ———
  {
    code: 'HRBINT-67', category: '人力资源配置', name: '县域教师硕士以上学历占比', nameEn: "County teachers with a master's degree or higher",
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 12, wording: '县域仅为12%' },
    targets: [{ year: 2035, op: '>=', value: 30, wording: '提升至30%' }],
    rollup: pooled('县域硕士以上学历专任教师数', '县域专任教师数'), responsible: LEAD,
    citation: cite(S83, '縣域教師碩士以上學歷占比提升至30%'),
    note: '基线见1.3。',
  },
  // ——— 9 預期效果 ———
  {
    code: 'HRBINT-68', category: '质量提升', name: '县域学校音体美专职教师占比', nameEn: 'County music/PE/art teachers who are specialists',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 50, wording: '从50%' },
    targets: [{ year: 2025, op: '>=', value: 85, wording: '提升至85%' }],
    rollup: pooled('县域学校音体美专职教师数', '县域学校音体美教师数'), responsible: LEAD,
    citation: cite(S91, '縣域?qū)W校專職教師占比從50%提升至85%'),
    note: '9.1属“到2025年”的预期。2.2写县域学校音乐、美术教师专职化率“不足50%”。',
  },
  {
    code: 'HRBINT-69', category: '质量提升', name: '县域学生近视率', nameEn: 'Myopia rate of county pupils',
    unit: '%', kind: 'rate', direction: 'lower', baseline: null,
    targets: [{ year: 2025, op: 'change', value: -5, wording: '近视率下降5个百分点' }],
    rollup: pooled('近视学生数', '视力筛查学生数'), responsible: LEAD,
    citation: cite(S91, '近視率下降5個百分點'),
    note: '方案未给出近视率基线，无法据此计算进度；补入2023年基线后方可按“下降5个百分点”评价（需提升目录版本）。',
  },
  {
    code: 'HRBINT-70', category: '物力资源建设', name: '实验室、图书馆等资源利用率', nameEn: 'Utilisation of laboratories and libraries',
    unit: '%', kind: 'rate', direction: 'higher',
    baseline: { year: 2023, value: 65, wording: '从65%' },
    targets: [{ year: PLAN_END, op: '>=', value: 90, wording: '从65%增至90%', note: UNDATED }],
    rollup: pooled('实验室、图书馆实际使用课时', '实验室、图书馆可用课时'), responsible: LEAD,
    citation: cite(S92, '實驗室、圖書館等資源利用率從65%增至90%'),
  },
];

export const plan: PlanInput = {
  id: 'harbin-integration-2035',
  title: '哈尔滨教育整合实施方案',
  titleEn: 'Harbin Education Integration Implementation Plan (2024–2035)',
  issuer: '哈尔滨市教育局',
  city: '230100',
  span: { from: 2024, to: 2035 },
  source: SEED,
  version: 1,
  indicators,
};
