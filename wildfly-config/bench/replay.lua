-- wrk script: POSTs prepared JSON bodies (one per line of args[1]) to the URL given on the command line, cycling
-- through them, each thread its own share; counts replies that are not HTTP 200 with "errcode":0 (or no errcode).
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(args[2])
  bodies = {}
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if (n % nthreads) == (id - 1) then
      table.insert(bodies, line)
    end
  end
  idx = 0
  bad = 0
end

function request()
  idx = idx + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[((idx - 1) % #bodies) + 1])
end

function response(status, headers, body)
  if status ~= 200 or (string.find(body, '"errcode":', 1, true) and not string.find(body, '"errcode":0', 1, true)) then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do
    failed = failed + (t:get("bad") or 0)
  end
  io.write(string.format("throughput: %.0f req/s (%d requests, %d failed)\n",
    summary.requests / (summary.duration / 1e6), summary.requests, failed))
  io.write(string.format("latency:    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
