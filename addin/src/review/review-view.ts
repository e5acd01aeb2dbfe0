/**
 * The pane's review mode (复核), for a supervisor's or an administrator's token: the flags routed to them, filtered
 * and sorted; a decision per flag with its comment (accepted / action required with what and by when / escalated /
 * resolved); 退回 and 解锁 of a flag's unit and month; and the review list as a sheet, decided in Excel and submitted
 * all at once.
 *
 * State lives here and the DOM is redrawn from it; what a person types into a form is kept in `drafts` as they type,
 * so a redraw (language switch, a refreshed list) never loses it.
 */
import { monthLabelEn, monthLabelZh } from '../../../core/month';
import { formatShanghaiTime } from '../../../core/receipt';
import {
  REASON_MAX, REVIEW_DECISIONS, REVIEW_STATUS_LABEL, SEVERITY_RANK, beijingToday, checkDecisions,
  type DecisionProblem, type ReviewDecisionStatus, type ReviewItem, type ReviewList, type ReviewState,
} from '../../../core/review';
import type { Plan, ReviewStatus } from '../../../core/schema';
import { t, words, type Lang, type TextKey, type Words } from '../i18n';
import { reviewerOf, type IntakeClient, type Me } from '../intake-client';
import type { ExcelHost } from '../workflow';
import { selectCell } from '../excel/mark-issues';
import { REVIEW_SHEET } from '../excel/review-sheet';
import { el, fillNotice, reasonOf, type Tone } from './dom';
import { insertReviewList, submitReviewSheet, type SheetProblem } from './review-workflow';

export interface ReviewHost {
  excel: ExcelHost;
  client(): IntakeClient | null;
  lang(): Lang;
  plans(): Plan[];
  me(): Me | null;
  now(): Date;
}

type Busy = null | 'load' | 'insertSheet' | 'submitSheet' | { flag: string };
type FormKind = 'decide' | 'sendBack' | 'unlock';
type SortKey = 'severity' | 'age' | 'unit';

interface Notice {
  tone: Tone;
  lines: Words[];
}

interface Draft {
  status: ReviewDecisionStatus | '';
  comment: string;
  action: string;
  dueBy: string;
  reason: string;
}

const SEVERITY_TEXT: Record<ReviewItem['severity'], TextKey> = { critical: 'severityCritical', warning: 'severityWarning', info: 'severityInfo' };
const AGE_STEPS = [7, 30, 90] as const;

export function monthText(month: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  return lang === 'zh' ? monthLabelZh(month) : monthLabelEn(month);
}

export function statusOf(item: ReviewItem): ReviewStatus {
  return item.review?.status ?? 'open';
}

/** A flag's indicator as the lists show it: its code and name ("HRB14-03 学前三年毛入园率"), the code alone, or ''. */
export function indicatorLabel(item: Pick<ReviewItem, 'code' | 'indicatorName'>): string {
  return item.indicatorName ? `${item.code ?? ''} ${item.indicatorName}`.trim() : (item.code ?? '');
}

/** The last decision's comment, then its action and due date ("整改要求：… (整改期限 …)"), joined; '' when neither. */
export function reviewDetail(review: Pick<ReviewState, 'comment' | 'action' | 'dueBy'>, lang: Lang): string {
  const parts: string[] = [];
  if (review.comment) parts.push(review.comment);
  if (review.action) parts.push(`${t('action', lang)}${lang === 'zh' ? '：' : ': '}${review.action}${review.dueBy ? ` (${t('dueBy', lang)} ${review.dueBy})` : ''}`);
  return parts.join(lang === 'zh' ? '；' : '; ');
}

export interface ReviewFilters {
  unit: string;
  indicator: string;
  severity: string;
  /** Open for more than this many days ('' = any). */
  age: string;
  status: string;
}

