import type { RepairStep, RotationStatus, RotationVersion } from '../rotation/index.js';

const date = (value: Date | undefined): string => (value ? value.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

function version(label: string, value: RotationVersion | undefined): string {
  if (!value) return `${label.padEnd(12)}-`;
  const notes = [
    ...(value.createdDate ? [`created ${date(value.createdDate)}`] : []),
    ...(value.hasValue === false ? ['no value'] : value.hasValue ? ['has a value'] : []),
    ...(value.stages.length > 1 ? [`labels ${value.stages.join(', ')}`] : []),
  ];
  return `${label.padEnd(12)}${value.versionId}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

function rules(status: RotationStatus): string {
  const r = status.rotationRules;
  if (!r) return '';
  const parts = [r.AutomaticallyAfterDays ? `every ${r.AutomaticallyAfterDays} days` : '', r.ScheduleExpression ?? '', r.Duration ? `window ${r.Duration}` : ''].filter(Boolean);
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** The same call as an AWS CLI command, for someone who would rather type it. */
export function awsCliCommand(step: RepairStep): string {
  const id = JSON.stringify(step.request.SecretId);
  if (step.operation === 'CancelRotateSecret') return `aws secretsmanager cancel-rotate-secret --secret-id ${id}`;
  const move = step.request.VersionStage === 'AWSCURRENT' ? ` --move-to-version-id ${step.request.MoveToVersionId}` : '';
  return `aws secretsmanager update-secret-version-stage --secret-id ${id} --version-stage ${step.request.VersionStage}${move} --remove-from-version-id ${step.request.RemoveFromVersionId}`;
}

/** A plan, one call a line, each with its AWS CLI equivalent. */
export function formatPlan(plan: RepairStep[], indent = '  '): string {
  return plan.map((step, index) => `${indent}${index + 1}. ${step.description}\n${indent}   ${awsCliCommand(step)}`).join('\n');
}

/** The diagnosis for people: no secret value is ever in it (the status holds none). */
export function formatStatus(status: RotationStatus): string {
  const verdict = status.state === 'stuck' ? `STUCK (${status.reason})` : status.state === 'rotating' ? `ROTATING since ${date(status.since)}` : 'IDLE';
  const lines = [
    `${'Secret'.padEnd(12)}${status.name} (${status.arn})`,
    `${'Rotation'.padEnd(12)}${status.rotationEnabled ? 'on' : 'off'}${rules(status)}`,
    `${'Function'.padEnd(12)}${status.rotationLambdaARN || '-'}`,
    `${'Rotated'.padEnd(12)}last ${date(status.lastRotatedDate)}, next ${date(status.nextRotationDate)}`,
    version('AWSCURRENT', status.current),
    version('AWSPENDING', status.pending),
    version('AWSPREVIOUS', status.previous),
    `${'Verdict'.padEnd(12)}${verdict}`,
    `${''.padEnd(12)}${status.explanation}`,
  ];
  if (status.repairPlan.length > 0) {
    lines.push(`${'Repair'.padEnd(12)}amazon-secretsmanager repair ${JSON.stringify(status.arn)} makes these calls:`, formatPlan(status.repairPlan, ' '.repeat(12)));
  }
  if (status.repairChoices) {
    lines.push(
      `${'Repair'.padEnd(12)}needs a choice: amazon-secretsmanager repair ${JSON.stringify(status.arn)} with`,
      `${''.padEnd(12)}--finish makes these calls:`,
      formatPlan(status.repairChoices.finish, ' '.repeat(12)),
      `${''.padEnd(12)}--discard makes these calls:`,
      formatPlan(status.repairChoices.discard, ' '.repeat(12)),
    );
  }
  return `${lines.join('\n')}\n`;
}
