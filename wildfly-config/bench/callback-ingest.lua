-- wrk script for the callback ingest benchmark: replays prepared, signed SAFE-mode pushes (one per line:
-- path TAB body, written by CallbackLoad with -Dfanmail.bench.wrk-file), each thread its own share, each
-- push once, and counts replies that are not "success".
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(args[2])
  lines = {}
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if (n % nthreads) == (id - 1) then
      local tab = string.find(line, "\t", 1, true)
      table.insert(lines, { string.sub(line, 1, tab - 1), string.sub(line, tab + 1) })
    end
  end
  idx = 0
  bad = 0
end

function request()
  idx = idx + 1
  local r = lines[((idx - 1) % #lines) + 1]
  return wrk.format("POST", r[1], { ["Content-Type"] = "text/xml" }, r[2])
end

function response(status, headers, body)
  if status ~= 200 or body ~= "success" then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do
    failed = failed + (t:get("bad") or 0)
  end
  io.write(string.format("throughput: %.0f req/s (%d requests, %d not 'success')\n",
    summary.requests / (summary.duration / 1e6), summary.requests, failed))
  io.write(string.format("latency:    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
