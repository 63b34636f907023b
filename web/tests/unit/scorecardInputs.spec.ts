import { describe, expect, it } from 'vitest';
import type { CardIndicator, ManualInput } from '@/api/scorecards';
import { controlOf, sentValue, shownValue, valueInForce } from '@/components/account/scorecardInputs';

const entry = (id: number, as_of: string, value: number | string, card: string | null = null): ManualInput => ({
  id,
  indicator: 'current_ratio',
  value,
  as_of,
  card,
  entered_by: 'director',
  entered_at: `${as_of}T08:00:00Z`,
  note: '',
});

const indicator = (unit: CardIndicator['unit'], lookup?: { value: string; points: number; label: string }[]): CardIndicator => ({
  code: 'x',
  name_zh: '指标',
  name_en: 'Indicator',
  group: 'g',
  source: 'manual',
  unit,
  max_points: 10,
  rule: { kind: lookup ? 'lookup' : 'bands', lookup },
});

describe('the scorecard entry in force', () => {
  it('is the latest as of the day, not one dated later, nor one for another card', () => {
    const inputs = [entry(1, '2026-01-10', 120), entry(2, '2026-06-30', 150), entry(3, '2026-12-31', 180), entry(4, '2026-07-01', 90, 'other_card')];
    expect(valueInForce(inputs, 'current_ratio', 'credit_rating', '2026-07-15')?.id).toBe(2);
    expect(valueInForce(inputs, 'current_ratio', 'credit_rating', '2026-01-01')).toBeNull();
    expect(valueInForce(inputs, 'current_ratio', 'other_card', '2026-07-15')?.id).toBe(4);
  });

  it('on the same day, prefers the card’s own entry over a shared one, then the later entry', () => {
    const shared = entry(5, '2026-06-30', 100);
    const own = entry(6, '2026-06-30', 200, 'credit_rating');
    const laterShared = entry(7, '2026-06-30', 300);
    expect(valueInForce([shared, own, laterShared], 'current_ratio', 'credit_rating', '2026-07-01')?.id).toBe(6);
    expect(valueInForce([shared, laterShared], 'current_ratio', 'credit_rating', '2026-07-01')?.id).toBe(7);
  });
});

describe('scorecard values in their units', () => {
  const unit = (u: string) => ({ days: '天', count: '个' })[u] ?? '';
  it('shows a stored value as people read it', () => {
    expect(shownValue(indicator('bp'), 9550, 'zh-CN', unit)).toBe('95.5%');
    expect(shownValue(indicator('x100'), 150, 'zh-CN', unit)).toBe('1.5');
    expect(shownValue(indicator('fen'), 123456, 'zh-CN', unit)).toBe('¥1,234.56');
    expect(shownValue(indicator('days'), 45, 'zh-CN', unit)).toBe('45 天');
    expect(shownValue(indicator('rating'), 4, 'zh-CN', unit)).toBe('4 / 5');
    expect(shownValue(indicator('category', [{ value: 'soe', points: 10, label: '国有企业' }]), 'soe', 'zh-CN', unit)).toBe('国有企业');
    expect(shownValue(indicator('category', [{ value: 'good', points: 10, label: '' }]), 'good', 'zh-CN', unit)).toBe('good');
  });

  it('gives each unit its control and sends what was typed in the server’s form', () => {
    expect(controlOf('fen')).toBe('money');
    expect(controlOf('category')).toBe('category');
    expect(controlOf('rating')).toBe('rating');
    expect(controlOf('bp')).toBe('number');
    expect(sentValue('money', '¥1,234.5')).toBe('1234.5');
    expect(sentValue('number', '95.5%')).toBe('95.5');
    expect(sentValue('rating', 0)).toBe('');
    expect(sentValue('rating', 4)).toBe('4');
    expect(sentValue('category', null)).toBe('');
  });
});
