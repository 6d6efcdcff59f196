// GetRandomPassword.
import type { EmulatorContext } from '../EmulatorContext.js';
import { readBoolean, readNumber, readString, type Input } from '../readInput.js';
import { invalidParameter } from '../ServiceError.js';

/**
 * The character classes, as GetRandomPassword documents them: "uppercase and lowercase letters,
 * numbers, and the following characters in passwords: !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", and a
 * space only with IncludeSpace.
 */
const CLASSES = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  numbers: '0123456789',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  space: ' ',
};

export function GetRandomPassword(ctx: EmulatorContext, input: Input) {
  // "If you don't include this parameter, the default length is 32 characters." (PasswordLength)
  const length = readNumber(input, 'PasswordLength', { min: 1, max: 4096 }) ?? 32;
  const exclude = new Set(readString(input, 'ExcludeCharacters', { max: 4096 }) ?? '');
  const use = {
    lowercase: readBoolean(input, 'ExcludeLowercase') !== true,
    uppercase: readBoolean(input, 'ExcludeUppercase') !== true,
    numbers: readBoolean(input, 'ExcludeNumbers') !== true,
    punctuation: readBoolean(input, 'ExcludePunctuation') !== true,
    space: readBoolean(input, 'IncludeSpace') === true,
  };
  // "If you don't include this switch, the password contains at least one of every character type."
  // The types are "at least one upper and lowercase letter, one number, and one punctuation"
  // (RequireEachIncludedType); a space is not one of them: with IncludeSpace "the password can contain
  // space characters", so it is in the pool only.
  const requireEach = readBoolean(input, 'RequireEachIncludedType') ?? true;
  const chars = (name: keyof typeof CLASSES) => (use[name] ? [...CLASSES[name]].filter((c) => !exclude.has(c)) : []);
  const required = (['lowercase', 'uppercase', 'numbers', 'punctuation'] as const).map(chars).filter((list) => list.length > 0);
  const all = [...required.flat(), ...chars('space')];
  if (all.length === 0) throw invalidParameter('No characters are left to make a password from: the options exclude every character type.');
  if (requireEach && length < required.length) throw invalidParameter('Password length is too short based on the required types.');

  const picks = ctx.randomInts(length, all.length).map((i) => all[i]!);
  if (requireEach) {
    // One character of each type at distinct random positions: still uniform within each type.
    const positions = shuffle(ctx, [...Array(length).keys()]).slice(0, required.length);
    required.forEach((list, k) => {
      picks[positions[k]!] = list[ctx.randomInts(1, list.length)[0]!]!;
    });
  }
  return { RandomPassword: picks.join('') };
}

function shuffle<T>(ctx: EmulatorContext, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = ctx.randomInts(1, i + 1)[0]!;
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
