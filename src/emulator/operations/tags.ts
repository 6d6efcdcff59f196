// TagResource, UntagResource.
import type { EmulatorContext } from '../EmulatorContext.js';
import { readString, readStringList, readStructureList, type Input } from '../readInput.js';
import { invalidParameter } from '../ServiceError.js';
import { readTags } from './secrets.js';

/** At most 50 tags on a resource (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html). */
const MAX_TAGS = 50;

export function TagResource(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  readStructureList(input, 'Tags', { required: true });
  const tags = readTags(input) ?? [];
  const merged = [...secret.Tags];
  for (const tag of tags) {
    const at = merged.findIndex((t) => t.Key === tag.Key);
    if (at >= 0) merged[at] = tag;
    else merged.push(tag);
  }
  if (merged.length > MAX_TAGS) throw invalidParameter(`A secret can have at most ${MAX_TAGS} tags.`);
  secret.Tags = merged;
  secret.LastChangedDate = ctx.now();
  return {};
}

export function UntagResource(ctx: EmulatorContext, input: Input) {
  const secret = ctx.store.getLive(readString(input, 'SecretId', { required: true, min: 1, max: 2048 }) as string);
  const keys = readStringList(input, 'TagKeys', { required: true, itemMin: 1, itemMax: 128 }) as string[];
  secret.Tags = secret.Tags.filter((t) => !keys.includes(t.Key));
  secret.LastChangedDate = ctx.now();
  return {};
}