/** The list as shown: filtered, then sorted (severity: worst first, then longest open; age; unit then indicator). */
export function visibleFlags(items: ReviewItem[], filters: ReviewFilters, sort: SortKey): ReviewItem[] {
  const shown = items.filter((i) => (!filters.unit || i.unitCode === filters.unit)
    && (!filters.indicator || (i.code ?? '') === filters.indicator)
    && (!filters.severity || i.severity === filters.severity)
    && (!filters.age || i.ageDays > Number(filters.age))
    && (!filters.status || statusOf(i) === filters.status));
  const byUnit = (a: ReviewItem, b: ReviewItem) => a.unitCode.localeCompare(b.unitCode) || (a.code ?? '').localeCompare(b.code ?? '');
  const bySeverity = (a: ReviewItem, b: ReviewItem) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  const byAge = (a: ReviewItem, b: ReviewItem) => b.ageDays - a.ageDays;
  const order = sort === 'unit' ? [byUnit, bySeverity] : sort === 'age' ? [byAge, bySeverity, byUnit] : [bySeverity, byAge, byUnit];
  return [...shown].sort((a, b) => order.reduce((d, f) => d || f(a, b), 0));
}

export class ReviewView {
  readonly root = el('div', { id: 'review', class: 'pm-view' });
  private list: ReviewList | null = null;
  private busy: Busy = null;
  private notice: Notice | null = null;
  private sheetNotice: Notice | null = null;
  private sheetProblems: SheetProblem[] = [];
  private readonly filters: ReviewFilters = { unit: '', indicator: '', severity: '', age: '', status: '' };
  private sort: SortKey = 'severity';
  /** The one flag whose form is open, and which form. */
  private openForm: { flag: string; kind: FormKind } | null = null;
  private readonly drafts = new Map<string, Draft>();
  private readonly flagNotices = new Map<string, Notice>();
  private readonly flagProblems = new Map<string, DecisionProblem[]>();

  private readonly ui = {
    title: el('h2'),
    hint: el('p', { class: 'pm-hint' }),
    planLabel: el('label', { for: 'review-plan' }),
    plan: el('select', { id: 'review-plan' }),
    monthLabel: el('label', { for: 'review-month' }),
    month: el('select', { id: 'review-month' }),
    load: el('button', { id: 'review-load', class: 'pm-button pm-button--primary', type: 'button' }),
    filters: el('div', { class: 'pm-filters' }),
    unit: el('select', { id: 'filter-unit' }),
    indicator: el('select', { id: 'filter-indicator' }),
    severity: el('select', { id: 'filter-severity' }),
    age: el('select', { id: 'filter-age' }),
    status: el('select', { id: 'filter-status' }),
    sort: el('select', { id: 'review-sort' }),
    labels: {} as Record<string, HTMLLabelElement>,
    summary: el('p', { id: 'review-summary', class: 'pm-summary' }),
    notice: el('div', { id: 'review-notice' }),
    flags: el('ul', { id: 'review-list', class: 'pm-flags' }),
    sheetTitle: el('h2'),
    sheetHint: el('p', { class: 'pm-hint' }),
    insertSheet: el('button', { id: 'insert-review-sheet', class: 'pm-button', type: 'button' }),
    submitSheet: el('button', { id: 'submit-review-sheet', class: 'pm-button pm-button--primary', type: 'button' }),
    sheetNotice: el('div', { id: 'review-sheet-notice' }),
    sheetProblems: el('ul', { id: 'review-sheet-problems', class: 'pm-issues' }),
  };

