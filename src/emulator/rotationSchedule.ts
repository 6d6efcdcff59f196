import type { StoredRotationRules, StoredSecret } from './StoredSecret.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** `rate(10 days)`, `rate(12 hours)`: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html */
const RATE = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/;

/** The rotation interval in milliseconds, when the rules give a fixed one (days, or a rate). */
export function rotationInterval(rules: StoredRotationRules | undefined): number | undefined {
  if (!rules) return undefined;
  if (rules.AutomaticallyAfterDays !== undefined) return rules.AutomaticallyAfterDays * DAY_MS;
  const rate = rules.ScheduleExpression ? RATE.exec(rules.ScheduleExpression) : null;
  if (!rate) return undefined;
  return Number(rate[1]) * (rate[2]!.startsWith('day') ? DAY_MS : HOUR_MS);
}

/**
 * The rules as DescribeSecret reports them: "In DescribeSecret and ListSecrets, this value is
 * calculated from the rotation schedule after every successful rotation" (RotationRulesType.
 * AutomaticallyAfterDays), so a `rate(N days)` schedule reports N days too.
 */
export function reportedRules(rules: StoredRotationRules | undefined): StoredRotationRules | undefined {
  if (!rules) return undefined;
  const out: StoredRotationRules = { ...rules };
  const rate = rules.ScheduleExpression ? RATE.exec(rules.ScheduleExpression) : null;
  if (out.AutomaticallyAfterDays === undefined && rate && rate[2]!.startsWith('day')) out.AutomaticallyAfterDays = Number(rate[1]);
  return out;
}

/**
 * The next rotation: the interval after the previous rotation, at the start of that UTC day for
 * schedules in days, where the service's rotation window opens ("rate windows start at midnight").
 * "Secrets Manager calculates the next rotation date based on the previous rotation. Manually updating
 * the secret value by calling PutSecretValue or UpdateSecret is considered a valid rotation."
 * (RotationRulesType.AutomaticallyAfterDays); before any, the schedule counts from when RotateSecret
 * set it, never from the time of the reading, or the date would move away as the clock does.
 * Cron schedules are not computed: undefined.
 */
export function nextRotationDate(secret: StoredSecret): number | undefined {
  if (!secret.RotationEnabled || secret.RotationScheduleStart === undefined) return undefined;
  const interval = rotationInterval(secret.RotationRules);
  if (interval === undefined) return undefined;
  const next = secret.RotationScheduleStart + interval;
  return interval % DAY_MS === 0 ? next - (next % DAY_MS) : next;
}
