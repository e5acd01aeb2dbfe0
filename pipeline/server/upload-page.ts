/**
 * The plain upload page, for units without the add-in (WPS, LibreOffice, older Excel): a form with the unit's token
 * and the filled template, posted without script, answered with the same page showing the receipt — in the words
 * the add-in's task pane uses (core/receipt.ts), rendered here on the server so that any browser shows it.
 * Chinese first; ?lang=en for English.
 *
 * A unit also sees here what a supervisor sent back (退回) and why: with every receipt, and on asking ("查看退回"
 * with its token) — the same send-backs the add-in's pane shows.
 */
import { monthLabelEn, monthLabelZh } from '../../core/month';
import { formatShanghaiTime, issueLine, receiptDetails, receiptHeadline, type Lang, type Receipt } from '../../core/receipt';

/** A send-back still waiting for the unit's corrected submission. */
export interface PageReturn {
  planId: string;
  planTitle: string;
  month: string;
  submissionId: string;
  reason: string;
  /** Who sent it back (the supervisor token's label, or its id). */
  by: string;
  at: string;
}

export interface UploadPageState {
  lang: Lang;
  receipt?: Receipt;
  /** A problem before any receipt (token refused, no file chosen), in both languages. */
  error?: { zh: string; en: string };
  /** Kept in the form after a post, so that a corrected file can be sent at once. */
  token?: string;
  /** The unit's open send-backs; undefined when the unit is not known (no token yet). */
  returns?: PageReturn[];
}

