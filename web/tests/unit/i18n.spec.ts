import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/i18n/en';
import zhCN from '@/i18n/zh-CN';
import { ENUMS } from '@/lib/enums';
import { ACCOUNT_COLUMNS } from '@/components/accounts/accountColumns';

type Messages = { [key: string]: string | Messages };

function keysOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function lookup(messages: Messages, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Messages | undefined)?.[part], messages);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.(vue|ts)$/.test(name) ? [file] : [];
  });
}

const locales = { 'zh-CN': zhCN as Messages, en: en as Messages };

describe('locales', () => {
  it('have the same keys', () => {
    expect(keysOf(locales.en).sort()).toEqual(keysOf(locales['zh-CN']).sort());
  });

  it('have no empty message', () => {
    for (const messages of Object.values(locales))
      for (const key of keysOf(messages)) expect(lookup(messages, key), key).not.toBe('');
  });

  it('name every key that the source asks for by a literal', () => {
    const src = path.resolve(__dirname, '../../src');
    const used = new Set<string>();
    for (const file of sourceFiles(src))
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g))
        used.add(match[1]);
    expect(used.size).toBeGreaterThan(100);
    for (const key of used)
      for (const [name, messages] of Object.entries(locales))
        expect(typeof lookup(messages, key), `${name}: ${key}`).toBe('string');
  });

  // Stage names come from the server's pipeline, in both languages (usePipeline).
  it('label every enumeration value and account column', () => {
    const keys = [
      ...Object.entries(ENUMS).flatMap(([name, values]) => values.map((v) => `enum.${name}.${v}`)),
      ...ACCOUNT_COLUMNS.map((c) => `fields.account.${c.key}`),
    ];
    for (const key of keys)
      for (const [name, messages] of Object.entries(locales))
        expect(typeof lookup(messages, key), `${name}: ${key}`).toBe('string');
  });
});
