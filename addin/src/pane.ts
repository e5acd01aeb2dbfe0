/**
 * The task pane: connect once (server and token), then each month insert the template, check, submit.
 * Plain DOM styled with Fluent UI 2 tokens (taskpane.css): the pane has a handful of controls, and a component
 * library would multiply the bundle for them (see the README).
 *
 * Every message is kept in both languages (Words) and rendered in the one chosen, so switching language re-renders
 * what is on screen instead of losing it.
 */
import { indicatorsFor } from '../../core/layout';
import { addMonths, formatMonth, monthLabelEn, monthLabelZh } from '../../core/month';
import { issueLine, receiptDetails, receiptHeadline, type Receipt } from '../../core/receipt';
import type { Month, Plan, Status, Unit } from '../../core/schema';
import type { EntryIssue } from '../../core/validate';
import { selectCell } from './excel/mark-issues';
import { t, words, type Lang, type TextKey, type Words } from './i18n';
import { IntakeClient, reviewerOf, type Failure, type Me } from './intake-client';
import { PaneSettings, type CachedCatalog } from './settings';
import { el, fillNotice, reasonOf, type Tone } from './review/dom';
import { ReviewView } from './review/review-view';
import { UnitReviewView } from './review/unit-review';
import { checkWorkbook, insertTemplate, type CheckOutcome, type CheckReport, type ExcelHost } from './workflow';

export interface PaneHost extends ExcelHost {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Server address offered before the official typed one (the build's INTAKE_URL, or the pane's own origin). */
  defaultServerUrl: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

type Busy = null | 'connect' | 'insert' | 'check' | 'submit';

interface Notice {
  tone: Tone;
  lines: Words[];
  /** Offer the retry button for this action. */
  retry?: 'submit' | 'connect';
}

/** Beijing time: officials report the month just ended. */
export function defaultMonth(now: Date): Month {
  const beijing = new Date(now.getTime() + 8 * 3600_000);
  return addMonths(formatMonth({ year: beijing.getUTCFullYear(), month: beijing.getUTCMonth() + 1 }), -1);
}

export class Pane {
  private lang: Lang;
  private readonly settings: PaneSettings;
  private catalog: CachedCatalog | null;
  private catalogStale = false;
  private busy: Busy = null;
  private connectNotice: Notice | null = null;
  private templateNotice: Notice | null = null;
  private submitNotice: Notice | null = null;
  private report: CheckReport | null = null;
  private receipt: Receipt | null = null;
  private editingConnection: boolean;
  /** Supervisors and administrators have two tabs: 填报 (the template) and 复核 (review). */
  private tab: 'report' | 'review' = 'report';
  private readonly review: ReviewView;
  private readonly unitReview: UnitReviewView;