const TEXT = {
  zh: {
    title: '指标模板上传',
    intro: '未安装 Excel 加载项的单位（使用 WPS、LibreOffice 或较早版本的 Excel）可在此上传填好的指标模板。' +
      '请上传系统下发的模板文件（.xlsx），不要另建工作簿。提交后显示回执；再次提交同一单位同一月份的模板将替代上一版本，历史版本仍保留。',
    token: '填报令牌',
    tokenHint: '由市教育局管理员发放，以 pm_ 开头',
    file: '填好的模板（.xlsx）',
    submit: '提交',
    other: 'English',
    otherHref: '/upload?lang=en',
    receipt: '回执',
    errors: '需要修改的问题',
    warnings: '提醒',
    checkReturns: '查看退回',
    checkReturnsHint: '输入填报令牌后，可查看督导单位退回的填报及退回原因',
    returnsTitle: '被退回、待重新提交的填报',
    noReturns: '目前没有被退回的填报。',
    returnLine: (r: PageReturn) => `${r.planTitle} ${monthLabelZh(r.month)}：${r.by} 于 ${formatShanghaiTime(new Date(r.at))} 退回，原因：${r.reason}`,
    returnAdvice: '请按退回原因修改模板后重新提交；新的版本被受理后，退回即告结束。',
  },
  en: {
    title: 'Upload a filled indicator template',
    intro: 'Units without the Excel add-in (using WPS, LibreOffice or an older Excel) upload their filled indicator ' +
      'template here. Upload the template file (.xlsx) you were sent, not a new workbook. A receipt is shown; a later ' +
      'template for the same unit and month replaces the earlier version, which stays in the history.',
    token: 'Reporting token',
    tokenHint: 'issued by the city bureau\'s administrator; it starts with pm_',
    file: 'Filled template (.xlsx)',
    submit: 'Submit',
    other: '中文',
    otherHref: '/upload',
    receipt: 'Receipt',
    errors: 'Problems to correct',
    warnings: 'Reminders',
    checkReturns: 'Check returns',
    checkReturnsHint: 'enter your token to see which submissions a supervisor sent back, and why',
    returnsTitle: 'Sent back, awaiting your corrected submission',
    noReturns: 'Nothing has been sent back.',
    returnLine: (r: PageReturn) => `${r.planTitle}, ${monthLabelEn(r.month)}: sent back by ${r.by} on ${formatShanghaiTime(new Date(r.at))}. Reason: ${r.reason}`,
    returnAdvice: 'Correct the template as the reason says and submit it again; once the new version is accepted, the send-back is closed.',
  },
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderUploadPage(state: UploadPageState): string {
  const t = TEXT[state.lang];
  const htmlLang = state.lang === 'zh' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>
<html lang="${htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} · Plan Monitor</title>
<style>
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.6; }
h1 { color: #1F4E79; font-size: 1.5rem; margin-bottom: .25rem; }
.lang { float: right; font-size: .9rem; }
label { display: block; margin-top: 1rem; font-weight: bold; }
.hint { font-weight: normal; color: #595959; font-size: .9rem; }
input[type=password], input[type=file] { width: 100%; padding: .4rem; box-sizing: border-box; }
button { margin-top: 1.25rem; padding: .5rem 2rem; background: #1F4E79; color: #fff; border: 0; font-size: 1rem; cursor: pointer; }
.receipt { margin: 1.5rem 0; padding: 1rem 1.25rem; border-left: 6px solid #999; background: #F7F7F7; }
.receipt.accepted { border-color: #2E7D32; background: #EDF7EE; }
.receipt.duplicate { border-color: #1F4E79; background: #EEF3F9; }
.receipt.refused, .receipt.error { border-color: #C62828; background: #FDEDED; }
.headline { font-size: 1.15rem; font-weight: bold; margin: 0 0 .5rem; }
.receipt ul { margin: .25rem 0 .5rem; padding-left: 1.25rem; }
.issues-error li { color: #B71C1C; }
.issues-warning li { color: #8A5300; }
.returns { margin: 1.5rem 0; padding: 1rem 1.25rem; border-left: 6px solid #B26A00; background: #FFF6E5; }
.returns.none { border-color: #999; background: #F7F7F7; }
.returns-form { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid #ddd; }
button.secondary { background: #fff; color: #1F4E79; border: 1px solid #1F4E79; }
</style>
</head>
<body>
<a class="lang" href="${t.otherHref}">${t.other}</a>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
${state.error ? errorBlock(state.error, state.lang) : ''}${state.receipt ? receiptBlock(state.receipt, state.lang) : ''}${state.returns ? returnsBlock(state.returns, state.lang) : ''}
<form method="post" action="/upload" enctype="multipart/form-data">
<input type="hidden" name="lang" value="${state.lang}">
<label for="token">${escapeHtml(t.token)} <span class="hint">${escapeHtml(t.tokenHint)}</span></label>
<input type="password" id="token" name="token" required autocomplete="current-password" value="${escapeHtml(state.token ?? '')}">
<label for="file">${escapeHtml(t.file)}</label>
<input type="file" id="file" name="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
<button type="submit">${escapeHtml(t.submit)}</button>
</form>
<form class="returns-form" method="post" action="/upload/returns" enctype="multipart/form-data">
<input type="hidden" name="lang" value="${state.lang}">
<label for="returns-token">${escapeHtml(t.checkReturns)} <span class="hint">${escapeHtml(t.checkReturnsHint)}</span></label>
<input type="password" id="returns-token" name="token" required autocomplete="current-password" value="${escapeHtml(state.token ?? '')}">
<button type="submit" class="secondary">${escapeHtml(t.checkReturns)}</button>
</form>
</body>
</html>
`;
}

/** The unit's open send-backs: what was returned, by whom, when, and why. */
function returnsBlock(returns: PageReturn[], lang: Lang): string {
  const t = TEXT[lang];
  if (returns.length === 0) return `<section class="returns none" aria-label="${escapeHtml(t.returnsTitle)}"><p>${escapeHtml(t.noReturns)}</p></section>\n`;
  return `<section class="returns" role="status" aria-label="${escapeHtml(t.returnsTitle)}"><p class="headline">${escapeHtml(t.returnsTitle)}</p>` +
    `<ul>${returns.map((r) => `<li>${escapeHtml(t.returnLine(r))}</li>`).join('')}</ul><p>${escapeHtml(t.returnAdvice)}</p></section>\n`;
}

function errorBlock(error: { zh: string; en: string }, lang: Lang): string {
  return `<div class="receipt error" role="alert"><p class="headline">${escapeHtml(lang === 'zh' ? error.zh : error.en)}</p></div>\n`;
}

/** The receipt exactly as the add-in words it: headline, details, then errors and warnings by cell. */
export function receiptBlock(receipt: Receipt, lang: Lang): string {
  const t = TEXT[lang];
  const list = (severity: 'error' | 'warning', title: string) => {
    const items = receipt.issues.filter((i) => i.severity === severity);
    if (items.length === 0) return '';
    return `<p>${escapeHtml(title)}</p><ul class="issues-${severity}">${items.map((i) => `<li>${escapeHtml(issueLine(i, lang))}</li>`).join('')}</ul>`;
  };
  const details = receiptDetails(receipt, lang).map((line) => `<li>${escapeHtml(line)}</li>`).join('');
  return `<section class="receipt ${receipt.status}" role="status" aria-label="${escapeHtml(t.receipt)}">` +
    `<p class="headline">${escapeHtml(receiptHeadline(receipt, lang))}</p>` +
    (details ? `<ul>${details}</ul>` : '') + list('error', t.errors) + list('warning', t.warnings) + '</section>\n';
}
