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
  const requireEach = readBoolean(input, 'RequireEachIncludedType') ?? true;
  const classes = (Object.keys(CLASSES) as (keyof typeof CLASSES)[])
    .filter((name) => use[name])
    .map((name) => [...CLASSES[name]].filter((c) => !exclude.has(c)))
    .filter((chars) => chars.length > 0);
  if (classes.length === 0) throw invalidParameter('No characters are left to make a password from: the options exclude every character type.');
  if (requireEach && length < classes.length) throw invalidParameter('Password length is too short based on the required types.');

  const all = classes.flat();
  const picks = ctx.randomInts(length, all.length).map((i) => all[i]!);
  if (requireEach) {
    // One character of each class at distinct random positions: still uniform within each class.
    const positions = shuffle(ctx, [...Array(length).keys()]).slice(0, classes.length);
    classes.forEach((chars, k) => {
      picks[positions[k]!] = chars[ctx.randomInts(1, chars.length)[0]!]!;
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
