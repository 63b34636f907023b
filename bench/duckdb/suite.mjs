// The analytics suite written as the SQL an analyst would write, run in DuckDB in memory on
// data generated from the same integer formulas as bench/analytics_bench.cpp.
// Usage: node suite.mjs ACCOUNTS ORDERS INVOICES   Prints one JSON object.
import { DuckDBInstance } from '@duckdb/node-api';

const [accounts, orders, invoices] = process.argv.slice(2).map(Number);
const FROM = 19723, TO = 20088;  // 2024-01-01 .. 2024-12-31 as days since 1970-01-01
const D0 = 19358;                // 2023-01-01: the data spans two years

const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
// Seconds per step for the current repetition; the suite runs three times and each step
// reports its median, as the KAM side does.
let timings = {};
const runs = [];
async function timed(step, sql) {
  const t = performance.now();
  await c.run(sql);
  timings[step] = (timings[step] ?? 0) + (performance.now() - t) / 1000;
}
async function scalar(sql) {
  const reader = await c.runAndReadAll(sql);
  return reader.getRows()[0].map((v) => Number(v));
}

// h(x, s): the shared hash (see analytics_bench.cpp); every intermediate fits in BIGINT.
await c.run(`CREATE MACRO h(x, s) AS (
  xor(((((x::BIGINT * 2654435761 + s::BIGINT * 1013904223) % 4294967296) * 1103515245 + 12345) % 4294967296),
      ((((x::BIGINT * 2654435761 + s::BIGINT * 1013904223) % 4294967296) * 1103515245 + 12345) % 4294967296) >> 16))`);
await timed('load', `CREATE TABLE accounts AS SELECT i AS account,
  CASE WHEN h(i, 21) % 1000 = 0 THEN 1 WHEN h(i, 21) % 1000 = 1 THEN 2 WHEN h(i, 21) % 1000 < 4 THEN 3
       WHEN h(i, 21) % 1000 < 8 THEN 4 ELSE 0 END AS importance,
  CASE WHEN h(i, 20) % 1000 = 0 THEN 100 WHEN h(i, 20) % 20 = 0 THEN 10 ELSE 1 END AS mult
  FROM range(${accounts}) t(i)`);
await timed('load', `CREATE TABLE orders AS SELECT o.account, o.day,
  (1000 + h(o.j, 3) % 100000) * 100 * a.mult AS amount,
  (1000 + h(o.j, 3) % 100000) * 100 * a.mult * (h(o.j, 4) % 50) // 100 AS margin,
  h(o.j, 5) % 8 AS product_line
  FROM (SELECT j, h(j, 1) % ${accounts} AS account, ${D0} + h(j, 2) % 730 AS day FROM range(${orders}) t(j)) o
  JOIN accounts a USING (account)`);
await timed('load', `CREATE TABLE invoices AS SELECT k AS invoice, h(k, 6) % ${accounts} AS account,
  ${D0} + h(k, 7) % 730 AS invoice_day, ${D0} + h(k, 7) % 730 + 30 * (1 + h(k, 8) % 3) AS due_day,
  (100 + h(k, 9) % 100000) * 100 AS amount FROM range(${invoices}) t(k)`);
await timed('load', `CREATE TABLE payments AS SELECT invoice, account, due_day + h(invoice, 11) % 150 - 30 AS day,
  CASE WHEN h(invoice, 12) % 4 = 0 THEN amount // 2 ELSE amount END AS amount, invoice_day
  FROM invoices WHERE h(invoice, 10) % 5 <> 0`);

