/**
 * The pane's calls to the intake server (pipeline/server): who am I, the catalogs, last month's values, submit.
 * Every call answers with an Outcome, never throws: the pane turns a failure into plain words and a retry button.
 * "Unreachable" is told apart from a refusal, because then nothing reached the server and nothing is lost.
 */
import { z } from 'zod';
import { ReceiptSchema, type Receipt } from '../../core/receipt';
import { REVIEW_API, type ReviewDecision, type ReviewList, type SendBack, type Unlock } from '../../core/review';
import { PlanSchema, UnitSchema, type Month, type Plan, type Unit } from '../../core/schema';
import {
  SubmissionSummarySchema, parseRefusal, parseReviewList, storedCount,
  type DecideResult, type SubmissionSummaryItem,
} from './review/review-api';

export type FailureKind = 'unreachable' | 'timeout' | 'unauthorized' | 'forbidden' | 'too_large' | 'server' | 'bad_response' | 'refused';

export interface Failure {
  kind: FailureKind;
  status?: number;
  /** The server's own words when it sent some ({error:{zh,en}}), else ours. */
  zh: string;
  en: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const MeSchema = z.object({
  kind: z.enum(['unit', 'supervisor', 'admin']),
  unitCode: z.string().nullish(),
  unitName: z.string().nullish(),
  /** null for an administrator of every city. */
  city: z.string().nullish(),
  /** A supervisor's 责任单位 (the server sends them for a supervisor's token only). */
  responsible: z.array(z.string()).optional(),
  /** The token's label (e.g. the supervisor's office), when the administrator gave one. */
  label: z.string().nullish(),
});
export type Me = z.infer<typeof MeSchema>;

/** Who a supervisor or administrator is: their 责任单位, else the token's label; '' when neither was given. */
export function reviewerOf(me: Me | null): string {
  const responsible = me?.responsible ?? [];
  return responsible.length > 0 ? responsible.join('、') : me?.label || '';
}

export interface SubmitResult {
  /** 201 accepted, 200 duplicate, 422 refused. */
  httpStatus: number;
  receipt: Receipt;
}

const ServerErrorSchema = z.object({ error: z.object({ zh: z.string(), en: z.string() }) });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FAILURE_WORDS: Record<FailureKind, { zh: string; en: string }> = {
  unreachable: {
    zh: '无法连接到报送服务器。请检查网络或服务器地址；工作簿中的数据未受影响，可稍后点击“重试”。',
    en: 'Cannot reach the intake server. Check the network or the server address; nothing in the workbook is lost — retry later.',
  },
  timeout: {
    zh: '服务器长时间没有响应。工作簿中的数据未受影响，请稍后点击“重试”。',
    en: 'The server did not answer in time. Nothing in the workbook is lost — retry later.',
  },
  unauthorized: {
    zh: '报送口令无效或已被停用，请向市教育局管理员索取新的口令。',
    en: 'The access token is invalid or revoked; ask the city bureau administrator for a new one.',
  },
  forbidden: {
    zh: '此口令无权执行该操作（只能报送本单位的数据）。',
    en: 'This token may not do that (a unit submits only its own data).',
  },
  too_large: {
    zh: '文件过大，服务器拒绝接收。请删除工作簿中模板以外的大型内容（图片、其他工作表）后重试。',
    en: 'The file is too large for the server. Remove large content other than the template (pictures, other sheets) and retry.',
  },
  server: {
    zh: '服务器内部出错，未能处理本次请求。工作簿中的数据未受影响，请稍后重试；如持续出现请联系管理员。',
    en: 'The server failed to process the request. Nothing in the workbook is lost; retry later and tell the administrator if it persists.',
  },
  refused: {
    zh: '服务器拒绝了该请求。',
    en: 'The server refused the request.',
  },
  bad_response: {
    zh: '服务器的答复无法识别，可能服务器地址有误（不是报送服务器）。',
    en: 'The server answered in an unexpected way; the address may not be the intake server.',
  },
};

export function failure(kind: FailureKind, status?: number, words = FAILURE_WORDS[kind]): Failure {
  return { kind, ...(status === undefined ? {} : { status }), zh: words.zh, en: words.en };
}

export interface IntakeClientOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class IntakeClient {
  private readonly baseUrl: string;
  private readonly token: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor({ baseUrl, token, fetch: fetchImpl, timeoutMs = 60_000 }: IntakeClientOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.token = token.trim();
    this.fetchImpl = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = timeoutMs;
  }

  me(): Promise<Outcome<Me>> {
    return this.getJson('/api/me', (body) => MeSchema.parse(body));
  }

  catalog(): Promise<Outcome<Plan[]>> {
    return this.getJson('/api/catalog', (body) => listOf(body, 'plans').map((p) => PlanSchema.parse(p)));
  }

  units(): Promise<Outcome<Unit[]>> {
    return this.getJson('/api/units', (body) => listOf(body, 'units').map((u) => UnitSchema.parse(u)));
  }

  /** Last month's values of a unit (for the 上月值 column); the month asked is the template's month. */
  previous(planId: string, unitCode: string, month: Month): Promise<Outcome<Record<string, number | null>>> {
    const query = new URLSearchParams({ plan: planId, unit: unitCode, month });
    return this.getJson(`/api/previous?${query}`, (body) => z.object({ values: z.record(z.string(), z.number().nullable()) }).parse(body).values);
  }

