// The two measurements of bench/http/run that wrk does not make (Debian 12 has wrk, not wrk2):
//
//   node client.mjs paced  --base URL --paths FILE [--rate 1000] [--seconds 10] [--connections 32]
//                          [--warmup 2] [--header 'Name: value']...
//     An open-loop client at a fixed request rate over keep-alive connections. Request i is due
//     at start + i / rate whatever happened to the earlier ones, and its latency is counted
//     from that due time, not from when a free connection let it go out: a server that stalls
//     is charged for the requests queued behind the stall (no coordinated omission, as in
//     wrk2). The timer fires about once a millisecond, so up to ~1 ms of every latency is the
//     client's own; the same client against nginx shows that floor.
//
//   node client.mjs serial --base URL --paths TSV [--count 20] [--header 'Name: value']...
//     Each path (TSV lines: label, tab, path) COUNT times, one request at a time on one
//     keep-alive connection: the latency a user sees for that page. Reports the list's total.
//
//   node client.mjs report --results JSONL --labels TSV [--rate 1000]
//     The tables of bench/http/run (Markdown) from the lines the runs printed, with the
//     targets met or missed. Exits 1 if any answer was not 200.
//
// paced and serial print one JSON object per line.
import fs from 'node:fs';
import http from 'node:http';

function parseArgs(argv) {
  const opts = { headers: {} };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${argv[i]}`);
    if (key === 'header') {
      const colon = value.indexOf(':');
      opts.headers[value.slice(0, colon).trim()] = value.slice(colon + 1).trim();
    } else {
      opts[key] = value;
    }
  }
  return opts;
}

const now = () => process.hrtime.bigint();
const ms = (ns) => Number(ns) / 1e6;

// Nearest-rank percentile over latencies in ns; unfinished requests count as infinite.
function percentile(sorted, unfinished, p) {
  const n = sorted.length + unfinished;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return rank <= sorted.length ? ms(sorted[rank - 1]) : Infinity;
}

// One GET; `outstanding` (optional) holds the request until it is answered, so that a run
// that gives up can abort what is still queued instead of sending it later.
function get(agent, url, path, headers, outstanding) {
  return new Promise((resolve) => {
    const chunks = [];
    const req = http.request(url + path, { agent, headers }, (res) => {
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ status: 0, error: e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.message }));
    req.on('close', () => outstanding?.delete(req));
    outstanding?.add(req);
    req.end();
  });
}

async function paced(opts) {
  const paths = fs.readFileSync(opts.paths, 'utf8').split('\n').filter(Boolean);
  const rate = Number(opts.rate ?? 1000);
  const seconds = Number(opts.seconds ?? 10);
  const connections = Number(opts.connections ?? 32);
  const warmup = Number(opts.warmup ?? 2);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  // A backlog of half a second of requests means the server does not keep up with the rate.
  const maxInFlight = Math.max(100, Math.floor(rate / 2));

  async function phase(duration, record) {
    const total = Math.round(rate * duration);
    const interval = 1e9 / rate;
    const latencies = [];
    const service = [];
    let sent = 0;
    let inFlight = 0;
    let errors = 0;
    let answered = 0;
    let overloaded = false;
    let abandoned = false;
    const outstanding = new Set();
    const start = now();
    await new Promise((resolve) => {
      const finishIfDone = () => {
        if ((sent === total || overloaded) && inFlight === 0) resolve();
      };
      const issue = (i) => {
        const due = start + BigInt(Math.round(i * interval));
        const sentAt = now();
        inFlight++;
        get(agent, opts.base, paths[i % paths.length], opts.headers, outstanding).then((r) => {
          const end = now();
          if (abandoned) return;
          inFlight--;
          answered++;
          if (r.status !== 200) errors++;
          else if (record) {
            latencies.push(end - due);
            service.push(end - sentAt);
          }
          finishIfDone();
        });
      };
      const tick = () => {
        const elapsed = Number(now() - start);
        const due = Math.min(total, Math.floor(elapsed / interval) + 1);
        while (sent < due && !overloaded) {
          if (inFlight >= maxInFlight) {
            overloaded = true;
            break;
          }
          issue(sent++);
        }
        if (sent < total && !overloaded) setTimeout(tick, 1);
        else if (overloaded) {
          abandoned = true; // drop the backlog: the answer is already "does not keep up"
          for (const req of outstanding) req.destroy();
          agent.destroy();
          resolve();
        } else finishIfDone();
      };
      tick();
    });
    const elapsed = Number(now() - start) / 1e9;
    return { total, sent, answered, latencies, service, errors, overloaded, elapsed };
  }

  if (warmup > 0) {
    const w = await phase(warmup, false);
    if (w.overloaded) {
      console.log(
        JSON.stringify({
          kind: 'paced',
          endpoint: opts.endpoint,
          server: opts.server,
          rate,
          overloaded: true,
          during: 'warm-up',
          achieved_rps: Math.round(w.answered / w.elapsed),
          p50_ms: 'inf',
          p99_ms: 'inf',
        }),
      );
      return;
    }
  }
  const r = await phase(seconds, true);
  agent.destroy();
  const sorted = r.latencies.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const serviceSorted = r.service.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const unfinished = r.total - r.latencies.length - r.errors;
  const infinite = (_, v) => (v === Infinity ? 'inf' : v);
  console.log(
    JSON.stringify({
      kind: 'paced',
      endpoint: opts.endpoint,
      server: opts.server,
      rate,
      seconds,
      connections,
      requests: r.total,
      completed: r.latencies.length,
      errors: r.errors,
      overloaded: r.overloaded,
      achieved_rps: Math.round(r.answered / r.elapsed),
      p50_ms: percentile(sorted, unfinished, 50),
      p99_ms: percentile(sorted, unfinished, 99),
      max_ms: unfinished > 0 ? Infinity : sorted.length ? ms(sorted[sorted.length - 1]) : null,
      service_p50_ms: percentile(serviceSorted, unfinished, 50),
      service_p99_ms: percentile(serviceSorted, unfinished, 99),
    }, infinite),
  );
}

async function serial(opts) {
  const pages = fs
    .readFileSync(opts.paths, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'));
  const count = Number(opts.count ?? 20);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (const [label, path] of pages) {
    const times = [];
    let last;
    for (let i = 0; i < count; i++) {
      const t0 = now();
      last = await get(agent, opts.base, path, opts.headers);
      times.push(ms(now() - t0));
      if (last.status !== 200) break;
    }
    let total = null;
    let items = null;
    if (last.status === 200) {
      const body = JSON.parse(last.body.toString('utf8'));
      total = body.total ?? null;
      items = Array.isArray(body.items) ? body.items.length : null;
    }
    // The first request computes what the server then keeps (a class's order, the stages,
    // the grades); the others show the list as it is served while nothing is written.
    const first = times.shift();
    times.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        kind: 'serial',
        label,
        path,
        status: last.status,
        requests: times.length + 1,
        first_ms: first,
        median_ms: times.length ? times[Math.floor((times.length - 1) / 2)] : first,
        max_ms: times.length ? times[times.length - 1] : first,
        total,
        items,
        bytes: last.body ? last.body.length : 0,
      }),
    );
  }
  agent.destroy();
}

function report(opts) {
  const rate = Number(opts.rate ?? 1000);
  const lines = fs.readFileSync(opts.results, 'utf8').split('\n').filter(Boolean);
  const results = lines.map((l) => JSON.parse(l));
  const labels = fs
    .readFileSync(opts.labels, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const find = (kind, endpoint, server) =>
    results.find((r) => r.kind === kind && r.endpoint === endpoint && r.server === server);
  // The wrk rounds of one endpoint and server: the median of each figure, errors summed.
  const median = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const wrkRuns = (endpoint, server) => {
    const runs = results.filter((r) => r.kind === 'wrk' && r.endpoint === endpoint && r.server === server);
    if (runs.length === 0) return null;
    const out = { rounds: runs.length, all_rps: runs.map((r) => r.rps) };
    for (const key of ['rps', 'p50_us', 'p99_us']) out[key] = median(runs.map((r) => r[key]));
    for (const key of Object.keys(runs[0]).filter((k) => k.startsWith('errors_')))
      out[key] = runs.reduce((sum, r) => sum + r[key], 0);
    return out;
  };
  const ratioText = (x) => (x >= 0.1 ? x.toFixed(2) : x.toPrecision(2));
  const fmt = (v) => {
    if (v === null || v === undefined) return 'n/a';
    if (v === 'inf' || v === Infinity) return '∞';
    if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
    if (v >= 100) return `${Math.round(v)} ms`;
    if (v >= 10) return `${v.toFixed(1)} ms`;
    return `${v.toFixed(2)} ms`;
  };
  const rps = (v) => (v < 100 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US'));
  const problems = [];
  const notes = [];
  const rounds = [];
  const misses = [];
  const paced = (r) => {
    if (!r) return 'n/a';
    if (r.overloaded) return r.achieved_rps >= 1 ? `overloaded (${rps(r.achieved_rps)} req/s answered)` : 'overloaded';
    return fmt(r.p99_ms);
  };
  const socketErrors = (r) => r.errors_connect + r.errors_read + r.errors_write + r.errors_timeout;

  let met = [0, 0];
  console.log(
    `| endpoint | kam req/s | nginx req/s | kam / nginx | kam p50 | kam p99 | nginx p50 | nginx p99 ` +
      `| kam p99 at ${rps(rate)} req/s | nginx p99 at ${rps(rate)} req/s | ≥ ½ nginx | p99 < 10 ms |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [endpoint, label] of labels) {
    const k = wrkRuns(endpoint, 'kam');
    const n = wrkRuns(endpoint, 'nginx');
    const pk = find('paced', endpoint, 'kam');
    const pn = find('paced', endpoint, 'nginx');
    if (!k || !n) {
      problems.push(`${endpoint}: no wrk result`);
      continue;
    }
    for (const [r, who] of [
      [k, 'kam'],
      [n, 'nginx'],
    ]) {
      if (r.errors_status > 0) problems.push(`${endpoint}: ${who} answered ${r.errors_status} requests with non-2xx`);
      if (socketErrors(r) > 0)
        notes.push(
          `${endpoint}: ${who} socket errors connect ${r.errors_connect}, read ${r.errors_read}, ` +
            `write ${r.errors_write}, timeout ${r.errors_timeout}`,
        );
    }
    for (const [r, who] of [
      [pk, 'kam'],
      [pn, 'nginx'],
    ]) {
      if (r && r.errors > 0) problems.push(`${endpoint}: ${who} answered ${r.errors} paced requests with non-200`);
    }
    const ratio = k.rps / n.rps;
    const throughputOk = ratio >= 0.5;
    const latencyOk = pk && !pk.overloaded && pk.p99_ms !== 'inf' && pk.p99_ms < 10;
    met[0] += throughputOk;
    met[1] += latencyOk;
    if (!throughputOk)
      misses.push(`${endpoint}: ${ratioText(ratio)} of nginx's throughput (target ≥ 0.5)`);
    if (k.rounds > 1)
      rounds.push(
        `${endpoint}: ${k.rounds} wrk rounds, kam ${k.all_rps.map(rps).join(' / ')} req/s, ` +
          `nginx ${n.all_rps.map(rps).join(' / ')} req/s`,
      );
    if (!latencyOk) misses.push(`${endpoint}: p99 at ${rps(rate)} req/s ${paced(pk)} (target < 10 ms)`);
    console.log(
      `| ${label} | ${rps(k.rps)} | ${rps(n.rps)} | ${ratioText(ratio)} | ${fmt(k.p50_us / 1000)} | ` +
        `${fmt(k.p99_us / 1000)} | ${fmt(n.p50_us / 1000)} | ${fmt(n.p99_us / 1000)} | ${paced(pk)} | ` +
        `${paced(pn)} | ${throughputOk ? 'yes' : '**no**'} | ${latencyOk ? 'yes' : '**no**'} |`,
    );
  }

  const pages = results.filter((r) => r.kind === 'serial');
  let pagesMet = 0;
  console.log();
  console.log(
    '| list page (limit 50, with its total) | total | first | median of the next 19 | max of the next 19 | < 100 ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const p of pages) {
    if (p.status !== 200) problems.push(`${p.label}: status ${p.status}`);
    else if (typeof p.total !== 'number') problems.push(`${p.label}: the answer has no total`);
    const ok = p.status === 200 && p.max_ms < 100;
    pagesMet += ok;
    if (!ok) misses.push(`list page "${p.label}": max ${fmt(p.max_ms)}, median ${fmt(p.median_ms)} (target < 100 ms)`);
    console.log(
      `| ${p.label} | ${p.total === null ? 'n/a' : p.total.toLocaleString('en-US')} | ${fmt(p.first_ms)} | ` +
        `${fmt(p.median_ms)} | ` +
        `${fmt(p.max_ms)} | ${ok ? 'yes' : '**no**'} |`,
    );
  }

  console.log();
  console.log(
    `targets met: throughput ≥ ½ nginx ${met[0]}/${labels.length}; p99 < 10 ms at ${rps(rate)} req/s ` +
      `${met[1]}/${labels.length}; list pages with total < 100 ms ${pagesMet}/${pages.length}`,
  );
  for (const m of misses) console.log(`missed: ${m}`);
  for (const r of rounds) console.log(r);
  for (const n of notes) console.log(`note: ${n}`);
  for (const p of problems) console.log(`ERROR: ${p}`);
  if (problems.length > 0) process.exitCode = 1;
}

const [mode, ...rest] = process.argv.slice(2);
const opts = parseArgs(rest);
if (mode === 'paced') {
  await paced(opts);
  process.exit(0); // nothing left to wait for, whatever sockets are still closing
}
else if (mode === 'serial') await serial(opts);
else if (mode === 'report') report(opts);
else {
  console.error('usage: node client.mjs paced|serial|report ...');
  process.exit(2);
}
