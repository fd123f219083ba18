-- wrk script for app/bench/perf-bench.sh: books one seat per request on a random departure in
-- [DEP_MIN, DEP_MAX], each connection as its own customer (tokens from the file TOKENS, one a line).
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line
end
local dmin = tonumber(os.getenv("DEP_MIN"))
local dmax = tonumber(os.getenv("DEP_MAX"))
local next_token = 0

wrk.method = "POST"

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

request = function()
  next_token = next_token % #tokens + 1
  local body = string.format('{"departureId":%d,"headcount":1}', math.random(dmin, dmax))
  -- wrk.format uses the table given here instead of wrk.headers (wrk.lua), so it repeats Content-Type.
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[next_token] }
  return wrk.format(nil, nil, headers, body)
end