  constructor(private readonly host: ReviewHost) {
    const u = this.ui;
    const field = (id: string, key: TextKey, control: HTMLElement) => {
      const label = el('label', { for: id });
      label.dataset.text = key;
      u.labels[id] = label;
      return el('div', { class: 'pm-field' }, label, control);
    };
    u.filters.append(
      field('filter-unit', 'filterUnit', u.unit), field('filter-indicator', 'filterIndicator', u.indicator),
      field('filter-severity', 'filterSeverity', u.severity), field('filter-age', 'filterAge', u.age),
      field('filter-status', 'filterStatus', u.status), field('review-sort', 'sortBy', u.sort),
    );
    this.root.append(
      el('section', { class: 'pm-card', id: 'review-flags' }, u.title, u.hint,
        el('div', { class: 'pm-pair' }, el('div', { class: 'pm-field' }, u.planLabel, u.plan), el('div', { class: 'pm-field' }, u.monthLabel, u.month)),
        el('div', { class: 'pm-actions' }, u.load), u.filters, u.summary, u.notice, u.flags),
      el('section', { class: 'pm-card', id: 'review-sheet' }, u.sheetTitle, u.sheetHint,
        el('div', { class: 'pm-actions' }, u.insertSheet, u.submitSheet), u.sheetNotice, u.sheetProblems),
    );
    u.load.addEventListener('click', () => void this.load());
    u.month.addEventListener('change', () => void this.load());
    u.plan.addEventListener('change', () => {
      u.month.value = '';
      void this.load();
    });
    for (const [control, key] of [[u.unit, 'unit'], [u.indicator, 'indicator'], [u.severity, 'severity'], [u.age, 'age'], [u.status, 'status']] as const) {
      control.addEventListener('change', () => {
        this.filters[key] = control.value;
        this.render();
      });
    }
    u.sort.addEventListener('change', () => {
      this.sort = u.sort.value as SortKey;
      this.render();
    });
    u.insertSheet.addEventListener('click', () => void this.insertSheet());
    u.submitSheet.addEventListener('click', () => void this.submitSheet());
  }

  private tr(key: TextKey, vars?: Record<string, string | number>): string {
    return t(key, this.host.lang(), vars);
  }

  /** "说明：" / "Explanation: " */
  private label(key: TextKey): string {
    return this.host.lang() === 'zh' ? `${this.tr(key)}：` : `${this.tr(key)}: `;
  }

  private pick(said: Words): string {
    return this.host.lang() === 'zh' ? said.zh : said.en;
  }

  /** Called once connected (and again when the connection changes): fills the plans, loads the list. */
  start(): void {
    this.list = null;
    this.fillPlans();
    void this.load();
  }

  private fillPlans(): void {
    const keep = this.ui.plan.value;
    const plans = this.host.plans();
    const lang = this.host.lang();
    this.ui.plan.replaceChildren(...plans.map((p) => el('option', { value: p.id }, lang === 'en' && p.titleEn ? p.titleEn : p.title)));
    if (plans.some((p) => p.id === keep)) this.ui.plan.value = keep;
  }

  // ---- actions ------------------------------------------------------------------------------------------------

