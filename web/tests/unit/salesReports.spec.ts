import { describe, expect, it } from 'vitest';
import type { SalesRoiReport, VelocityReport } from '@/api/pipeline';
import type { CompetitorRating } from '@/api/types';
import { competitorMatrix, roiRows, velocityBars } from '@/lib/salesReports';

const stage = (code: string, zh: string, en: string) => ({ code, name_zh: zh, name_en: en, probability: 0 });

describe('velocityBars', () => {
  const report: VelocityReport = {
    pipeline: 'default',
    period: '2026-01-01..2026-12-31',
    stages: [stage('G', '发现商机', 'Lead'), stage('F', '初次拜访', 'Initial visit'), stage('S', '赢单', 'Won')],
    rows: [
      {
        group: { key: 0, label: 'all' },
        stages: [
          { samples: 40, mean_days: 12.5, median_days: 10 },
          { samples: 0, mean_days: null, median_days: null },
          { samples: 3, mean_days: 0, median_days: 0 },
        ],
      },
    ],
  };

  it('keeps the stages that deals stayed in, named in the user’s language', () => {
    expect(velocityBars(report, 'zh-CN')).toEqual([
      { code: 'G', name: 'G 发现商机', medianDays: 10, samples: 40 },
      { code: 'S', name: 'S 赢单', medianDays: 0, samples: 3 },
    ]);
    expect(velocityBars(report, 'en')[0].name).toBe('G Lead');
    expect(velocityBars({ ...report, rows: [] }, 'en')).toEqual([]);
  });
});

describe('roiRows', () => {
  it('ranks owners by won amount per hour, those without selling time last', () => {
    const report: SalesRoiReport = {
      period: 'p',
      by: 'owner',
      rows: [
        { key: 4, won: '2878000.00', minutes: 155427, per_hour: '1111.00' },
        { key: 7, won: '0.00', minutes: 0, per_hour: null },
        { key: 8, won: '8359000.00', minutes: 92455, per_hour: '5424.69' },
      ],
    };
    expect(roiRows(report).map((r) => [r.ownerId, r.hours])).toEqual([
      [8, 1540.9],
      [4, 2590.5],
      [7, 0],
    ]);
  });
});

describe('competitorMatrix', () => {
  const rating = (id: number, line: number, competitor: string | null, price: number): CompetitorRating => ({
    id,
    version: 1,
    created_at: '',
    updated_at: '',
    deleted_at: null,
    product_line_id: line,
    competitor,
    coverage: 3,
    stability: 3,
    price,
    brand: 4,
    service: 5,
    operations: 2,
    usp: competitor ? '响应更快' : null,
  });

  it('puts our rating first, then the competitors, for the chosen product line only', () => {
    const series = competitorMatrix(
      [rating(1, 1, '远景股份', 5), rating(2, 1, null, 3), rating(3, 2, '华信集团', 1), rating(4, 1, '华信集团', 4)],
      1,
    );
    expect(series.map((s) => s.competitor)).toEqual([null, '华信集团', '远景股份']);
    expect(series[0].values).toEqual([3, 3, 3, 4, 5, 2]);
    expect(series[2].values[2]).toBe(5);
    expect(series[1].usp).toBe('响应更快');
  });
});
