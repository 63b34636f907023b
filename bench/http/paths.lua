-- wrk script for bench/http/run: cycles through the request paths listed in a file (one per
-- line; each thread starts at its own offset) and prints one machine-readable line at the end.
-- Usage: wrk ... -s bench/http/paths.lua http://host:port -- PATHS_FILE
-- The -H headers (the bearer token) go into every request through wrk.format.

local threads = 0
local requests = {}
local count = 0
local next_index = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      count = count + 1
      requests[count] = wrk.format(nil, line)
    end
  end
  assert(count > 0, "no paths in " .. args[1])
  next_index = ((thread_number or 1) * 7919) % count
end

function request()
  next_index = next_index % count + 1
  return requests[next_index]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d " ..
    "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
