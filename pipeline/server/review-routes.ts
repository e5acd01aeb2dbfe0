/**
 * The review API (core/review.ts REVIEW_API): supervisors list and decide flags, send submissions back (退回) and
 * unlock issued months; units read their own flags' status; everyone bound to a city sees nothing of another.
 * Bodies are JSON, validated with the schemas of core/review.ts; refusals carry { error: { zh, en } }, and a refused
 * batch of decisions also `problems` (index, field, zh, en) so that the add-in can point at the sheet's row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REVIEW_API } from '../../core/review';
import { ReviewProblem } from '../review/access';
import type { ListQuery, ReviewService } from '../review/service';

export interface ReviewRouteDeps {
  review: ReviewService;
  requireToken: (req: FastifyRequest) => Promise<void>;
}

export function registerReviewRoutes(app: FastifyInstance, deps: ReviewRouteDeps): void {
  const { review } = deps;
  const onRequest = deps.requireToken;

  app.get(REVIEW_API.flags, { onRequest }, (req, reply) => answer(reply, 200, () => review.list(req.token!, req.query as ListQuery)));

  app.post(REVIEW_API.decisions, { onRequest }, (req, reply) => answer(reply, 201, () => review.decide(req.token!, req.body)));

  app.get(REVIEW_API.history, { onRequest }, (req, reply) =>
    answer(reply, 200, () => review.history(req.token!, (req.query as { flag?: string }).flag)));

  app.post(REVIEW_API.sendBack, { onRequest }, (req, reply) => answer(reply, 201, () => review.sendBack(req.token!, req.body)));

  app.post(REVIEW_API.unlock, { onRequest }, (req, reply) =>
    answer(reply, 201, async () => ({ event: await review.unlock(req.token!, req.body) })));

  app.get(REVIEW_API.events, { onRequest }, (req, reply) =>
    answer(reply, 200, async () => ({ events: await review.events(req.token!, req.query as { plan?: string; month?: string; unit?: string }) })));
}

/** Runs the service call; a refusal is answered with its status, both messages and its details (problems). */
async function answer(reply: FastifyReply, status: number, call: () => Promise<unknown>): Promise<FastifyReply> {
  try {
    return reply.code(status).send(await call());
  } catch (err) {
    if (err instanceof ReviewProblem) return reply.code(err.statusCode).send({ error: err.problem, ...err.details });
    throw err;
  }
}
