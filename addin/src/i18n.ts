/** The pane's words, Simplified Chinese first, English second. */
import type { Lang } from '../../core/receipt';

export type { Lang };

export const TEXT = {
  appTitle: ['规划指标月报', 'Plan Monitor'],
  appSubtitle: ['教育规划指标月度填报', 'Monthly indicator reporting'],
  langSwitch: ['English', '中文'],
  connection: ['连接报送服务器', 'Intake server'],
  serverUrl: ['服务器地址', 'Server address'],
  token: ['报送口令', 'Access token'],
  tokenHint: ['口令由市教育局管理员发放，只保存在本机的加载项存储中，不写入工作簿。',
    'The token comes from the city bureau administrator; it stays in this computer\'s add-in storage, never in the workbook.'],
  connect: ['连接', 'Connect'],
  connecting: ['正在连接…', 'Connecting…'],
  connectedAs: ['已连接：', 'Connected: '],
  changeToken: ['更换口令', 'Change token'],
  offlineCatalog: ['暂时无法连接服务器，正在使用上次下载的规划目录。', 'The server cannot be reached; using the catalog downloaded last time.'],
  template: ['插入模板', 'Template'],
  plan: ['规划', 'Plan'],
  unit: ['填报单位', 'Reporting unit'],
  month: ['报告月份', 'Month'],
  insert: ['插入模板', 'Insert template'],
  inserting: ['正在插入模板…', 'Inserting…'],
  inserted: ['模板已插入：请在黄色单元格填写本月数值。', 'Template inserted: fill in the yellow cells.'],
  refreshed: ['已刷新为新月份的模板，原工作表已更新，未新增工作表。', 'The sheet was refreshed for the new month; no sheet was added.'],
  previousServer: ['“上月值”列来自服务器上的上月报送。', '"Last month" comes from last month\'s submission on the server.'],
  previousSheet: ['“上月值”列来自本工作表上月填写的数值。', '"Last month" comes from the values this sheet held last month.'],
  previousNone: ['没有找到上月数值，“上月值”列留空。', 'No values for last month were found; "Last month" is left blank.'],
  carried: ['已保留本月已填写的 {n} 个单元格。', 'Kept {n} cells already filled in this month.'],
  checkAndSubmit: ['检查与提交', 'Check and submit'],
  check: ['检查数据', 'Check'],
  checking: ['正在检查…', 'Checking…'],
  submit: ['提交', 'Submit'],
  submitting: ['正在提交…', 'Submitting…'],
  retry: ['重试', 'Retry'],
  workbookIs: ['当前工作簿：', 'This workbook: '],
  noTemplate: ['当前工作簿中没有报送模板，请先插入模板。', 'This workbook holds no template; insert one first.'],
  unknownPlan: ['工作簿中的模板属于规划“{plan}”，不在当前规划目录中。', 'The template belongs to plan "{plan}", which is not in the catalog.'],
  unknownUnit: ['工作簿中的模板属于单位“{unit}”，不在单位名录中。', 'The template belongs to unit "{unit}", which is not in the unit list.'],
  outdated: ['模板版本已过期（v{old}，当前 v{new}）：指标或目标已调整，请重新插入模板（本月已填数值会保留）。',
    'The template is out of date (v{old}, now v{new}): insert it again (this month\'s entries are kept).'],
  allGood: ['检查通过，可以提交。', 'All entries are valid; ready to submit.'],
  found: ['发现 {errors} 个错误，{explain} 项低于进度需填写情况说明。点击条目可定位到单元格。',
    '{errors} error(s) and {explain} shortfall(s) needing an explanation. Click an item to go to its cell.'],
  blocked: ['请先修正以下问题再提交，未上传任何数据。', 'Fix the items below first; nothing was uploaded.'],
  badgeError: ['错误', 'Error'],
  badgeExplain: ['需说明', 'Explain'],
  badgeWarning: ['提示', 'Note'],
  counts: ['共 {entries} 项：达到目标 {met}，符合进度 {onTrack}，接近进度 {atRisk}，低于进度 {short}，未填 {missing}，本月无进度要求 {noTarget}',
    '{entries} indicators: met {met}, on track {onTrack}, at risk {atRisk}, short {short}, blank {missing}, no target this month {noTarget}'],
  readingFile: ['正在读取工作簿文件…', 'Reading the workbook file…'],
  fileFailed: ['无法读取工作簿文件：{reason}。请保存工作簿后重试。', 'Could not read the workbook file: {reason}. Save the workbook and retry.'],
  excelFailed: ['Excel 操作失败：{reason}', 'Excel refused the operation: {reason}'],
  needConnection: ['请先连接报送服务器。', 'Connect to the intake server first.'],
  receiptTitle: ['回执', 'Receipt'],
  nothingLost: ['工作簿未改动，可随时重试。', 'The workbook is unchanged; you can retry at any time.'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof TEXT;

export function t(key: TextKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  const text = TEXT[key][lang === 'zh' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A message that carries both languages, rendered in the one chosen. */
export interface Words {
  zh: string;
  en: string;
}

export function words(key: TextKey, vars: Record<string, string | number> = {}): Words {
  return { zh: t(key, 'zh', vars), en: t(key, 'en', vars) };
}
