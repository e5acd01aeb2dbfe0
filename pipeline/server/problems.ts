/**
 * How the API refuses: a status and a message in Chinese and English. One catalog of the messages the intake and
 * the review share, one error type that routes and services throw and the server's error handler answers, and the
 * checks of the plan and month parameters both take.
 */
import { MonthSchema, type Month, type Plan } from '../../core/schema';
import { seesCity, type TokenInfo } from '../store/tokens';

export interface Problem {
  zh: string;
  en: string;
}

export const MESSAGES = {
  noToken: { zh: '缺少令牌：请在请求头 Authorization: Bearer <令牌> 中提供填报令牌', en: 'No token: send Authorization: Bearer <token>' },
  unknownToken: { zh: '令牌无效：请检查令牌是否完整，或向市教育局管理员申请新令牌', en: 'Unknown token: check it is complete, or ask the city bureau\'s administrator for a new one' },
  revokedToken: { zh: '令牌已被吊销：请向市教育局管理员申请新令牌', en: 'This token has been revoked: ask the city bureau\'s administrator for a new one' },
  unitsOnly: { zh: '只有填报单位的令牌可以提交模板', en: 'Only a reporting unit\'s token can submit templates' },
  otherCity: { zh: '无权查看：该数据属于其他城市', en: 'Not allowed: this belongs to another city' },
  otherUnit: { zh: '无权查看：填报单位的令牌只能查看本单位的数据', en: 'Not allowed: a unit\'s token sees only its own unit' },
  supervisorsOnly: { zh: '只有督导或管理员令牌可以查看全市填报情况', en: 'Only a supervisor\'s or administrator\'s token can see the city\'s completeness' },
  unknownPlan: { zh: '未知规划', en: 'Unknown plan' },
  unknownUnit: { zh: '未知填报单位', en: 'Unknown unit' },
  badMonth: { zh: '月份应为 YYYY-MM 格式，例如 2025-10', en: 'The month must look like 2025-10' },
  unitRequired: { zh: '请指定填报单位（unit=单位代码）', en: 'Name the unit (unit=<code>)' },
  noFile: { zh: '请求中没有文件：请上传填好的模板（.xlsx）', en: 'No file in the request: upload the filled template (.xlsx)' },
  mediaType: {
    zh: '不支持的内容类型：请以 .xlsx 文件本身（application/octet-stream）或表单字段 file（multipart/form-data）提交',
    en: 'Unsupported content type: send the .xlsx bytes (application/octet-stream) or a multipart/form-data field "file"',
  },
  rateLimited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again shortly' },
  notFound: { zh: '找不到该地址', en: 'Not found' },
  internal: { zh: '服务器内部错误，请稍后重试；如持续出现请联系管理员', en: 'Internal server error; please retry, and tell the administrator if it persists' },
} satisfies Record<string, Problem>;

/**
 * An answer other than a receipt: status and a message in both languages, and any details the caller can act on
 * (a refused batch of review decisions carries its problems). The server's error handler sends it.
 */
export class HttpProblem extends Error {
  constructor(readonly statusCode: number, readonly problem: Problem, readonly details?: Record<string, unknown>) {
    super(problem.en);
  }
}

/** The plan named, if the caller's city may see it: unknown → 404, another city's → 403. */
export function planFor(plans: readonly Plan[], token: TokenInfo, id: string | undefined): Plan {
  const plan = id ? plans.find((p) => p.id === id) : undefined;
  if (!plan) throw new HttpProblem(404, MESSAGES.unknownPlan);
  if (!seesCity(token, plan.city)) throw new HttpProblem(403, MESSAGES.otherCity);
  return plan;
}

/** A month parameter (YYYY-MM), or 400. */
export function monthParam(value: string | undefined): Month {
  const m = MonthSchema.safeParse(value);
  if (!m.success) throw new HttpProblem(400, MESSAGES.badMonth);
  return m.data;
}