  private readonly ui = {
    root: el('div', { class: 'pm-pane' }),
    title: el('h1'),
    subtitle: el('p', { class: 'pm-subtitle' }),
    lang: el('button', { id: 'lang', class: 'pm-link', type: 'button' }),
    connTitle: el('h2'),
    connForm: el('div', { class: 'pm-form' }),
    serverLabel: el('label', { for: 'server-url' }),
    server: el('input', { id: 'server-url', type: 'url', autocomplete: 'url', spellcheck: 'false' }),
    tokenLabel: el('label', { for: 'token' }),
    token: el('input', { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false' }),
    tokenHint: el('p', { class: 'pm-hint' }),
    connect: el('button', { id: 'connect', class: 'pm-button pm-button--primary', type: 'button' }),
    connected: el('div', { id: 'connected', class: 'pm-connected' }),
    connectedText: el('span'),
    changeToken: el('button', { id: 'change-token', class: 'pm-link', type: 'button' }),
    connNotice: el('div', { id: 'connection-notice' }),
    tplTitle: el('h2'),
    planLabel: el('label', { for: 'plan' }),
    plan: el('select', { id: 'plan' }),
    unitLabel: el('label', { for: 'unit' }),
    unit: el('select', { id: 'unit' }),
    monthLabel: el('label', { for: 'month' }),
    month: el('input', { id: 'month', type: 'month' }),
    insert: el('button', { id: 'insert', class: 'pm-button pm-button--primary', type: 'button' }),
    tplNotice: el('div', { id: 'template-notice' }),
    subTitle: el('h2'),
    workbook: el('p', { id: 'workbook', class: 'pm-hint' }),
    check: el('button', { id: 'check', class: 'pm-button', type: 'button' }),
    submit: el('button', { id: 'submit', class: 'pm-button pm-button--primary', type: 'button' }),
    summary: el('p', { id: 'summary', class: 'pm-summary' }),
    issues: el('ul', { id: 'issues', class: 'pm-issues' }),
    subNotice: el('div', { id: 'submit-notice' }),
    receipt: el('div', { id: 'receipt' }),
    tabs: el('nav', { class: 'pm-tabs', role: 'tablist' }),
    tabReport: el('button', { id: 'tab-report', class: 'pm-tab', type: 'button', role: 'tab' }),
    tabReview: el('button', { id: 'tab-review', class: 'pm-tab', type: 'button', role: 'tab' }),
    reportView: el('div', { id: 'report-view', class: 'pm-view' }),
  };

  constructor(private readonly host: PaneHost) {
    this.settings = new PaneSettings(host.storage);
    this.lang = this.settings.lang;
    this.catalog = this.settings.catalog;
    this.editingConnection = this.settings.connection === null;
    const saved = this.settings.connection;
    this.ui.server.value = saved?.serverUrl ?? host.defaultServerUrl;
    this.ui.token.value = '';
    this.ui.month.value = defaultMonth(host.now?.() ?? new Date());
    const now = () => host.now?.() ?? new Date();
    this.review = new ReviewView({
      excel: host, client: () => this.client(), lang: () => this.lang, plans: () => this.plansForMe(), me: () => this.me(), now,
    });
    this.unitReview = new UnitReviewView({ client: () => this.client(), lang: () => this.lang });
    this.build();
    this.wire();
  }

  mount(parent: HTMLElement): void {
    parent.replaceChildren(this.ui.root);
    this.fillSelectors();
    this.render();
    if (this.settings.connection) void this.connect(this.settings.connection.serverUrl, this.settings.connection.token, true);
  }

  private build(): void {
    const u = this.ui;
    const field = (label: HTMLElement, control: HTMLElement) => el('div', { class: 'pm-field' }, label, control);
    u.connForm.append(field(u.serverLabel, u.server), field(u.tokenLabel, u.token), u.tokenHint, el('div', { class: 'pm-actions' }, u.connect));
    u.connected.append(el('span', { class: 'pm-dot', 'aria-hidden': 'true' }), u.connectedText, u.changeToken);
    u.tabs.append(u.tabReport, u.tabReview);
    u.reportView.append(
      el('section', { class: 'pm-card', id: 'template' }, u.tplTitle,
        field(u.planLabel, u.plan), field(u.unitLabel, u.unit), field(u.monthLabel, u.month),
        el('div', { class: 'pm-actions' }, u.insert), u.tplNotice),
      el('section', { class: 'pm-card', id: 'submission' }, u.subTitle, this.unitReview.returned, u.workbook,
        el('div', { class: 'pm-actions' }, u.check, u.submit), u.summary, u.issues, u.subNotice, u.receipt),
      this.unitReview.root,
    );
    u.root.append(
      el('header', { class: 'pm-header' }, el('div', {}, u.title, u.subtitle), u.lang),
      el('section', { class: 'pm-card', id: 'connection' }, u.connTitle, u.connected, u.connForm, u.connNotice),
      u.tabs, u.reportView, this.review.root,
    );
  }

  private wire(): void {
    const u = this.ui;
    u.lang.addEventListener('click', () => {
      this.lang = this.lang === 'zh' ? 'en' : 'zh';
      this.settings.lang = this.lang;
      this.fillSelectors();
      this.render();
    });
    u.connect.addEventListener('click', () => void this.connect(u.server.value, u.token.value, false));
    u.changeToken.addEventListener('click', () => {
      this.editingConnection = true;
      this.render();
      u.token.focus();
    });
    u.plan.addEventListener('change', () => {
      this.fillSelectors();
      void this.loadUnitReview();
    });
    u.month.addEventListener('change', () => void this.loadUnitReview());
    for (const [button, tab] of [[u.tabReport, 'report'], [u.tabReview, 'review']] as const) {
      button.addEventListener('click', () => {
        this.tab = tab;
        this.render();
      });
    }
    u.insert.addEventListener('click', () => void this.insert());
    u.check.addEventListener('click', () => void this.check());
    u.submit.addEventListener('click', () => void this.submit());
  }

  private tr(key: TextKey, vars?: Record<string, string | number>): string {
    return t(key, this.lang, vars);
  }

  private client(): IntakeClient | null {
    const c = this.settings.connection;
    return c ? new IntakeClient({ baseUrl: c.serverUrl, token: c.token, ...(this.host.fetch ? { fetch: this.host.fetch } : {}) }) : null;
  }

  // ---- actions ------------------------------------------------------------------------------------------------

  private async connect(serverUrl: string, token: string, silent: boolean): Promise<void> {
    if (!serverUrl.trim() || !token.trim()) {
      this.connectNotice = { tone: 'warning', lines: [words('needConnection')] };
      this.render();
      return;
    }
    this.busy = 'connect';
    this.connectNotice = null;
    this.render();
    const client = new IntakeClient({ baseUrl: serverUrl.trim(), token, ...(this.host.fetch ? { fetch: this.host.fetch } : {}) });
    const me = await client.me();
    const plans = me.ok ? await client.catalog() : me;
    const units = plans.ok ? await client.units() : plans;
    this.busy = null;
    if (me.ok && plans.ok && units.ok) {
      this.settings.connection = { serverUrl: serverUrl.trim(), token: token.trim() };
      this.catalog = { me: me.value, plans: plans.value, units: units.value, savedAt: new Date().toISOString() };
      this.settings.catalog = this.catalog;
      this.catalogStale = false;
      this.editingConnection = false;
      this.ui.token.value = '';
      if (this.isReviewer()) {
        // A supervisor comes to review; the template tab stays one click away.
        if (!silent || this.tab === 'report') this.tab = 'review';
        this.review.start();
      } else {
        this.tab = 'report';
        void this.loadUnitReview();
      }
    } else {
      const failure = !me.ok ? me.failure : !plans.ok ? plans.failure : (units as { failure: Failure }).failure;
      const offline = failure.kind === 'unreachable' || failure.kind === 'timeout';
      if (silent && offline && this.catalog) {
        // Known token, server down: keep working from the cached catalog (check works; submit will retry).
        this.catalogStale = true;
      } else {
        this.connectNotice = { tone: 'error', lines: [failure], retry: 'connect' };
        if (!silent) this.editingConnection = true;
      }
    }
    this.fillSelectors();
    this.render();
  }

  private async insert(): Promise<void> {
    const plan = this.selectedPlan();
    const unit = this.selectedUnit();
    const month = this.ui.month.value;
    if (!plan || !unit || !/^\d{4}-\d{2}$/.test(month)) {
      this.templateNotice = { tone: 'warning', lines: [words('needConnection')] };
      this.render();
      return;
    }
    this.busy = 'insert';
    this.templateNotice = null;
    this.render();
    const previous = await this.client()?.previous(plan.id, unit.code, month);
    try {
      const result = await insertTemplate(this.host, {
        plan, unit, month, previousFromServer: previous?.ok ? previous.value : null,
      });
      const lines = [words(result.refreshed ? 'refreshed' : 'inserted')];
      lines.push(words(result.previousSource === 'server' ? 'previousServer' : result.previousSource === 'sheet' ? 'previousSheet' : 'previousNone'));
      if (result.carried > 0) lines.push(words('carried', { n: result.carried }));
      this.templateNotice = { tone: 'success', lines };
      this.report = null;
      this.receipt = null;
      this.submitNotice = null;
    } catch (err) {
      this.templateNotice = { tone: 'error', lines: [words('excelFailed', { reason: reasonOf(err) })] };
    }
    this.busy = null;
    this.render();
  }

  private async runCheck(): Promise<CheckOutcome | null> {
    const catalog = this.catalog;
    if (!catalog) {
      this.submitNotice = { tone: 'warning', lines: [words('needConnection')] };
      return null;
    }
    try {
      return await checkWorkbook(this.host, catalog.plans, catalog.units);
    } catch (err) {
      this.submitNotice = { tone: 'error', lines: [words('excelFailed', { reason: reasonOf(err) })] };
      return null;
    }
  }

  private showCheck(outcome: CheckOutcome | null): CheckReport | null {
    if (!outcome) {
      this.report = null;
      return null;
    }
    if (!outcome.ok) {
      const p = outcome.problem;
      this.report = null;
      this.submitNotice = {
        tone: 'warning',
        lines: [p.kind === 'no_template' ? words('noTemplate')
          : p.kind === 'unknown_plan' ? words('unknownPlan', { plan: p.meta.planId })
            : p.kind === 'unknown_unit' ? words('unknownUnit', { unit: p.meta.unitCode })
              : words('outdated', { old: p.meta.templateVersion, new: p.current })],
      };
      return null;
    }
    this.report = outcome.report;
    return outcome.report;
  }

  private async check(): Promise<void> {
    this.busy = 'check';
    this.submitNotice = null;
    this.templateNotice = null;
    this.receipt = null;
    this.render();
    const report = this.showCheck(await this.runCheck());
    if (report && report.blocking.length === 0) this.submitNotice = { tone: 'success', lines: [words('allGood')] };
    this.busy = null;
    this.render();
    this.reveal(this.ui.summary);
  }

  /** The pane is narrow and long: bring the outcome of an action into view instead of leaving it below the fold. */
  private reveal(target: HTMLElement): void {
    target.scrollIntoView?.({ block: 'nearest' });
  }

  private async submit(): Promise<void> {
    const client = this.client();
    if (!client) {
      this.submitNotice = { tone: 'warning', lines: [words('needConnection')] };
      this.render();
      return;
    }
    this.busy = 'submit';
    this.submitNotice = null;
    this.templateNotice = null;
    this.receipt = null;
    this.render();
    try {
      // Always a fresh check: cells may have changed (or been pasted over) since the last one.
      const report = this.showCheck(await this.runCheck());
      if (!report) return;
      if (report.blocking.length > 0) {
        this.submitNotice = { tone: 'error', lines: [words('blocked')] };
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = await this.host.fileBytes();
      } catch (err) {
        this.submitNotice = { tone: 'error', lines: [words('fileFailed', { reason: reasonOf(err) })], retry: 'submit' };
        return;
      }
      const sent = await client.submit(bytes);
      if (sent.ok) {
        this.receipt = sent.value.receipt;
        void this.loadUnitReview();
      } else {
        const offline = ['unreachable', 'timeout', 'server'].includes(sent.failure.kind);
        this.submitNotice = {
          tone: 'error',
          lines: offline ? [sent.failure, words('nothingLost')] : [sent.failure],
          ...(offline ? { retry: 'submit' as const } : {}),
        };
      }
    } finally {
      this.busy = null;
      this.render();
      this.reveal(this.receipt ? this.ui.receipt : this.submitNotice ? this.ui.subNotice : this.ui.summary);
    }
  }

  private async goTo(cell: string): Promise<void> {
    try {
      await this.host.run((context) => selectCell(context, cell));
    } catch (err) {
      this.submitNotice = { tone: 'error', lines: [words('excelFailed', { reason: reasonOf(err) })] };
      this.render();
    }
  }

  /** A unit sees its flags' review status and any send-back of its submission of the month in the pane. */
  private async loadUnitReview(): Promise<void> {
    const me = this.me();
    if (me?.kind !== 'unit' || !me.unitCode || !this.settings.connection || !/^\d{4}-\d{2}$/.test(this.ui.month.value)) return;
    await this.unitReview.load(me.unitCode, this.ui.month.value, this.selectedPlan()?.id);
  }

  // ---- selection ----------------------------------------------------------------------------------------------

  private me(): Me | null {
    return this.catalog?.me ?? null;
  }

  /** A supervisor is named by their 责任单位 (or the token's label); an administrator says so. */
  private reviewerName(me: Me): string {
    const who = reviewerOf(me);
    const role = this.tr(me.kind === 'admin' ? 'roleAdmin' : 'roleSupervisor');
    return who ? `${who}（${role}）` : role;
  }

  private isReviewer(): boolean {
    const kind = this.me()?.kind;
    return kind === 'supervisor' || kind === 'admin';
  }

  private plansForMe(): Plan[] {
    const catalog = this.catalog;
    if (!catalog) return [];
    const mine = catalog.units.find((u) => u.code === this.me()?.unitCode);
    return catalog.plans.filter((p) => (mine ? p.city === mine.city && indicatorsFor(p, mine).length > 0 : !this.me()?.city || p.city === this.me()?.city));
  }

  private unitsFor(plan: Plan | undefined): Unit[] {
    const catalog = this.catalog;
    if (!catalog || !plan) return [];
    const me = this.me();
    const units = catalog.units.filter((u) => u.city === plan.city && indicatorsFor(plan, u).length > 0);
    // A unit's token submits for that unit only: offering others would only lead to a refusal.
    return me?.kind === 'unit' ? units.filter((u) => u.code === me.unitCode) : units;
  }

  private selectedPlan(): Plan | undefined {
    return this.plansForMe().find((p) => p.id === this.ui.plan.value);
  }

  private selectedUnit(): Unit | undefined {
    return this.unitsFor(this.selectedPlan()).find((u) => u.code === this.ui.unit.value);
  }

  private fillSelectors(): void {
    const { plan: planSelect, unit: unitSelect } = this.ui;
    const keepPlan = planSelect.value;
    const plans = this.plansForMe();
    planSelect.replaceChildren(...plans.map((p) => el('option', { value: p.id }, this.lang === 'en' && p.titleEn ? p.titleEn : p.title)));
    if (plans.some((p) => p.id === keepPlan)) planSelect.value = keepPlan;
    const keepUnit = unitSelect.value;
    const units = this.unitsFor(this.selectedPlan());
    unitSelect.replaceChildren(...units.map((u) => el('option', { value: u.code }, this.lang === 'en' && u.nameEn ? u.nameEn : u.name)));
    if (units.some((u) => u.code === keepUnit)) unitSelect.value = keepUnit;
    else if (this.me()?.unitCode && units.some((u) => u.code === this.me()?.unitCode)) unitSelect.value = this.me()!.unitCode!;
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  private render(): void {
    const u = this.ui;
    document.documentElement.lang = this.lang === 'zh' ? 'zh-CN' : 'en';
    u.title.textContent = this.tr('appTitle');
    u.subtitle.textContent = this.tr('appSubtitle');
    u.lang.textContent = this.tr('langSwitch');
    u.connTitle.textContent = this.tr('connection');
    u.serverLabel.textContent = this.tr('serverUrl');
    u.tokenLabel.textContent = this.tr('token');
    u.tokenHint.textContent = this.tr('tokenHint');
    u.connect.textContent = this.busy === 'connect' ? this.tr('connecting') : this.tr('connect');
    u.changeToken.textContent = this.tr('changeToken');
    const me = this.me();
    const connected = !this.editingConnection && this.settings.connection !== null;
    u.connected.hidden = !connected;
    u.connForm.hidden = connected;
    u.connectedText.textContent = me
      ? `${this.tr('connectedAs')}${me.unitName ?? me.unitCode ?? this.reviewerName(me)}${me.unitCode ? `（${me.unitCode}）` : ''}`
      : this.tr('connectedAs');
    this.renderNotice(u.connNotice, this.catalogStale ? { tone: 'warning', lines: [words('offlineCatalog')] } : this.connectNotice);

    u.tplTitle.textContent = this.tr('template');
    u.planLabel.textContent = this.tr('plan');
    u.unitLabel.textContent = this.tr('unit');
    u.monthLabel.textContent = this.tr('month');
    u.unit.disabled = me?.kind === 'unit';
    u.insert.textContent = this.busy === 'insert' ? this.tr('inserting') : this.tr('insert');
    this.renderNotice(u.tplNotice, this.templateNotice);

    u.subTitle.textContent = this.tr('checkAndSubmit');
    u.check.textContent = this.busy === 'check' ? this.tr('checking') : this.tr('check');
    u.submit.textContent = this.busy === 'submit' ? this.tr('submitting') : this.tr('submit');
    for (const b of [u.connect, u.insert, u.check, u.submit]) b.disabled = this.busy !== null;
    u.insert.disabled ||= !this.catalog;
    this.renderReport();
    this.renderNotice(u.subNotice, this.submitNotice);
    this.renderReceipt();

    const reviewer = connected && this.isReviewer();
    u.tabs.hidden = !reviewer;
    u.tabReport.textContent = this.tr('tabReport');
    u.tabReview.textContent = this.tr('tabReview');
    const onReview = reviewer && this.tab === 'review';
    u.tabReport.setAttribute('aria-selected', String(!onReview));
    u.tabReview.setAttribute('aria-selected', String(onReview));
    u.reportView.hidden = onReview;
    this.review.root.hidden = !onReview;
    if (onReview) this.review.render();
    this.unitReview.root.hidden = !(connected && this.me()?.kind === 'unit');
    if (!this.unitReview.root.hidden) this.unitReview.render();
  }

  private renderReport(): void {
    const { workbook, summary, issues } = this.ui;
    const report = this.report;
    workbook.textContent = report
      ? `${this.tr('workbookIs')}${this.lang === 'en' && report.unit.nameEn ? report.unit.nameEn : report.unit.name} · ${this.lang === 'zh' ? monthLabelZh(report.meta.month) : monthLabelEn(report.meta.month)} · ${this.lang === 'en' && report.plan.titleEn ? report.plan.titleEn : report.plan.title}`
      : '';
    workbook.hidden = !report;
    if (!report) {
      summary.textContent = '';
      issues.replaceChildren();
      return;
    }
    const errors = report.blocking.filter((i) => i.severity === 'error').length;
    const explain = report.blocking.length - errors;
    const counts = countStatuses(report.result.evaluations.map((e) => e.status));
    summary.textContent = report.blocking.length > 0
      ? this.tr('found', { errors, explain })
      : this.tr('counts', { entries: report.result.evaluations.length, ...counts });
    summary.className = `pm-summary ${report.blocking.length > 0 ? 'pm-summary--blocked' : 'pm-summary--ok'}`;
    issues.replaceChildren(...report.result.issues.map((i) => this.issueItem(i)));
  }

  private issueItem(issue: EntryIssue): HTMLLIElement {
    const kind = issue.severity === 'error' ? 'error' : issue.code === 'explanation_required' ? 'explain' : 'warning';
    const badge: TextKey = kind === 'error' ? 'badgeError' : kind === 'explain' ? 'badgeExplain' : 'badgeWarning';
    const item = el('li', { class: `pm-issue pm-issue--${kind}`, 'data-cell': issue.cell, 'data-code': issue.code, tabindex: '0', role: 'button' },
      el('span', { class: 'pm-badge' }, this.tr(badge)),
      el('span', { class: 'pm-cell' }, issue.cell),
      el('span', { class: 'pm-text' }, this.lang === 'zh' ? issue.zh : issue.en));
    const go = () => void this.goTo(issue.cell);
    item.addEventListener('click', go);
    item.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') go();
    });
    return item;
  }

  private renderReceipt(): void {
    const box = this.ui.receipt;
    const receipt = this.receipt;
    if (!receipt) {
      box.replaceChildren();
      box.className = '';
      return;
    }
    box.className = `pm-receipt pm-receipt--${receipt.status}`;
    box.replaceChildren(
      el('div', { class: 'pm-receipt-title' }, this.tr('receiptTitle')),
      el('p', { class: 'pm-receipt-headline' }, receiptHeadline(receipt, this.lang)),
      el('ul', { class: 'pm-receipt-details' }, ...receiptDetails(receipt, this.lang).map((line) => el('li', {}, line))),
      ...(receipt.issues.length > 0
        ? [el('ul', { class: 'pm-receipt-issues' }, ...receipt.issues.map((i) => el('li', { class: `pm-receipt-issue--${i.severity}` }, issueLine(i, this.lang))))]
        : []),
    );
  }

  private renderNotice(box: HTMLElement, notice: Notice | null): void {
    fillNotice(box, notice, this.lang);
    if (notice?.retry) {
      const retry = el('button', { class: 'pm-button pm-retry', type: 'button', 'data-retry': notice.retry }, this.tr('retry'));
      retry.disabled = this.busy !== null;
      retry.addEventListener('click', () => {
        const c = this.settings.connection;
        if (notice.retry === 'submit') void this.submit();
        else void this.connect(c?.serverUrl ?? this.ui.server.value, c?.token ?? this.ui.token.value, false);
      });
      box.append(retry);
    }
  }
}

function countStatuses(statuses: Status[]): Record<'met' | 'onTrack' | 'atRisk' | 'short' | 'missing' | 'noTarget', number> {
  const n = (s: Status) => statuses.filter((x) => x === s).length;
  return { met: n('met'), onTrack: n('on_track'), atRisk: n('at_risk'), short: n('short'), missing: n('missing'), noTarget: n('no_target') };
}
