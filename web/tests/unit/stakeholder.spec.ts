import { describe, expect, it } from 'vitest';
import type { StakeholderMap, StakeholderPerson, Whitespace } from '@/api/types';
import { assignableTo, gapOpportunityName, gapText, gapsByContact, stakeholderForest, statusCounts, whitespaceRows } from '@/lib/stakeholder';
import { i18n, setLocale } from '@/i18n';

const person = (contact_id: number, reports_to_id: number | null, coverage: number[] = []): StakeholderPerson => ({
  contact_id,
  name: `P${contact_id}`,
  title: null,
  department: null,
  reports_to_id,
  roles: [],
  attitude: null,
  opportunities: [],
  attitude_history: [],
  depth_history: [],
  last_contact: null,
  coverage: coverage.map((user_id, i) => ({ id: i + 1, user_id, user_name: `U${user_id}`, our_level: 'executive', notes: null, since: '' })),
  depth: null,
  open_tasks: 0,
});

const map = (people: StakeholderPerson[], gaps: StakeholderMap['gaps'] = []): StakeholderMap => ({
  account_id: 1,
  as_of: '2025-06-01',
  rules: { version: 0, decision_roles: ['decider'], opponent_attitudes: ['D', 'E'], silence_days: 90 },
  our_levels: [{ code: 'executive', name_zh: '高层', name_en: 'Executive' }],
  grid: { version: 0, levels: [], relationships: [], cells: [] },
  depth: { contacts: 0, weighted_depth: '0.00', deepest: 0 },
  people,
  gaps,
  gap_count: gaps.length,
  colleagues: [
    { user_id: 7, name: '王' },
    { user_id: 8, name: '李' },
  ],
});

describe('stakeholder map', () => {
  it('draws people as an org chart by whom they report to', () => {
    const forest = stakeholderForest(map([person(1, null), person(2, 1), person(3, 2), person(4, 99)]));
    expect(forest.map((n) => n.contact.id)).toEqual([1, 4]);
    expect(forest[0].children[0].contact.id).toBe(2);
    expect(forest[0].children[0].children[0].contact.person.name).toBe('P3');
  });

  it('groups the gaps by person, keeping their order', () => {
    const by = gapsByContact([
      { kind: 'uncovered_decision_maker', contact_id: 2, contact_name: 'P2', explanation: 'a', explanation_zh: '甲' },
      { kind: 'silent_role_holder', contact_id: 3, contact_name: 'P3', explanation: 'b', explanation_zh: '乙' },
      { kind: 'silent_role_holder', contact_id: 2, contact_name: 'P2', explanation: 'c', explanation_zh: '丙' },
    ]);
    expect(by.get(2)?.map((g) => g.explanation)).toEqual(['a', 'c']);
    expect(by.get(1)).toBeUndefined();
  });

  it('explains a gap with role names in the reader\'s language, not their codes', () => {
    const chief = { ...person(2, null), roles: ['decider', 'user'], last_contact: '2025-01-01' };
    const gaps: StakeholderMap['gaps'] = [
      { kind: 'uncovered_decision_maker', contact_id: 2, contact_name: 'P2', explanation: 'holds decider', explanation_zh: '担任 decider' },
      { kind: 'silent_role_holder', contact_id: 2, contact_name: 'P2', explanation: '', explanation_zh: '' },
    ];
    const m = map([chief], gaps);
    const { t, te } = i18n.global;
    const words = {
      role: (code: string) => (te(`enum.buyingRole.${code}`) ? t(`enum.buyingRole.${code}`) : code),
      list: (names: string[]) => names.join(t('common.listSeparator')),
      t: (key: string, values?: Record<string, unknown>) => t(key, values ?? {}),
    };
    setLocale('zh-CN');
    expect(gapText(gaps[0], m, words)).toBe('在进行中的商机里担任决策者，我方无人覆盖（决策角色：决策者；规则 v0）');
    setLocale('en');
    expect(gapText(gaps[1], m, words)).toBe(
      'holds Decider, User and was last met on 2025-01-01, 151 days ago (limit 90 days; rules v0)',
    );
    expect(gapText({ ...gaps[0], contact_id: 99 }, m, words)).toBeUndefined();
    setLocale('zh-CN');
  });

  it('offers only colleagues not already covering the person', () => {
    const m = map([person(1, null, [7])]);
    expect(assignableTo(m.people[0], m.colleagues).map((c) => c.user_id)).toEqual([8]);
  });
});

describe('whitespace grid', () => {
  const grid: Whitespace = {
    account_id: 1,
    period: { from: '2024-06-02', to: '2025-06-01' },
    units: [
      { account_id: 1, name: '总部', headquarters: true },
      { account_id: 5, name: '上海分公司', headquarters: false },
    ],
    product_lines: [
      { id: 10, code: 'A', name: '服务器' },
      { id: 11, code: 'B', name: '存储' },
    ],
    cells: [
      { account_id: 5, product_line_id: 11, status: 'open', orders: 0, open: [], lost: [], explanation: '' },
      { account_id: 1, product_line_id: 10, status: 'bought', bought: '100.00', orders: 1, open: [], lost: [], explanation: '' },
      { account_id: 1, product_line_id: 11, status: 'gap', orders: 0, open: [], lost: [], explanation: '' },
    ],
  };

  it('lays the cells out as units by product lines, whatever order they came in', () => {
    const rows = whitespaceRows(grid);
    expect(rows.map((r) => r.cells.map((c) => c?.status ?? null))).toEqual([
      ['bought', 'gap'],
      [null, 'open'],
    ]);
  });

  it('counts the cells of each status', () => {
    expect(statusCounts(grid)).toEqual({ bought: 1, open: 1, lost: 0, gap: 1 });
  });

  it('names a gap opportunity after the line and the unit', () => {
    expect(gapOpportunityName(grid.units[1], grid.product_lines[1])).toBe('存储 · 上海分公司');
  });
});
