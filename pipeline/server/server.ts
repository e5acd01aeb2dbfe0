/**
 * The pipeline's HTTP server (Fastify): the intake the add-in and the upload page post workbooks to, and the small
 * API they read (catalog, units, a unit's history, last month's values, a month's completeness).
 *
 * Who may do what (tokens, see store/tokens.ts):
 *  - a unit token submits for its own unit only and reads its own history;
 *  - supervisor and administrator tokens read everything of their city (an administrator without a city: all);
 *  - nothing of another city is visible to anyone bound to a city.
 * The review API (review-routes.ts, pipeline/review/) adds what supervisors decide, send back and unlock.
 * Upload size is limited before anything is read (413); the workbook is parsed by the same reader as every other
 * channel; the response is the receipt.
 */
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { Unit } from '../../core/schema';
import type { Lang, Receipt } from '../../core/receipt';
import type { Config } from '../config';
import type { TemplateParser } from '../intake/parse-pool';
import { receiptStatusCode, tooLargeReceipt } from '../intake/receipts';
import type { IntakeStore } from '../store/store';
import { hashSecret, seesCity, type TokenInfo } from '../store/tokens';
import type { Channel } from '../store/tables';
import { ReviewService } from '../review/service';
import { registerReviewRoutes } from './review-routes';
import { HttpProblem, MESSAGES, monthParam, planFor, type Problem } from './problems';
import { renderUploadPage, type PageReturn } from './upload-page';

