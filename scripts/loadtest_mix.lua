-- wrk script of the load test (scripts/loadtest.sh): replays the URL mix written by loadtest_prepare.py
-- (library lists with filters and keywords, detail pages, recommendations, the staff dashboard), each
-- request with its persona's session cookie, and prints one JSON line of figures at the end.
local mix = dofile(os.getenv("LOADTEST_MIX"))
local threads = {}
-- per-thread globals (thread:get reads globals only)
counter = 0
bad = 0
bad_kinds = {}

function setup(thread)
  thread:set("offset", #threads * 37)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local item = mix[(counter % #mix) + 1]
  local headers = {["Accept-Language"] = "zh-CN", ["Host"] = "127.0.0.1"}
  if item.cookie ~= "" then headers["Cookie"] = item.cookie end
  return wrk.format("GET", item.path, headers)
end

function response(status, headers, body)
  -- anything but 200 is an error here: a redirect would mean a lost session (login page), not a page served
  if status ~= 200 then
    bad = bad + 1
    bad_kinds[status] = (bad_kinds[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  local statuses = {}
  for _, thread in ipairs(threads) do
    not_ok = not_ok + (thread:get("bad") or 0)
    local kinds = thread:get("bad_kinds") or {}
    for status, n in pairs(kinds) do statuses[status] = (statuses[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(statuses) do table.insert(parts, string.format('"%d": %d', status, n)) end
  local seconds = summary.duration / 1e6
  local socket = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "duration_s": %.1f, "rps": %.1f, "p50_ms": %.1f, "p90_ms": %.1f, "p95_ms": %.1f, ' ..
    '"p99_ms": %.1f, "max_ms": %.1f, "mean_ms": %.1f, "non_200": %d, "socket_errors": %d, ' ..
    '"error_rate": %.5f, "statuses": {%s}, "mix_size": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
    not_ok, socket, (not_ok + socket) / math.max(summary.requests, 1), table.concat(parts, ", "), #mix))
end
