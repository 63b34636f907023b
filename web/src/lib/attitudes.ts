// A buying-centre member's attitude to us, from A (recommends us) to E (opposes us); the
// labels are in the locale files under `enum.attitude.<code>`.
import type { Attitude, AttitudeChange } from '@/api/types';

export const ATTITUDES: readonly Attitude[] = ['A', 'B', 'C', 'D', 'E'];

export const ATTITUDE_COLORS: Record<Attitude, string> = {
  A: '#2e7d32',
  B: '#7cb342',
  C: '#9e9e9e',
  D: '#fb8c00',
  E: '#d32f2f',
};

/**
 * Each member's attitudes in the order taken, from the original (原态度) to the current
 * (现态度), from the history the API lists oldest first. Repeats in a row are one step.
 */
export function attitudePaths(history: readonly AttitudeChange[]): Map<number, Attitude[]> {
  const paths = new Map<number, Attitude[]>();
  for (const change of history) {
    const path = paths.get(change.member_id) ?? [];
    if (!path.length && change.from_attitude) path.push(change.from_attitude);
    if (path[path.length - 1] !== change.to_attitude) path.push(change.to_attitude);
    paths.set(change.member_id, path);
  }
  return paths;
}
