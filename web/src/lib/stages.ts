// The default sales pipeline (商机阶段): code and win probability in percent, in the order an
// opportunity moves through it. S (won) and L (lost) close it.
export interface Stage {
  code: string;
  probability: number;
  closed: boolean;
}

export const STAGES: readonly Stage[] = [
  { code: 'G', probability: 10, closed: false },
  { code: 'F', probability: 20, closed: false },
  { code: 'E', probability: 25, closed: false },
  { code: 'D', probability: 30, closed: false },
  { code: 'C', probability: 50, closed: false },
  { code: 'B', probability: 75, closed: false },
  { code: 'A', probability: 90, closed: false },
  { code: 'S', probability: 100, closed: true },
  { code: 'L', probability: 0, closed: true },
];

export function stageOf(code: string): Stage | undefined {
  return STAGES.find((s) => s.code === code);
}
