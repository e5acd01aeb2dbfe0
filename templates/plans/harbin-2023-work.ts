/**
 * 哈尔滨市2023年教育工作会议 (seed 001_d46118f7129ddb40.txt, a newspaper report of the conference) as a catalog.
 *
 * Every target is for 2023. Things the bureau will do in the year (新增/新建/创建/遴选/培训/交流…) are annual
 * flows that accumulate month by month; levels to be reached (特色高中达45所) are stocks; “完成…/成立…/全覆盖”
 * are yes/no milestones due in December 2023. The report names no 责任单位, so `responsible` is empty throughout.
 *
 * Roll-up: what districts and counties do (new kindergartens, school networks, teacher rotation, rural training)
 * is summed; what the city bureau selects, designates or runs (市级书香校园, 名师工作室, 中高职贯通, 专网接入)
 * is entered by the city bureau.
 */
import type { IndicatorInput, PlanInput } from '../../core/schema';

const SEED = '001_d46118f7129ddb40.txt';
const YEAR = 2023;

const S1 = '1 新增公办园 和普惠性民办园50所';
const S2 = '2 新建居住小区 配套学校和幼儿园8所';
const S3 = '3 义务教育优质均衡发展 高中教育多样化特色化发展';
const S4 = '4 深化职普融通改革 新增20个专业办学点';
const S5 = '5 加强大中小学思政课一体化 创建40所绿色学校';
const S6 = '6 体美劳开课率100% 建立体育活动家庭作业制度';
const S7 = '7 探索建立“医校结合”长效机制 配齐卫生专业技术人员';
const S8 = '8 优化教师队伍结构 师德师风与职称评定“硬挂钩”';
const S9 = '9 全面落实“双减” 严厉查处学科类隐形变异培训行为';

function cite(section: string, text: string) {
  return { file: SEED, section, text };
}

const SUM = { method: 'sum' as const };
const CITY = { method: 'city' as const };

type Common = Pick<IndicatorInput, 'code' | 'category' | 'name' | 'nameEn' | 'citation'> & { note?: string };

/** An annual count for 2023 ("新增…50所"): accumulates within the year. */
function flow(c: Common, unit: string, value: number, wording: string, byCity: boolean): IndicatorInput {
  return {
    ...c, unit, kind: 'flow', direction: 'higher', baseline: null,
    targets: [{ year: YEAR, op: '>=', value, wording }],
    rollup: byCity ? CITY : SUM, ...(byCity ? { reportedBy: 'city' as const } : {}),
    decimals: 0, range: { min: 0 },
  };
}

/** A level to reach in 2023 ("全市特色高中学校达45所"). */
function stock(c: Common, unit: string, value: number, wording: string, byCity: boolean): IndicatorInput {
  return { ...flow(c, unit, value, wording, byCity), kind: 'stock' };
}

/** A yes/no milestone due in 2023 ("完成…任务", "成立…", "…全覆盖"). */
function milestone(c: Common, wording: string, byCity: boolean): IndicatorInput {
  return {
    ...c, unit: '是/否', kind: 'milestone', direction: 'higher', baseline: null,
    targets: [{ year: YEAR, op: '=', value: 1, wording }],
    rollup: CITY, ...(byCity ? { reportedBy: 'city' as const } : {}), decimals: 0,
  };
}

