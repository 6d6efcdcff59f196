// ListSecrets, and the filters BatchGetSecretValue shares with it.
import { secretListEntry } from '../describeSecret.js';
import type { EmulatorContext } from '../EmulatorContext.js';
import { decodePageToken, encodePageToken } from '../pageToken.js';
import { readBoolean, readNumber, readString, readStringList, readStructureList, type Input } from '../readInput.js';
import { invalidParameter, validationError } from '../ServiceError.js';
import type { StoredSecret } from '../StoredSecret.js';

export interface SecretFilter {
  Key: string;
  Values: string[];
}

const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'];

export function readFilters(list: Input[] | undefined): SecretFilter[] | undefined {
  return list?.map((filter, i) => {
    const Key = readString(filter, 'Key');
    if (Key === undefined || !FILTER_KEYS.includes(Key)) {
      throw validationError(`Filters.${i + 1}.member.Key`, Key, `Member must satisfy enum value set: [${FILTER_KEYS.join(', ')}]`);
    }
    const Values = readStringList(filter, 'Values', { min: 1, max: 10, itemMin: 1, itemMax: 512 });
    if (Values === undefined) throw invalidParameter(`Invalid filter values for key: ${Key}`);
    return { Key, Values };
  });
}

/**
 * Filter.Key's documented matching: description is a prefix match, not case-sensitive; name, tag-key,
 * tag-value, primary-region and owning-service are case-sensitive prefix matches; `all` "breaks the
 * filter value string into words and then searches all attributes for matches", not case-sensitive.
 * A value starting with `!` negates (Filter.Values). Filters are ANDed, the values of one filter ORed,
 * except that negated values must all hold.
 */
export function matchesFilters(secret: StoredSecret, filters: readonly SecretFilter[]): boolean {
  return filters.every((filter) => matchesFilter(secret, filter));
}

function attributes(secret: StoredSecret, key: string): string[] {
  switch (key) {
    case 'description':
      return secret.Description === undefined ? [] : [secret.Description];
    case 'name':
      return [secret.Name];
    case 'tag-key':
      return secret.Tags.map((t) => t.Key);
    case 'tag-value':
      return secret.Tags.map((t) => t.Value);
    case 'primary-region':
      return [secret.PrimaryRegion];
    case 'owning-service':
      return secret.OwningService === undefined ? [] : [secret.OwningService];
    default:
      return ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service'].flatMap((k) => attributes(secret, k));
  }
}

function matchesFilter(secret: StoredSecret, filter: SecretFilter): boolean {
  const caseless = filter.Key === 'description' || filter.Key === 'all';
  const fold = (s: string) => (caseless ? s.toLowerCase() : s);
  const values = attributes(secret, filter.Key).map(fold);
  const words = filter.Key === 'all' ? values.flatMap((v) => v.split(/[\s/_+=.@-]+/).concat(v)) : values;
  const hit = (term: string) => words.some((word) => word.startsWith(fold(term)));
  const positive = filter.Values.filter((v) => !v.startsWith('!'));
  const negative = filter.Values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
  const terms = filter.Key === 'all' ? positive.flatMap((v) => v.split(/\s+/).filter(Boolean)) : positive;
  return (terms.length === 0 || terms.some(hit)) && negative.every((term) => !hit(term));
}

const SORT_KEYS: Record<string, (s: StoredSecret) => number | string> = {
  'created-date': (s) => s.CreatedDate,
  'last-accessed-date': (s) => s.LastAccessedDate ?? 0,
  'last-changed-date': (s) => s.LastChangedDate,
  name: (s) => s.Name,
};

export function ListSecrets(ctx: EmulatorContext, input: Input) {
  const includeDeleted = readBoolean(input, 'IncludePlannedDeletion') === true;
  const maxResults = readNumber(input, 'MaxResults', { min: 1, max: 100 }) ?? 100;
  const nextToken = readString(input, 'NextToken', { min: 1, max: 4096 });
  const filters = readFilters(readStructureList(input, 'Filters', { max: 10 })) ?? [];
  const sortOrder = readString(input, 'SortOrder') ?? 'asc';
  const sortBy = readString(input, 'SortBy') ?? 'created-date';
  if (sortOrder !== 'asc' && sortOrder !== 'desc') throw validationError('SortOrder', sortOrder, 'Member must satisfy enum value set: [asc, desc]');
  // Own keys only: "toString" or "constructor" would otherwise find Object.prototype's members.
  const key = Object.hasOwn(SORT_KEYS, sortBy) ? SORT_KEYS[sortBy] : undefined;
  if (!key) throw validationError('SortBy', sortBy, `Member must satisfy enum value set: [${Object.keys(SORT_KEYS).join(', ')}]`);

  const secrets = ctx.store.all().filter((s) => (includeDeleted || s.DeletedDate === undefined) && matchesFilters(s, filters));
  // Stable: equal keys keep creation order.
  secrets.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return sortOrder === 'asc' ? order : -order;
  });
  const query = `list:${includeDeleted}:${sortBy}:${sortOrder}:${JSON.stringify(filters)}`;
  const start = nextToken === undefined ? 0 : decodePageToken(nextToken, query);
  return {
    SecretList: secrets.slice(start, start + maxResults).map((s) => secretListEntry(s)),
    NextToken: start + maxResults < secrets.length ? encodePageToken(start + maxResults, query) : undefined,
  };
}
