import type { CardIndicator, ManualInput, ScorecardCard, ScorecardUnit } from '@/api/scorecards';
import { formatYuan, fromFen } from '@/lib/money';

// A card's manual indicators as the ratings tab's form shows them: which entry is in force,
// its value in the indicator's unit, and what the inputs send (the value as a person reads
// it, which the server reads in the indicator's unit: src/store/scorecard_store.hpp).

/** The indicators of the card that people enter, in the card's order. */
export const manualIndicators = (card: ScorecardCard): CardIndicator[] =>
  card.indicators.filter((i) => i.source === 'manual');

/**
 * The entry in force on `day` for the card: the latest as of that day (the later entry of
 * the same day), an entry for this card winning over one for every card of the same day, as
 * the scoring reads them (store/scorecard_inputs.cpp).
 */
export function valueInForce(inputs: readonly ManualInput[], indicator: string, card: string, day: string): ManualInput | null {
  let best: ManualInput | null = null;
  for (const input of inputs) {
    if (input.indicator !== indicator || input.as_of > day) continue;
    if (input.card !== null && input.card !== card) continue;
    if (!best || input.as_of > best.as_of) {
      best = input;
      continue;
    }
    if (input.as_of < best.as_of) continue;
    const inputForCard = input.card !== null;
    const bestForCard = best.card !== null;
    if (bestForCard && !inputForCard) continue;
    if ((inputForCard && !bestForCard) || input.id > best.id) best = input;
  }
  return best;
}

/** The control an indicator needs. */
export type InputControl = 'number' | 'money' | 'category' | 'rating';

export function controlOf(unit: ScorecardUnit): InputControl {
  if (unit === 'fen') return 'money';
  if (unit === 'category') return 'category';
  if (unit === 'rating') return 'rating';
  return 'number';
}

/** A stored value as people read it: 9550 bp → "95.5%", 150 x100 → "1.5", fen → ¥. */
export function shownValue(
  indicator: CardIndicator,
  value: number | string,
  locale: string,
  unitLabel: (unit: ScorecardUnit) => string,
): string {
  // A lookup entry without a label is shown by its code.
  if (typeof value === 'string') return indicator.rule.lookup?.find((e) => e.value === value)?.label || value;
  switch (indicator.unit) {
    case 'bp':
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value / 100)}%`;
    case 'x100':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value / 100);
    case 'fen':
      return formatYuan(fromFen(BigInt(value)), locale);
    case 'rating':
      return `${value} / 5`;
    default:
      return `${new Intl.NumberFormat(locale).format(value)} ${unitLabel(indicator.unit)}`.trim();
  }
}

/** The value as the form sends it; empty when nothing was entered. */
export function sentValue(control: InputControl, typed: string | number | null | undefined): string {
  if (typed === null || typed === undefined) return '';
  const text = String(typed).trim();
  if (control === 'money') return text.replace(/[,\s¥，]/g, '');
  if (control === 'number') return text.replace(/[,\s，%]/g, '');
  // No star given is no rating.
  if (control === 'rating') return text === '0' ? '' : text;
  return text;
}