export interface ServerDeps {
  config: Config;
  store: IntakeStore;
  parser: TemplateParser;
  /** Fastify's logger (pino): `serve` logs warnings and errors (an internal error is never silent); off in tests. */
  logger?: boolean | { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' };
  /** The review's clock (ages of flags, "today" for due dates); tests set it. */
  now?: () => Date;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

declare module 'fastify' {
  interface FastifyRequest {
    token: TokenInfo | null;
  }
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config, store } = deps;
  const limit = config.server.maxUploadBytes;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: limit,
    trustProxy: config.server.trustProxy,
    ...(config.server.tls ? { https: { key: readFileSync(config.server.tls.key), cert: readFileSync(config.server.tls.cert) } } : {}),
  }) as unknown as FastifyInstance;
  app.decorateRequest('token', null);

  await app.register(cors, {
    origin: config.server.addinOrigins.length > 0 ? config.server.addinOrigins : false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: config.server.rateLimit.max,
    timeWindow: config.server.rateLimit.windowSeconds * 1000,
    // Per token where there is one (a bureau's units may share one address behind NAT), else per address.
    keyGenerator: (req) => {
      const secret = bearer(req);
      return secret ? `t:${hashSecret(secret)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) => ({ statusCode: ctx.statusCode, error: MESSAGES.rateLimited }),
  });
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 8 * 1024, parts: 12 } });
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof HttpProblem) return sendProblem(req, reply, err.statusCode, err.problem, err.details);
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const receipt = tooLargeReceipt(limit, declaredLength(req));
      return isPage(req) ? sendPage(reply, 413, { lang: pageLang(req), receipt }) : reply.code(413).send({ ...receipt, error: pick(receipt) });
    }
    if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(req, reply, 415, MESSAGES.mediaType);
    if (err.statusCode === 429) return reply.code(429).send({ error: MESSAGES.rateLimited });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(req, reply, err.statusCode, { zh: `请求有误：${err.message}`, en: `Bad request: ${err.message}` });
    }
    req.log.error(err);
    return sendProblem(req, reply, 500, MESSAGES.internal);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, 404, MESSAGES.notFound));

  const requireToken = async (req: FastifyRequest) => {
    const secret = bearer(req);
    if (!secret) throw new HttpProblem(401, MESSAGES.noToken);
    req.token = await verified(store, secret);
  };
  // A body larger than the limit is refused from its declared length, before a byte of it is read.
  const checkLength = async (req: FastifyRequest) => {
    const length = declaredLength(req);
    if (length !== undefined && length > limit + 64 * 1024) throw Object.assign(new Error('too large'), { statusCode: 413 });
  };

  app.get('/api/health', async () => ({ ok: true }));

  app.post('/api/submissions', { onRequest: [requireToken, checkLength] }, async (req, reply) => {
    const token = req.token!;
    if (token.kind !== 'unit' || !token.unitCode) throw new HttpProblem(403, MESSAGES.unitsOnly);
    // Fastify parses text and JSON bodies itself: those are not workbooks.
    if (!req.isMultipart() && req.body !== undefined && !Buffer.isBuffer(req.body)) throw new HttpProblem(415, MESSAGES.mediaType);
    const upload = req.isMultipart() ? await multipartFile(req) : { bytes: asBuffer(req.body), fileName: fileNameHeader(req) };
    if (!upload.bytes) throw new HttpProblem(400, MESSAGES.noFile);
    const receipt = await submit(deps, token, upload.bytes, upload.fileName, 'api');
    return reply.code(receiptStatusCode(receipt)).send(receipt);
  });

  app.get('/api/me', { onRequest: requireToken }, async (req) => {
    const t = req.token!;
    const unit = t.unitCode ? findUnit(store, t.unitCode) : undefined;
    return {
      kind: t.kind, tokenId: t.id, city: t.city, ...(t.unitCode ? { unitCode: t.unitCode, unitName: unit?.name ?? null } : {}),
      ...(t.kind === 'supervisor' ? { responsible: t.responsible } : {}), label: t.label,
    };
  });

  app.get('/api/catalog', { onRequest: requireToken }, async (req) => store.catalog.plans.filter((p) => seesCity(req.token!, p.city)));
  app.get('/api/units', { onRequest: requireToken }, async (req) => store.catalog.units.filter((u) => seesCity(req.token!, u.city)));

  app.get('/api/submissions', { onRequest: requireToken }, async (req) => {
    const q = req.query as { unit?: string; month?: string; plan?: string };
    const unit = unitAllowed(store, req.token!, q.unit);
    if (q.month !== undefined) monthParam(q.month);
    if (q.plan !== undefined) planFor(store.catalog.plans, req.token!, q.plan);
    return { unitCode: unit.code, unitName: unit.name, submissions: await store.unitHistory(unit.code, { month: q.month, planId: q.plan }) };
  });

  app.get('/api/submissions/:id/file', { onRequest: requireToken }, async (req, reply) => {
    const found = await store.submission((req.params as { id: string }).id);
    if (!found) throw new HttpProblem(404, MESSAGES.notFound);
    if (found.unitCode) unitAllowed(store, req.token!, found.unitCode);
    else if (req.token!.kind !== 'admin' || req.token!.city !== null) throw new HttpProblem(403, MESSAGES.otherUnit);
    const bytes = await store.fileBytes(found.fileHash);
    return reply.type(XLSX_TYPE).header('Content-Disposition', `attachment; filename="${found.id}.xlsx"`).send(bytes);
  });

  app.get('/api/previous', { onRequest: requireToken }, async (req) => {
    const q = req.query as { plan?: string; unit?: string; month?: string };
    const plan = planFor(store.catalog.plans, req.token!, q.plan);
    const unit = unitAllowed(store, req.token!, q.unit);
    return { planId: plan.id, unitCode: unit.code, ...(await store.previousValues(plan.id, unit.code, monthParam(q.month))) };
  });

  app.get('/api/completeness', { onRequest: requireToken }, async (req) => {
    const q = req.query as { plan?: string; month?: string };
    if (req.token!.kind === 'unit') throw new HttpProblem(403, MESSAGES.supervisorsOnly);
    const plan = planFor(store.catalog.plans, req.token!, q.plan);
    return store.completeness(plan.id, monthParam(q.month));
  });

  registerReviewRoutes(app, { review: new ReviewService(store, deps.now), requireToken });

  app.get('/upload', async (req, reply) => sendPage(reply, 200, { lang: pageLang(req) }));

  // 查看退回: a unit without the add-in enters its token to see which of its submissions were sent back, and why.
  app.post('/upload/returns', async (req, reply) => {
    if (!req.isMultipart()) throw new HttpProblem(415, MESSAGES.mediaType);
    const form = await pageForm(req);
    const lang = form.lang;
    const token = form.token ? await verified(store, form.token).catch((e: unknown) => e as HttpProblem) : new HttpProblem(401, MESSAGES.noToken);
    if (token instanceof HttpProblem) return sendPage(reply, token.statusCode, { lang, error: token.problem });
    if (token.kind !== 'unit' || !token.unitCode) return sendPage(reply, 403, { lang, error: MESSAGES.unitsOnly, token: form.token });
    return sendPage(reply, 200, { lang, token: form.token, returns: await pageReturns(store, token.unitCode) });
  });

  app.post('/upload', { onRequest: checkLength }, async (req, reply) => {
    if (!req.isMultipart()) throw new HttpProblem(415, MESSAGES.mediaType);
    const form = await pageForm(req);
    const lang = form.lang;
    const token = form.token ? await verified(store, form.token).catch((e: unknown) => e as HttpProblem) : new HttpProblem(401, MESSAGES.noToken);
    if (token instanceof HttpProblem) return sendPage(reply, token.statusCode, { lang, error: token.problem });
    if (token.kind !== 'unit') return sendPage(reply, 403, { lang, error: MESSAGES.unitsOnly, token: form.token });
    if (!form.bytes) return sendPage(reply, 400, { lang, error: MESSAGES.noFile, token: form.token });
    const receipt = await submit(deps, token, form.bytes, form.fileName, 'upload-page');
    // With every receipt, what is still sent back (a correction just accepted has closed its send-back).
    return sendPage(reply, receiptStatusCode(receipt), { lang, receipt, token: form.token, returns: await pageReturns(store, token.unitCode!) });
  });

  return app;
}

/** Parse and record one workbook sent with a unit's token; the token's unit is the only unit it may be for. */
async function submit(deps: ServerDeps, token: TokenInfo, bytes: Buffer, fileName: string | null, channel: Channel): Promise<Receipt> {
  const { outcome, bytes: kept } = await deps.parser.parse({ bytes, expect: { unitCode: token.unitCode! }, maxBytes: deps.config.server.maxUploadBytes });
  const result = await deps.store.record({ outcome, bytes: kept, channel, submittedBy: `token:${token.id}`, uploaderUnit: token.unitCode, fileName });
  return result.receipt;
}

/** The unit's open send-backs as the upload page lists them. */
async function pageReturns(store: IntakeStore, unitCode: string): Promise<PageReturn[]> {
  const open = await store.openSendBacks(unitCode);
  return open.map((r) => ({ ...r, planTitle: store.catalog.plans.find((p) => p.id === r.planId)?.title ?? r.planId }));
}

async function verified(store: IntakeStore, secret: string): Promise<TokenInfo> {
  const v = await store.tokens.verify(secret.trim());
  if (!v.ok) throw new HttpProblem(401, v.why === 'revoked' ? MESSAGES.revokedToken : MESSAGES.unknownToken);
  return v.token;
}

function bearer(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}

function declaredLength(req: FastifyRequest): number | undefined {
  const raw = req.headers['content-length'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function asBuffer(body: unknown): Buffer | null {
  return Buffer.isBuffer(body) && body.length > 0 ? body : null;
}

/** The original file name, when the add-in sends one (X-File-Name, URI-encoded). */
function fileNameHeader(req: FastifyRequest): string | null {
  const raw = req.headers['x-file-name'];
  if (typeof raw !== 'string' || raw.length === 0) return null;
  try {
    return decodeURIComponent(raw).slice(0, 255);
  } catch {
    return raw.slice(0, 255);
  }
}

async function multipartFile(req: FastifyRequest): Promise<{ bytes: Buffer | null; fileName: string | null }> {
  for await (const part of req.parts()) {
    if (part.type === 'file' && part.fieldname === 'file') return { bytes: await part.toBuffer(), fileName: part.filename || null };
    if (part.type === 'file') part.file.resume();
  }
  return { bytes: null, fileName: null };
}

interface PageForm {
  lang: Lang;
  token: string;
  bytes: Buffer | null;
  fileName: string | null;
}

async function pageForm(req: FastifyRequest): Promise<PageForm> {
  const form: PageForm = { lang: pageLang(req), token: '', bytes: null, fileName: null };
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname === 'file' && part.filename) {
        form.bytes = await part.toBuffer();
        form.fileName = part.filename;
      } else {
        part.file.resume();
      }
    } else if (part.fieldname === 'token') {
      form.token = String(part.value ?? '').trim();
    } else if (part.fieldname === 'lang') {
      form.lang = part.value === 'en' ? 'en' : 'zh';
    }
  }
  return form;
}

function isPage(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0];
  return path === '/upload' || path === '/upload/returns';
}

function pageLang(req: FastifyRequest): Lang {
  return (req.query as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'zh';
}

function sendPage(reply: FastifyReply, status: number, state: Parameters<typeof renderUploadPage>[0]): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8')
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'")
    .send(renderUploadPage(state));
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, status: number, problem: Problem, details?: Record<string, unknown>): FastifyReply {
  return isPage(req) ? sendPage(reply, status, { lang: pageLang(req), error: problem }) : reply.code(status).send({ error: problem, ...details });
}

function pick(receipt: Receipt): Problem {
  const issue = receipt.issues[0]!;
  return { zh: issue.zh, en: issue.en };
}


function findUnit(store: IntakeStore, code: string): Unit | undefined {
  return store.catalog.units.find((u) => u.code === code);
}

function unitAllowed(store: IntakeStore, token: TokenInfo, code: string | undefined): Unit {
  const wanted = code ?? (token.kind === 'unit' ? token.unitCode ?? undefined : undefined);
  if (!wanted) throw new HttpProblem(400, MESSAGES.unitRequired);
  if (token.kind === 'unit' && wanted !== token.unitCode) throw new HttpProblem(403, MESSAGES.otherUnit);
  const unit = findUnit(store, wanted);
  if (!unit) throw new HttpProblem(404, MESSAGES.unknownUnit);
  if (!seesCity(token, unit.city)) throw new HttpProblem(403, MESSAGES.otherCity);
  return unit;
}