  async load(): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    this.busy = 'load';
    this.notice = null;
    this.render();
    const got = await client.reviewFlags({ plan: this.ui.plan.value, month: this.ui.month.value });
    this.busy = null;
    if (got.ok) {
      this.list = got.value;
      const present = (key: keyof ReviewFilters, values: string[]) => {
        if (this.filters[key] && !values.includes(this.filters[key])) this.filters[key] = '';
      };
      present('unit', got.value.items.map((i) => i.unitCode));
      present('indicator', got.value.items.map((i) => i.code ?? ''));
    } else {
      this.notice = { tone: 'error', lines: [got.failure] };
    }
    this.render();
  }

  private draft(flag: string): Draft {
    let d = this.drafts.get(flag);
    if (!d) this.drafts.set(flag, (d = { status: '', comment: '', action: '', dueBy: '', reason: '' }));
    return d;
  }

  private async decide(item: ReviewItem): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    const d = this.draft(item.flagKey);
    const candidate = {
      flagKey: item.flagKey, status: d.status || undefined, comment: d.comment,
      ...(d.status === 'action_required' ? { action: d.action, ...(d.dueBy ? { dueBy: d.dueBy } : {}) } : {}),
    };
    // The core's check first, as the server will apply it: a missing due date is said at once, offline or not.
    const check = checkDecisions([candidate], { today: beijingToday(this.host.now()) });
    this.flagNotices.delete(item.flagKey);
    if (check.problems.length > 0) {
      this.flagProblems.set(item.flagKey, check.problems);
      this.render();
      return;
    }
    this.flagProblems.delete(item.flagKey);
    this.busy = { flag: item.flagKey };
    this.render();
    const sent = await client.decide(check.decisions);
    this.busy = null;
    if (!sent.ok) {
      this.flagNotices.set(item.flagKey, { tone: 'error', lines: [sent.failure] });
    } else if ('refused' in sent.value) {
      this.flagProblems.set(item.flagKey, sent.value.refused);
    } else {
      const status = check.decisions[0]!.status;
      this.flagNotices.set(item.flagKey, {
        tone: 'success',
        lines: [{ zh: t('decisionSaved', 'zh', { status: REVIEW_STATUS_LABEL[status].zh }), en: t('decisionSaved', 'en', { status: REVIEW_STATUS_LABEL[status].en }) }],
      });
      this.drafts.delete(item.flagKey);
      this.openForm = null;
      await this.load();
      return;
    }
    this.render();
  }

  private async sendBackOrUnlock(item: ReviewItem, kind: 'sendBack' | 'unlock'): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    const reason = this.draft(item.flagKey).reason.trim();
    const vars = (lang: Lang) => ({ unit: item.unitName, month: monthText(item.month, lang) });
    if (reason.length < 2) {
      this.flagNotices.set(item.flagKey, { tone: 'warning', lines: [kind === 'sendBack' ? { zh: '请写明退回原因。', en: 'Give the reason for sending it back.' } : { zh: '请写明解锁原因。', en: 'Give the reason for unlocking.' }] });
      this.render();
      return;
    }
    this.busy = { flag: item.flagKey };
    this.flagNotices.delete(item.flagKey);
    this.render();
    const request = { planId: item.planId, unitCode: item.unitCode, month: item.month, reason: reason.slice(0, REASON_MAX) };
    const done = kind === 'sendBack' ? await client.sendBack(request) : await client.unlock(request);
    this.busy = null;
    if (done.ok) {
      const key: TextKey = kind === 'sendBack' ? 'sentBack' : 'unlocked';
      this.flagNotices.set(item.flagKey, { tone: 'success', lines: [{ zh: t(key, 'zh', vars('zh')), en: t(key, 'en', vars('en')) }] });
      this.draft(item.flagKey).reason = '';
      this.openForm = null;
    } else {
      this.flagNotices.set(item.flagKey, { tone: 'error', lines: [done.failure] });
    }
    this.render();
  }

  /** For the sheet's title, in Chinese as the sheet is: who reviews, else their role. */
  private reviewerName(): string {
    const me = this.host.me();
    return reviewerOf(me) || t(me?.kind === 'admin' ? 'roleAdmin' : 'roleSupervisor', 'zh');
  }

  private async insertSheet(): Promise<void> {
    const items = this.list?.items ?? [];
    this.sheetProblems = [];
    if (items.length === 0) {
      this.sheetNotice = { tone: 'warning', lines: [words('sheetNeedList')] };
      this.render();
      return;
    }
    this.busy = 'insertSheet';
    this.sheetNotice = null;
    this.render();
    try {
      // The sheet holds what the list shows (filters and order), so the supervisor decides what they looked at.
      const shown = visibleFlags(items, this.filters, this.sort);
      const result = await insertReviewList(this.host.excel, shown, { reviewer: this.reviewerName(), today: beijingToday(this.host.now()) });
      this.sheetNotice = { tone: 'success', lines: [words(result.refreshed ? 'sheetRefreshed' : 'sheetInserted', { n: result.rows })] };
    } catch (err) {
      this.sheetNotice = { tone: 'error', lines: [words('excelFailed', { reason: reasonOf(err) })] };
    }
    this.busy = null;
    this.render();
  }

  private async submitSheet(): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    this.busy = 'submitSheet';
    this.sheetNotice = null;
    this.sheetProblems = [];
    this.render();
    try {
      const outcome = await submitReviewSheet(this.host.excel, (decisions) => client.decide(decisions), beijingToday(this.host.now()));
      switch (outcome.kind) {
        case 'no_sheet':
          this.sheetNotice = { tone: 'warning', lines: [words('noReviewSheet')] };
          break;
        case 'nothing_decided':
          this.sheetNotice = { tone: 'warning', lines: [words('nothingDecided', { n: outcome.rows })] };
          break;
        case 'refused':
          this.sheetProblems = outcome.problems;
          this.sheetNotice = { tone: 'error', lines: [words(outcome.by === 'check' ? 'sheetRefused' : 'sheetServerRefused', { n: outcome.problems.length })] };
          break;
        case 'failed':
          this.sheetNotice = { tone: 'error', lines: [outcome.failure, words('nothingLost')] };
          break;
        case 'stored':
          this.sheetNotice = { tone: 'success', lines: [words('sheetStored', { n: outcome.stored })] };
          this.busy = null;
          await this.load();
          return;
      }
    } catch (err) {
      this.sheetNotice = { tone: 'error', lines: [words('excelFailed', { reason: reasonOf(err) })] };
    }
    this.busy = null;
    this.render();
  }

  private async goTo(cell: string): Promise<void> {
    try {
      await this.host.excel.run((context) => selectCell(context, cell, REVIEW_SHEET));
    } catch (err) {
      this.sheetNotice = { tone: 'error', lines: [words('excelFailed', { reason: reasonOf(err) })] };
      this.render();
    }
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  render(): void {
    const u = this.ui;
    const lang = this.host.lang();
    u.title.textContent = this.tr('reviewTitle');
    u.hint.textContent = this.tr('reviewHint');
    u.planLabel.textContent = this.tr('plan');
    u.monthLabel.textContent = this.tr('reviewMonth');
    u.load.textContent = this.busy === 'load' ? this.tr('reviewLoading') : this.tr('reviewLoad');
    for (const label of Object.values(u.labels)) label.textContent = this.tr(label.dataset.text as TextKey);
    if (u.plan.options.length !== this.host.plans().length) this.fillPlans();
    this.fillMonths();
    this.fillFilters();
    const items = this.list?.items ?? [];
    const shown = visibleFlags(items, this.filters, this.sort);
    u.filters.hidden = items.length === 0;
    u.summary.textContent = this.list
      ? items.length === 0 ? this.tr('reviewEmpty')
        : shown.length === 0 ? this.tr('reviewNoMatch')
          : this.tr('reviewSummary', { month: monthText(this.list.month ?? items[0]!.month, lang), total: items.length, shown: shown.length })
      : '';
    fillNotice(u.notice, this.notice, lang);
    u.flags.replaceChildren(...shown.map((item) => this.flagItem(item)));

    u.sheetTitle.textContent = this.tr('sheetTitle');
    u.sheetHint.textContent = this.tr('sheetHint');
    u.insertSheet.textContent = this.busy === 'insertSheet' ? this.tr('inserting') : this.tr('insertSheet');
    u.submitSheet.textContent = this.busy === 'submitSheet' ? this.tr('submitting') : this.tr('submitSheet');
    for (const b of [u.load, u.insertSheet, u.submitSheet]) b.disabled = this.busy !== null;
    fillNotice(u.sheetNotice, this.sheetNotice, lang);
    u.sheetProblems.replaceChildren(...this.sheetProblems.map((p) => this.sheetProblemItem(p)));
  }

  /** The months with flags (newest first); empty = the latest, as the server lists by default. */
  private fillMonths(): void {
    const lang = this.host.lang();
    const keep = this.ui.month.value;
    const months = this.list?.months ?? [];
    this.ui.month.replaceChildren(el('option', { value: '' }, this.tr('latestMonth')),
      ...months.map((m) => el('option', { value: m }, monthText(m, lang))));
    this.ui.month.value = months.includes(keep) ? keep : '';
  }

  private fillFilters(): void {
    const u = this.ui;
    const items = this.list?.items ?? [];
    const options = (select: HTMLSelectElement, pairs: [string, string][], value: string) => {
      select.replaceChildren(el('option', { value: '' }, this.tr('all')), ...pairs.map(([v, label]) => el('option', { value: v }, label)));
      select.value = pairs.some(([v]) => v === value) ? value : '';
    };
    const units = new Map(items.map((i) => [i.unitCode, i.unitName]));
    options(u.unit, [...units].sort((a, b) => a[0].localeCompare(b[0])), this.filters.unit);
    const indicators = new Map(items.filter((i) => i.code).map((i) => [i.code!, indicatorLabel(i)]));
    options(u.indicator, [...indicators].sort((a, b) => a[0].localeCompare(b[0])), this.filters.indicator);
    options(u.severity, (['critical', 'warning', 'info'] as const).map((s) => [s, this.tr(SEVERITY_TEXT[s])]), this.filters.severity);
    options(u.age, AGE_STEPS.map((n) => [String(n), this.tr('ageOver', { n })]), this.filters.age);
    options(u.status, (['open', ...REVIEW_DECISIONS] as const).map((s) => [s, this.pick(REVIEW_STATUS_LABEL[s])]), this.filters.status);
    u.sort.replaceChildren(...(['severity', 'age', 'unit'] as const).map((s) => el('option', { value: s }, this.tr(s === 'severity' ? 'sortSeverity' : s === 'age' ? 'sortAge' : 'sortUnit'))));
    u.sort.value = this.sort;
  }

  private flagItem(item: ReviewItem): HTMLLIElement {
    const lang = this.host.lang();
    const status = statusOf(item);
    const busyHere = typeof this.busy === 'object' && this.busy?.flag === item.flagKey;
    const li = el('li', { class: `pm-flag pm-flag--${item.severity}`, 'data-flag-key': item.flagKey, 'data-unit': item.unitCode });
    const indicator = indicatorLabel(item);
    li.append(
      el('div', { class: 'pm-flag-head' },
        el('span', { class: `pm-sev pm-sev--${item.severity}` }, this.tr(SEVERITY_TEXT[item.severity])),
        el('span', { class: 'pm-flag-what' }, el('strong', {}, item.unitName), indicator ? ` · ${indicator}` : '', ` · ${monthText(item.month, lang)}`),
        el('span', { class: `pm-status pm-status--${status}`, 'data-status': status }, this.pick(REVIEW_STATUS_LABEL[status]))),
      el('p', { class: 'pm-flag-message' }, lang === 'zh' || !item.messageEn ? item.message : item.messageEn),
    );
    const facts: [TextKey, string | null][] = [['actual', item.actual], ['expected', item.expected], ['gap', item.gap]];
    li.append(el('div', { class: 'pm-facts' },
      ...facts.filter(([, v]) => v !== null).map(([k, v]) => el('span', {}, el('span', { class: 'pm-fact-label' }, this.tr(k)), ` ${v}`)),
      el('span', { class: `pm-age${item.ageDays > 30 ? ' pm-age--long' : ''}` }, this.tr('daysOpen', { n: item.ageDays }))));
    li.append(el('p', { class: 'pm-flag-line' }, el('span', { class: 'pm-fact-label' }, this.label('explanation')),
      item.explanation ?? this.tr('noExplanation')));
    if (item.recent.length > 0) {
      li.append(el('p', { class: 'pm-flag-line pm-recent' }, el('span', { class: 'pm-fact-label' }, this.label('recentMonths')),
        item.recent.map((r) => `${shortMonth(r.month, lang)} ${r.value}`).join(' · ')));
    }
    if (item.review) {
      const r = item.review;
      const detail = reviewDetail(r, lang);
      const parts = [this.pick(REVIEW_STATUS_LABEL[r.status]), ...(detail ? [detail] : [])];
      li.append(el('p', { class: 'pm-flag-line pm-last-review' }, el('span', { class: 'pm-fact-label' }, this.label('lastDecision')),
        `${parts.join(lang === 'zh' ? '；' : '; ')} (${r.reviewer}, ${formatShanghaiTime(new Date(r.at))})`));
    }
    const button = (kind: FormKind, key: TextKey) => {
      const b = el('button', { class: 'pm-link', type: 'button', 'data-action': kind }, this.tr(key));
      b.disabled = this.busy !== null;
      b.addEventListener('click', () => {
        this.openForm = this.openForm?.flag === item.flagKey && this.openForm.kind === kind ? null : { flag: item.flagKey, kind };
        this.flagNotices.delete(item.flagKey);
        this.render();
      });
      return b;
    };
    // A unit's token reads only; 解锁 is offered once the month's report is issued (before that nothing is locked).
    if (this.list?.canDecide !== false) {
      li.append(el('div', { class: 'pm-flag-actions' }, button('decide', 'decide'), button('sendBack', 'sendBack'),
        ...(this.list?.locked ? [button('unlock', 'unlock')] : [])));
    }
    if (this.openForm?.flag === item.flagKey) li.append(this.form(item, this.openForm.kind, busyHere));
    const problems = this.flagProblems.get(item.flagKey);
    if (problems?.length) {
      li.append(el('ul', { class: 'pm-flag-problems' }, ...problems.map((p) => el('li', { 'data-field': p.field }, this.pick(p)))));
    }
    const notice = this.flagNotices.get(item.flagKey);
    if (notice) {
      const box = el('div');
      fillNotice(box, notice, lang);
      li.append(el('div', { class: 'pm-flag-notice' }, box));
    }
    return li;
  }

  private form(item: ReviewItem, kind: FormKind, busy: boolean): HTMLElement {
    const d = this.draft(item.flagKey);
    const id = (name: string) => `${name}-${item.flagKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const field = (name: string, key: TextKey, control: HTMLElement) => el('div', { class: 'pm-field' }, el('label', { for: id(name) }, this.tr(key)), control);
    const submit = el('button', { class: 'pm-button pm-button--primary', type: 'button', 'data-submit': kind });
    submit.disabled = this.busy !== null;
    if (kind === 'decide') {
      const status = el('select', { id: id('decision'), class: 'pm-decision-status' });
      status.append(el('option', { value: '' }, this.tr('chooseDecision')),
        ...REVIEW_DECISIONS.map((s) => el('option', { value: s }, this.pick(REVIEW_STATUS_LABEL[s]))));
      status.value = d.status;
      const comment = el('textarea', { id: id('comment'), class: 'pm-decision-comment', rows: '2' });
      comment.value = d.comment;
      const action = el('input', { id: id('action'), class: 'pm-decision-action', type: 'text' });
      action.value = d.action;
      const due = el('input', { id: id('due'), class: 'pm-decision-due', type: 'date', min: beijingToday(this.host.now()) });
      due.value = d.dueBy;
      const actionFields = el('div', { class: 'pm-action-fields' }, field('action', 'action', action), field('due', 'dueBy', due));
      actionFields.hidden = d.status !== 'action_required';
      status.addEventListener('change', () => {
        d.status = status.value as Draft['status'];
        actionFields.hidden = d.status !== 'action_required';
      });
      comment.addEventListener('input', () => { d.comment = comment.value; });
      action.addEventListener('input', () => { d.action = action.value; });
      due.addEventListener('input', () => { d.dueBy = due.value; });
      due.addEventListener('change', () => { d.dueBy = due.value; });
      submit.textContent = busy ? this.tr('saving') : this.tr('submitDecision');
      submit.addEventListener('click', () => void this.decide(item));
      return el('div', { class: 'pm-flag-form', 'data-form': kind }, field('decision', 'decision', status), field('comment', 'comment', comment), actionFields,
        el('div', { class: 'pm-actions' }, submit));
    }
    const lang = this.host.lang();
    const reason = el('textarea', { id: id('reason'), class: 'pm-reason', rows: '2', maxlength: String(REASON_MAX) });
    reason.value = d.reason;
    reason.addEventListener('input', () => { d.reason = reason.value; });
    const vars = { unit: item.unitName, month: monthText(item.month, lang) };
    submit.textContent = busy ? this.tr('saving') : this.tr(kind === 'sendBack' ? 'sendBackConfirm' : 'unlockConfirm', vars);
    submit.addEventListener('click', () => void this.sendBackOrUnlock(item, kind));
    return el('div', { class: 'pm-flag-form', 'data-form': kind },
      field('reason', kind === 'sendBack' ? 'sendBackReason' : 'unlockReason', reason), el('div', { class: 'pm-actions' }, submit));
  }

  private sheetProblemItem(p: SheetProblem): HTMLLIElement {
    const item = el('li', { class: 'pm-issue pm-issue--error', 'data-cell': p.cell, 'data-field': p.field, tabindex: '0', role: 'button' },
      el('span', { class: 'pm-badge' }, this.tr('rowLabel', { row: p.row })),
      el('span', { class: 'pm-cell' }, p.cell),
      el('span', { class: 'pm-text' }, this.pick(p)));
    const go = () => void this.goTo(p.cell);
    item.addEventListener('click', go);
    item.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') go();
    });
    return item;
  }
}

function shortMonth(month: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return lang === 'zh' ? `${Number(m[2])}月` : monthLabelEn(month).replace(/^(\w{3})\w*/, '$1');
}