  async submit(bytes: Uint8Array): Promise<Outcome<SubmitResult>> {
    const sent = await this.request('/api/submissions', {
      method: 'POST',
      headers: { 'Content-Type': XLSX },
      body: bytes as unknown as BodyInit,
    });
    if (!sent.ok) return sent;
    const response = sent.value;
    if (response.status === 200 || response.status === 201 || response.status === 422) {
      const body = await readJson(response);
      const receipt = ReceiptSchema.safeParse(body);
      if (!receipt.success) return { ok: false, failure: failure('bad_response', response.status) };
      return { ok: true, value: { httpStatus: response.status, receipt: receipt.data } };
    }
    return { ok: false, failure: await failureOf(response) };
  }

  /** The flags routed to this token (supervisor: their 责任单位; unit: its own), with their review status. */
  reviewFlags(query: { plan?: string; month?: string; unit?: string; status?: string } = {}): Promise<Outcome<ReviewList>> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    const qs = params.toString();
    return this.getJson(`${REVIEW_API.flags}${qs ? `?${qs}` : ''}`, parseReviewList);
  }

  /** All the decisions at once: stored together, or none with every problem (422). */
  async decide(decisions: ReviewDecision[]): Promise<Outcome<DecideResult>> {
    const sent = await this.postJson(REVIEW_API.decisions, { decisions });
    if (!sent.ok) return sent;
    const response = sent.value;
    const body = await readJson(response);
    if (response.ok) return { ok: true, value: { stored: storedCount(body, decisions.length) } };
    if (response.status === 422) {
      const refusal = parseRefusal(body);
      if (refusal) return { ok: true, value: refusal };
    }
    return { ok: false, failure: failureFrom(response.status, body) };
  }

  /** 退回: returns a unit's submission of a month with a reason. */
  sendBack(request: SendBack): Promise<Outcome<null>> {
    return this.postDone(REVIEW_API.sendBack, request);
  }

  /** 解锁: lets a unit correct a month whose report was issued. */
  unlock(request: Unlock): Promise<Outcome<null>> {
    return this.postDone(REVIEW_API.unlock, request);
  }

  /** A unit's submissions of a month (newest first as the server sends them), each with its send-back if any. */
  submissions(unitCode: string, month: Month, planId?: string): Promise<Outcome<SubmissionSummaryItem[]>> {
    const query = new URLSearchParams({ unit: unitCode, month, ...(planId ? { plan: planId } : {}) });
    return this.getJson(`/api/submissions?${query}`, (body) => listOf(body, 'submissions').map((s) => SubmissionSummarySchema.parse(s)));
  }

  private postJson(path: string, body: unknown): Promise<Outcome<Response>> {
    return this.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  }

  private async postDone(path: string, body: unknown): Promise<Outcome<null>> {
    const sent = await this.postJson(path, body);
    if (!sent.ok) return sent;
    const response = sent.value;
    if (response.ok) return { ok: true, value: null };
    return { ok: false, failure: failureFrom(response.status, await readJson(response)) };
  }

  private async getJson<T>(path: string, parse: (body: unknown) => T): Promise<Outcome<T>> {
    const sent = await this.request(path, { method: 'GET' });
    if (!sent.ok) return sent;
    const response = sent.value;
    if (!response.ok) return { ok: false, failure: await failureOf(response) };
    try {
      return { ok: true, value: parse(await response.json()) };
    } catch {
      return { ok: false, failure: failure('bad_response', response.status) };
    }
  }

  private async request(path: string, init: RequestInit): Promise<Outcome<Response>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), Authorization: `Bearer ${this.token}` },
        signal: controller.signal,
        // The token goes in the header only; no cookies cross to the intake's origin.
        credentials: 'omit',
      });
      return { ok: true, value: response };
    } catch {
      // fetch rejects only when no answer came: refused connection, DNS, TLS, CORS, or our own timeout.
      return { ok: false, failure: failure(controller.signal.aborted ? 'timeout' : 'unreachable') };
    } finally {
      clearTimeout(timer);
    }
  }
}

function listOf(body: unknown, key: string): unknown[] {
  if (Array.isArray(body)) return body;
  const inner = (body as Record<string, unknown> | null)?.[key];
  if (Array.isArray(inner)) return inner;
  throw new Error(`expected a list of ${key}`);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function failureOf(response: Response): Promise<Failure> {
  return failureFrom(response.status, await readJson(response));
}

/** A refusal in the server's own words when it sent some: a 4xx with {error:{zh,en}} is a refusal to show as said. */
function failureFrom(status: number, body: unknown): Failure {
  const kind: FailureKind = status === 401 ? 'unauthorized'
    : status === 403 ? 'forbidden'
      : status === 413 ? 'too_large'
        : status >= 500 ? 'server'
          : status >= 400 && status < 500 ? 'refused' : 'bad_response';
  const said = ServerErrorSchema.safeParse(body);
  return failure(kind === 'refused' && !said.success ? 'bad_response' : kind, status, said.success ? said.data.error : undefined);
}
