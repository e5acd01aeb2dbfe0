/**
 * Who may see and decide what in the review (issue 6):
 *  - a supervisor (token bound to a city and to 责任单位 names) sees and decides the flags routed to any of its
 *    责任单位, in its city only;
 *  - an administrator sees and decides every flag of its city (all cities without one) — also the flags of plans
 *    whose seeds name no 责任单位, which go to leadership;
 *  - a unit's token sees its own unit's flags and their review status, and decides nothing.
 * Send-back (退回) and unlock: an administrator of the plan's city, or a supervisor responsible for any indicator of
 * the plan.
 */
import type { Plan } from '../../core/schema';
import type { StoredFlag } from '../run/flag-store';
import { HttpProblem, MESSAGES, type Problem } from '../server/problems';
import { seesCity, type TokenInfo } from '../store/tokens';

export const REVIEW_MESSAGES = {
  unitsCannotDecide: { zh: '填报单位的令牌只能查看本单位预警的复核状态，不能作出复核结论', en: 'A unit\'s token can see its own flags\' review status but cannot decide on them' },
  unitsCannotReturn: { zh: '只有督导单位或管理员可以退回或解锁填报', en: 'Only a supervisor or an administrator can send back or unlock a submission' },
  notResponsible: { zh: '无权操作：该规划的指标不属于您的责任单位', en: 'Not allowed: none of this plan\'s indicators is under your 责任单位' },
  unknownUnit: { zh: '未知填报单位，或该单位不填报此规划', en: 'Unknown unit, or the unit does not report on this plan' },
  unknownFlag: { zh: '找不到该预警，或无权查看', en: 'No such flag among those you may see' },
  badFilter: { zh: '筛选条件有误：status 应为 open/accepted/action_required/escalated/resolved，severity 应为 info/warning/critical', en: 'Bad filter: status must be open/accepted/action_required/escalated/resolved, severity info/warning/critical' },
  decisionsRefused: { zh: '复核结论未保存：请按提示修改后重新提交（本次提交的结论均未保存）', en: 'No decision was stored: correct the problems and submit again (none of this batch was stored)' },
  nothingToReturn: { zh: '该单位本月没有可退回的已受理填报', en: 'The unit has no accepted submission for this month to send back' },
  alreadyReturned: { zh: '该填报已被退回，正等待单位重新提交', en: 'This submission has already been sent back and awaits the unit\'s correction' },
  notLocked: { zh: '本月报告尚未发布，填报未锁定，无需解锁', en: 'The month\'s report has not been issued: submissions are not locked, nothing to unlock' },
  alreadyUnlocked: { zh: '该单位本月已解锁，正等待更正后的填报', en: 'This unit\'s month is already unlocked and awaits the correction' },
} satisfies Record<string, Problem>;

/** Whether the caller sees a flag of a plan of `city` (in the list, the history, the events). */
export function seesFlag(token: TokenInfo, flag: Pick<StoredFlag, 'unitCode' | 'responsible'>, city: string): boolean {
  if (!seesCity(token, city)) return false;
  switch (token.kind) {
    case 'admin':
      return true;
    case 'supervisor':
      return holdsAny(token, flag.responsible);
    case 'unit':
      return flag.unitCode === token.unitCode;
  }
}

/** Whether a supervisor's token holds any of these 责任单位. */
export function holdsAny(token: TokenInfo, responsible: readonly string[]): boolean {
  return responsible.some((name) => token.responsible.includes(name));
}

export function decidesFlag(token: TokenInfo, flag: Pick<StoredFlag, 'unitCode' | 'responsible'>, city: string): boolean {
  return token.kind !== 'unit' && seesFlag(token, flag, city);
}

/** Send-back and unlock: the plan's city's administrator, or a supervisor of any of the plan's 责任单位. */
export function requireReturnRight(token: TokenInfo, plan: Plan): void {
  if (token.kind === 'unit') throw new HttpProblem(403, REVIEW_MESSAGES.unitsCannotReturn);
  if (!seesCity(token, plan.city)) throw new HttpProblem(403, MESSAGES.otherCity);
  if (token.kind === 'supervisor' && !plan.indicators.some((i) => holdsAny(token, i.responsible))) {
    throw new HttpProblem(403, REVIEW_MESSAGES.notResponsible);
  }
}
