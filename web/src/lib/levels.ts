// The levels of a classification (pyramid, ABC, spend tiers) come from the server with every
// analysis, in the order and with the names the rules give them: the UI keeps no list of
// level codes or names, so that what an administrator sets is what people see.
import type { Level } from '@/api/types';

/** The level's name in the locale; the other language's, or its code, when the rules gave none. */
export function levelName(level: Level, locale: string): string {
  const name = locale === 'en' ? level.name_en : level.name_zh;
  return name || level.name_zh || level.name_en || level.code;
}

/** The name of the level with this code, the code itself when no level has it, null for null. */
export function levelNameOf(levels: readonly Level[], code: string | null, locale: string): string | null {
  if (code === null) return null;
  const level = levels.find((l) => l.code === code);
  return level ? levelName(level, locale) : code;
}