const loadTimings = timings;
for (let run = 0; run < 3; ++run) {
  timings = {};
  for (const t of ['ind', 'pay', 'od', 'pyr', 'abc', 'rfm', 'tiers', 'pattern']) await c.run(`DROP TABLE IF EXISTS ${t}`);
  // Per-account indicators for the year: counts, sums, largest, recency, distinct product
  // lines, the interval statistics behind the purchase pattern, and payments.
  await timed('indicators', `CREATE TABLE ind AS
    WITH o AS (SELECT account, day, amount, margin, product_line,
                      day - lag(day) OVER (PARTITION BY account ORDER BY day) AS gap
               FROM orders WHERE day BETWEEN ${FROM} AND ${TO})
    SELECT account, count(*) AS n, sum(amount) AS revenue, sum(margin) AS profit, max(amount) AS largest,
           max(day) AS last_day, count(DISTINCT product_line) AS lines,
           coalesce(sum(gap), 0) AS gap_sum, coalesce(sum(gap * gap), 0) AS gap_sq
    FROM o GROUP BY account`);
  await timed('indicators', `CREATE TABLE pay AS
    SELECT account, count(*) AS n, sum(amount) AS paid, max(amount) AS largest,
           sum(amount * (day - invoice_day)) / sum(amount) AS collection_days
    FROM payments WHERE day BETWEEN ${FROM} AND ${TO} GROUP BY account`);
  await timed('overdue', `CREATE TABLE od AS
    SELECT i.account, max(${TO} - i.due_day) AS days
    FROM invoices i LEFT JOIN (SELECT invoice, sum(amount) AS paid FROM payments WHERE day <= ${TO} GROUP BY invoice) p
         USING (invoice)
    WHERE i.invoice_day <= ${TO} AND i.due_day < ${TO} AND i.amount > coalesce(p.paid, 0)
    GROUP BY i.account`);
  // Pyramid (1/4/15/80 %, ceiling of cumulative shares) and card tiers (5/15/80 %).
  await timed('pyramid', `CREATE TABLE pyr AS
    SELECT account,
           CASE WHEN rn <= (n * 100 + 9999) // 10000 THEN 0 WHEN rn <= (n * 500 + 9999) // 10000 THEN 1
                WHEN rn <= (n * 2000 + 9999) // 10000 THEN 2 ELSE 3 END AS level,
           CASE WHEN rn <= (n * 500 + 9999) // 10000 THEN 0 WHEN rn <= (n * 2000 + 9999) // 10000 THEN 1
                ELSE 2 END AS card
    FROM (SELECT account, row_number() OVER (ORDER BY revenue DESC, account) AS rn, count(*) OVER () AS n FROM ind)`);
  await timed('abc', `CREATE TABLE abc AS
    SELECT account, CASE WHEN revenue <= 0 THEN 2 WHEN before * 10000 < total * 8000 THEN 0
                         WHEN before * 10000 < total * 9500 THEN 1 ELSE 2 END AS class
    FROM (SELECT account, revenue, sum(greatest(revenue, 0)) OVER () AS total,
                 coalesce(sum(greatest(revenue, 0)) OVER (ORDER BY revenue DESC, account
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM ind)`);
  await timed('rfm', `CREATE TABLE rfm AS
    SELECT account,
           5 - (5 * (row_number() OVER (ORDER BY last_day DESC, account) - 1)) // count(*) OVER () AS r,
           5 - (5 * (row_number() OVER (ORDER BY n DESC, account) - 1)) // count(*) OVER () AS f,
           5 - (5 * (row_number() OVER (ORDER BY revenue DESC, account) - 1)) // count(*) OVER () AS m
    FROM ind`);
  // Spend tiers with importance overrides and the one-tier downgrade past 90 days overdue.
  await timed('tiers', `CREATE TABLE tiers AS
    SELECT account, CASE WHEN tier >= 0 AND days > 90 THEN (CASE WHEN tier + 1 >= 4 THEN -1 ELSE tier + 1 END)
                         ELSE tier END AS tier
    FROM (SELECT a.account, coalesce(od.days, 0) AS days,
                 CASE WHEN a.importance > 0 AND (coalesce(s.base, -1) < 0 OR a.importance - 1 < s.base)
                      THEN a.importance - 1 ELSE coalesce(s.base, -1) END AS tier
          FROM accounts a LEFT JOIN od USING (account)
          LEFT JOIN (SELECT account, CASE WHEN revenue >= 500000000 THEN 0 WHEN revenue >= 100000000 THEN 1
                                          WHEN revenue >= 50000000 THEN 2 WHEN revenue >= 1000000 THEN 3
                                          ELSE -1 END AS base
                     FROM ind) s USING (account))`);
  await timed('pattern', `CREATE TABLE pattern AS
    SELECT account, CASE WHEN n = 1 THEN 1
                         WHEN n >= 4 AND gap_sum > 0
                              AND 10000 * ((n - 1) * gap_sq - gap_sum * gap_sum) <= 10000 * gap_sum * gap_sum THEN 3
                         ELSE 2 END AS pattern FROM ind`);
  runs.push(timings);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
timings = { load: loadTimings.load };
for (const step of Object.keys(runs[0])) timings[step] = median(runs.map((r) => r[step]));

// Checksums of each class over the accounts, to compare with the engine's.
const M = 1000000007;
const checks = {
  ranked: (await scalar(`SELECT count(*) FROM ind`))[0],
  revenue: (await scalar(`SELECT sum(revenue) % ${M} FROM ind`))[0],
  pyramid: (await scalar(`SELECT sum((account + 1) * (level + 2)) % ${M} FROM pyr`))[0],
  card: (await scalar(`SELECT sum((account + 1) * (card + 2)) % ${M} FROM pyr`))[0],
  abc: (await scalar(`SELECT sum((account + 1) * (class + 2)) % ${M} FROM abc`))[0],
  rfm: (await scalar(`SELECT sum((account + 1) * (r * 100 + f * 10 + m)) % ${M} FROM rfm`))[0],
  tiers: (await scalar(`SELECT sum((account + 1) * (tier + 2)) % ${M} FROM tiers`))[0],
  pattern: (await scalar(`SELECT sum((account + 1) * pattern) % ${M} FROM pattern`))[0],
  lines: (await scalar(`SELECT sum((account + 1) * lines) % ${M} FROM ind`))[0],
};
console.log(JSON.stringify({ timings, checks }));
