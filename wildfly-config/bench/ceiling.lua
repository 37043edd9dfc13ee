-- wrk script for the ceiling of callback-ingest.sh: a trivial GET on the same server (no DB work), printed in the
-- same format as callback-ingest.lua; counts replies with a status other than the expected one (args[1]).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  expected = tonumber(args[1] or "204")
  bad = 0
end

function response(status, headers, body)
  if status ~= expected then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do
    failed = failed + (t:get("bad") or 0)
  end
  io.write(string.format("throughput: %.0f req/s (%d requests, %d unexpected)\n",
    summary.requests / (summary.duration / 1e6), summary.requests, failed))
  io.write(string.format("latency:    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
