import type { FunnelReport } from '@/api/types';

// A funnel report of two levels over 2024, every opportunity in one row: 9 leads, 4 of which
// reached a proposal. Shared by the dashboard's and the sales reports' funnel tests.
export const twoLevelFunnel = {
  pipeline: 'default',
  pipeline_version: 0,
  period: '2024-01-01..2024-12-31',
  stages: [],
  funnel: [
    { code: 'leads', name_zh: '线索', name_en: 'Leads', stage: 'G', reference: 1250 },
    { code: 'proposals', name_zh: '方案', name_en: 'Proposals', stage: 'D', reference: 25 },
  ],
  rows: [
    {
      group: { key: 0, label: 'all' },
      opportunities: 9,
      reached: [],
      conversion_bp: [],
      levels: [
        { reached: 9, conversion_bp: null, reference_bp: 0, attainment_bp: null },
        { reached: 4, conversion_bp: 4444, reference_bp: 200, attainment_bp: 22222 },
      ],
      leak_level: null,
      leak_stage: null,
    },
  ],
} as unknown as FunnelReport;
