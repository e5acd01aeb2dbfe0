/**
 * The review API (core/review.ts REVIEW_API): supervisors list and decide flags, send submissions back (退回) and
 * unlock issued months; units read their own flags' status; everyone bound to a city sees nothing of another.
 * Bodies are JSON, validated with the schemas of core/review.ts; refusals carry { error: { zh, en } }, and a refused
 * batch of decisions also `problems` (index, field, zh, en) so that the add-in can point at the sheet's row.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REVIEW_API } from '../../core/review';
import type { ListQuery, ReviewService } from '../review/service';

export interface ReviewRouteDeps {
  review: ReviewService;
  requireToken: (req: FastifyRequest) => Promise<void>;
}

/** A refusal is an HttpProblem, answered by the server's error handler with its status, messages and details. */
export function registerReviewRoutes(app: FastifyInstance, deps: ReviewRouteDeps): void {
  const { review } = deps;
  const onRequest = deps.requireToken;

  app.get(REVIEW_API.flags, { onRequest }, async (req) => review.list(req.token!, req.query as ListQuery));

  app.post(REVIEW_API.decisions, { onRequest }, async (req, reply) => reply.code(201).send(await review.decide(req.token!, req.body)));

  app.get(REVIEW_API.history, { onRequest }, async (req) => review.history(req.token!, (req.query as { flag?: string }).flag));

  app.post(REVIEW_API.sendBack, { onRequest }, async (req, reply) => reply.code(201).send(await review.sendBack(req.token!, req.body)));

  app.post(REVIEW_API.unlock, { onRequest }, async (req, reply) => reply.code(201).send({ event: await review.unlock(req.token!, req.body) }));

  app.get(REVIEW_API.events, { onRequest }, async (req) =>
    ({ events: await review.events(req.token!, req.query as { plan?: string; month?: string; unit?: string }) }));
}