const indicators: IndicatorInput[] = [
  flow({
    code: 'HRB23-01', category: '学前教育', name: '新增公办园和普惠性民办园', nameEn: 'New public and inclusive private kindergartens',
    citation: cite(S1, '增加学前普惠性资源供给，新增公办园和普惠性民办园50所'),
    note: '导语、小标题与正文三处均为50所，一致。',
  }, '所', 50, '50所', false),
  flow({
    code: 'HRB23-02', category: '学校基础设施条件', name: '新建居住小区配套学校和幼儿园', nameEn: 'New schools and kindergartens in residential estates',
    citation: cite(S2, '保障学位供给，新建居住小区配套学校和幼儿园8所'),
  }, '所', 8, '8所', false),
  flow({
    code: 'HRB23-03', category: '学校基础设施条件', name: '接入市级教育专网的区', nameEn: 'Districts connected to the city education network',
    citation: cite(S2, '6个区接入市级专网'),
    note: '专网由市教育局建设，接入情况由市本级填报。',
  }, '个', 6, '6个区', true),
  flow({
    code: 'HRB23-04', category: '学校基础设施条件', name: '实现无线网络全覆盖的中小学校', nameEn: 'Schools with full wireless coverage',
    citation: cite(S2, '252所中小学校实现无线网络全覆盖'),
  }, '所', 252, '252所', false),
  flow({
    code: 'HRB23-05', category: '学校基础设施条件', name: '新增优质数字资源课', nameEn: 'New high-quality digital lessons',
    citation: cite(S2, '新增优质数字资源课2000节'),
    note: '数字资源汇集于市级教育云平台，由市本级填报。',
  }, '节', 2000, '2000节', true),
  milestone({
    code: 'HRB23-06', category: '学校基础设施条件', name: '完成高考标准化考点升级建设任务', nameEn: 'Gaokao standard exam sites upgraded',
    citation: cite(S2, '完成高考标准化考点升级建设任务'),
  }, '完成', true),
  {
    code: 'HRB23-07', category: '义务教育优质均衡发展', name: '全市优质均衡创建工作整体达标率', nameEn: 'Overall compliance in the high-quality balance drive',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: YEAR, op: '>=', value: 77, wording: '达到77%' }],
    rollup: CITY, reportedBy: 'city',
    citation: cite(S3, '全市优质均衡创建工作整体达标率达到77%'),
    note: '原文未说明达标率的分子分母，且为“全市整体”口径，由市本级填报。',
  },
  stock({
    code: 'HRB23-08', category: '高中教育多样化特色化发展', name: '全市特色高中学校', nameEn: 'Distinctive senior high schools',
    citation: cite(S3, '全市特色高中学校达45所'),
    note: '全市存量（“达45所”），含市属高中，由市本级填报。',
  }, '所', 45, '达45所', true),
  stock({
    code: 'HRB23-09', category: '职业教育', name: '开展中高职贯通培养的中职学校', nameEn: 'Secondary vocational schools in through-training with colleges',
    citation: cite(S4, '指导30所中职学校、60个专业与高职院校进行中高职贯通培养'),
    note: '原文“30所中职学校、60个专业”一句含两个目标，此为学校数；专业数见 HRB23-10。',
  }, '所', 30, '30所', true),
  stock({
    code: 'HRB23-10', category: '职业教育', name: '开展中高职贯通培养的专业', nameEn: 'Programmes in secondary-higher vocational through-training',
    citation: cite(S4, '指导30所中职学校、60个专业与高职院校进行中高职贯通培养'),
    note: '原文“30所中职学校、60个专业”一句含两个目标，此为专业数；学校数见 HRB23-09。',
  }, '个', 60, '60个', true),
  flow({
    code: 'HRB23-11', category: '职业教育', name: '筹建产教融合共同体', nameEn: 'Industry-education communities set up',
    citation: cite(S4, '筹建对俄经贸、冰雪体育两个产教融合共同体'),
  }, '个', 2, '两个', true),
  stock({
    code: 'HRB23-12', category: '职业教育', name: '省首批产业学院建设（培育）项目', nameEn: 'Provincial first-batch industry-college projects',
    citation: cite(S4, '推进哈职院、哈二职等6个省首批产业学院建设(培育)项目'),
  }, '个', 6, '6个', true),
  flow({
    code: 'HRB23-13', category: '职业教育', name: '新增专业办学点', nameEn: 'New vocational programme sites',
    citation: cite(S4, '新增20个专业办学点'),
  }, '个', 20, '20个', true),
  stock({
    code: 'HRB23-14', category: '深化职普融通改革', name: '职教资源面向中小学生开放的中职学校', nameEn: 'Vocational schools opening resources to pupils',
    citation: cite(S4, '哈一职等5所中职学校职教资源面向中小学生开放'),
  }, '所', 5, '5所', true),
  milestone({
    code: 'HRB23-15', category: '终身教育', name: '成立哈尔滨终身教育学会', nameEn: 'Harbin Lifelong Education Society founded',
    citation: cite(S4, '成立哈尔滨终身教育学会'),
  }, '成立', true),
  flow({
    code: 'HRB23-16', category: '立德树人', name: '创建绿色学校', nameEn: 'Green schools created',
    citation: cite(S5, '开展中小学校绿色学校创建行动，创建40所绿色学校'),
  }, '所', 40, '40所', false),
  flow({
    code: 'HRB23-17', category: '立德树人', name: '市级“书香校园”', nameEn: 'City “reading campus” schools selected',
    citation: cite(S5, '遴选市级“书香校园”10所'),
  }, '所', 10, '10所', true),
  flow({
    code: 'HRB23-18', category: '立德树人', name: '“书香班级”', nameEn: '“Reading classes” selected',
    citation: cite(S5, '“书香班级”50个'),
  }, '个', 50, '50个', true),
  flow({
    code: 'HRB23-19', category: '立德树人', name: '“学生读书标兵”', nameEn: 'Student reading champions selected',
    citation: cite(S5, '“学生读书标兵”100名'),
  }, '人', 100, '100名', true),
  flow({
    code: 'HRB23-20', category: '心理健康', name: '市级心理健康教育示范校', nameEn: 'City model schools for mental-health education',
    citation: cite(S5, '创建市级心理健康教育示范校10所'),
  }, '所', 10, '10所', true),
  {
    code: 'HRB23-21', category: '体美劳', name: '体育、美育、劳动课程开课率', nameEn: 'PE, arts and labour classes delivered',
    unit: '%', kind: 'rate', direction: 'higher', baseline: null,
    targets: [{ year: YEAR, op: '>=', value: 100, wording: '开课率达到100%' }],
    rollup: { method: 'ratio', numerator: '体育、美育、劳动课程实际开设课时数', denominator: '体育、美育、劳动课程规定课时数', scale: 100 },
    citation: cite(S6, '开齐开足上好体育、美育、劳动课程，开课率达到100%'),
    note: '导语（“开课率达到100%”）、小标题（“体美劳开课率100%”）与正文一致。',
  },
  milestone({
    code: 'HRB23-22', category: '体美劳', name: '教研员入校诊断指导全覆盖', nameEn: 'Teaching researchers visit every school',
    citation: cite(S6, '教研员入校诊断指导全覆盖'),
    note: '各区、县（市）各自报告是否实现本地全覆盖。',
  }, '全覆盖', false),
  flow({
    code: 'HRB23-23', category: '体美劳', name: '新建校园足球场地', nameEn: 'New school football pitches',
    citation: cite(S6, '新建7块校园足球场地'),
  }, '块', 7, '7块', false),
  {
    code: 'HRB23-24', category: '学校卫生和健康教育', name: '全市学生近视率', nameEn: 'Student myopia rate',
    unit: '%', kind: 'rate', direction: 'lower', baseline: null,
    targets: [{ year: YEAR, op: 'change', value: -1, wording: '下降一个百分点' }],
    rollup: { method: 'ratio', numerator: '近视学生数', denominator: '视力筛查学生数', scale: 100 },
    citation: cite(S7, '全市学生近视率下降一个百分点'),
    note: '目标相对上年（2022年）近视率而言，原文未给出基线值；录入2022年基线前，该指标没有可比较的目标值。',
  },
  flow({
    code: 'HRB23-25', category: '学校卫生和健康教育', name: '首批市级健康学校', nameEn: 'First city-level health-promoting schools',
    citation: cite(S7, '遴选建设首批市级健康学校60所'),
  }, '所', 60, '60所', true),
  flow({
    code: 'HRB23-26', category: '教师队伍', name: '交流义务教育学校校长', nameEn: 'Compulsory-school principals rotated',
    citation: cite(S8, '至少交流义务教育学校校长80人、教师1000人'),
    note: '“至少”：不少于80人。同句教师交流见 HRB23-27。',
  }, '人', 80, '至少80人', false),
  flow({
    code: 'HRB23-27', category: '教师队伍', name: '交流义务教育学校教师', nameEn: 'Compulsory-school teachers rotated',
    citation: cite(S8, '至少交流义务教育学校校长80人、教师1000人'),
    note: '“至少”：不少于1000人。同句校长交流见 HRB23-26。',
  }, '人', 1000, '至少1000人', false),
  flow({
    code: 'HRB23-28', category: '教师队伍', name: '培养选树“四有”好老师（好校长）', nameEn: '“Four-haves” good teachers (principals) recognised',
    citation: cite(S8, '培养选树“四有”好老师(好校长)1700名'),
  }, '人', 1700, '1700名', true),
  flow({
    code: 'HRB23-29', category: '教师队伍', name: '市级优秀教师（教育工作者）', nameEn: 'City outstanding teachers (educators)',
    citation: cite(S8, '评选市级优秀教师(教育工作者)300名'),
  }, '人', 300, '300名', true),
  flow({
    code: 'HRB23-30', category: '教师队伍', name: '市级先进集体', nameEn: 'City advanced collectives',
    citation: cite(S8, '评选市级优秀教师(教育工作者)300名、先进集体135个'),
  }, '个', 135, '135个', true),
  flow({
    code: 'HRB23-31', category: '教师队伍', name: '培训农村教师', nameEn: 'Rural teacher training attendances',
    citation: cite(S8, '培训农村教师10000人次'),
  }, '人次', 10000, '10000人次', false),
  flow({
    code: 'HRB23-32', category: '教师队伍', name: '遴选认定名师名校长', nameEn: 'Renowned teachers and principals certified',
    citation: cite(S8, '遴选认定名师名校长4700人'),
  }, '人', 4700, '4700人', true),
  flow({
    code: 'HRB23-33', category: '教师队伍', name: '增建名师工作室', nameEn: 'New master-teacher studios',
    citation: cite(S8, '增建名师工作室20个'),
  }, '个', 20, '20个', true),
  milestone({
    code: 'HRB23-34', category: '“双减”', name: '全面完成非学科类校外培训机构分类管理', nameEn: 'Non-academic tutoring providers classified',
    citation: cite(S9, '全面完成非学科类校外培训机构分类管理'),
    note: '校外培训机构由各区、县（市）监管，各自报告是否完成。',
  }, '全面完成', false),
];

export const plan: PlanInput = {
  id: 'harbin-2023-work',
  title: '哈尔滨市2023年教育工作会议',
  titleEn: 'Harbin 2023 Education Work Conference targets',
  issuer: '哈尔滨市教育局',
  city: '230100',
  span: { from: 2023, to: 2023 },
  source: SEED,
  version: 1,
  indicators,
};
