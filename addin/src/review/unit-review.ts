/**
 * What a unit's token sees of the review, beside its submission: a send-back (退回) of its current submission with
 * the supervisor's reason, and the review status of its own flags (read only).
 */
import { formatShanghaiTime } from '../../../core/receipt';
import { REVIEW_STATUS_LABEL, type ReviewItem } from '../../../core/review';
import { t, type Lang, type TextKey } from '../i18n';
import type { Failure, IntakeClient } from '../intake-client';
import type { SubmissionSummaryItem } from './review-api';
import { el, fillNotice } from './dom';
import { indicatorLabel, monthText, reviewDetail, statusOf } from './review-view';

export interface UnitReviewHost {
  client(): IntakeClient | null;
  lang(): Lang;
}

export class UnitReviewView {
  readonly root = el('section', { class: 'pm-card', id: 'unit-review' });
  private readonly title = el('h2');
  /** Placed by the pane at the top of its submission card: a send-back must not sit below the fold. */
  readonly returned = el('div', { id: 'returned-notice' });
  private readonly intro = el('p', { id: 'unit-flags-intro', class: 'pm-hint' });
  private readonly flags = el('ul', { id: 'unit-flags', class: 'pm-flags pm-flags--compact' });
  private readonly problem = el('div', { id: 'unit-review-notice' });
  private items: ReviewItem[] | null = null;
  private listMonth: string | null = null;
  private current: SubmissionSummaryItem | null = null;
  private failure: Failure | null = null;

  constructor(private readonly host: UnitReviewHost) {
    this.root.append(this.title, this.intro, this.flags, this.problem);
  }

  private tr(key: TextKey, vars?: Record<string, string | number>): string {
    return t(key, this.host.lang(), vars);
  }

  /** Reads the unit's flags (latest month with flags) and its submissions of `month`; either may fail alone. */
  async load(unitCode: string, month: string, planId: string | undefined): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    const [flags, history] = await Promise.all([client.reviewFlags(planId ? { plan: planId } : {}), client.submissions(unitCode, month, planId)]);
    this.failure = !flags.ok ? flags.failure : !history.ok ? history.failure : null;
    if (flags.ok) {
      this.items = flags.value.items;
      this.listMonth = flags.value.month;
    }
    if (history.ok) {
      // The current submission is the accepted one; a send-back is shown while it stands.
      this.current = history.value.find((s) => s.status === 'accepted' && s.returned) ?? null;
    }
    this.render();
  }

  render(): void {
    const lang = this.host.lang();
    this.title.textContent = this.tr('unitReviewTitle');
    const r = this.current?.returned;
    const current = this.current;
    const both = (key: TextKey, vars: (l: Lang) => Record<string, string | number>) => ({ zh: t(key, 'zh', vars('zh')), en: t(key, 'en', vars('en')) });
    fillNotice(this.returned, r && current ? {
      tone: 'warning',
      lines: [
        both('returnedNotice', (l) => ({ month: monthText(current.month ?? '', l), version: current.version ?? '', reason: r.reason })),
        both('returnedBy', () => ({ by: r.by ?? '', at: formatShanghaiTime(new Date(r.at)) })),
      ],
    } : null, lang);
    const items = this.items ?? [];
    this.intro.textContent = this.items === null ? '' : items.length === 0 ? this.tr('unitReviewEmpty')
      : this.tr('unitFlagsIntro', { month: monthText(this.listMonth ?? items[0]!.month, lang) });
    this.flags.replaceChildren(...items.map((item) => {
      const status = statusOf(item);
      const detail = item.review ? reviewDetail(item.review, lang) : '';
      return el('li', { class: `pm-flag pm-flag--${item.severity}`, 'data-flag-key': item.flagKey },
        el('div', { class: 'pm-flag-head' },
          el('span', { class: 'pm-flag-what' }, indicatorLabel(item)),
          el('span', { class: `pm-status pm-status--${status}`, 'data-status': status }, lang === 'zh' ? REVIEW_STATUS_LABEL[status].zh : REVIEW_STATUS_LABEL[status].en)),
        el('p', { class: 'pm-flag-message' }, lang === 'zh' || !item.messageEn ? item.message : item.messageEn),
        ...(detail ? [el('p', { class: 'pm-flag-line pm-last-review' }, detail)] : []));
    }));
    fillNotice(this.problem, this.failure ? { tone: 'warning', lines: [this.failure] } : null, lang);
  }
}
