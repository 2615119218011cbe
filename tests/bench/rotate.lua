-- wrk script for tests/bench/load.sh: each request goes to the next case of a list, so that the
-- load spreads over many cases rather than one cached row.
--   BENCH_IDS   a file with one case id per line
--   BENCH_PATH  the path, with {id} where the case goes (/api/v1/cases/{id})
--   BENCH_MODE  get (default), or transition: POST /api/v1/cases/{id}/transitions, `hold`
--               on each case in turn, then `resume` on each, and so on
-- The threads share the list without sharing a case: thread t takes every n-th id from t.
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  local ids = {}
  for line in io.lines(os.getenv("BENCH_IDS")) do
    ids[#ids + 1] = line
  end
  local stride = tonumber(os.getenv("BENCH_THREADS") or "2")
  mine = {}
  for i = offset + 1, #ids, stride do
    mine[#mine + 1] = ids[i]
  end
  template = os.getenv("BENCH_PATH") or "/api/v1/cases/{id}"
  mode = os.getenv("BENCH_MODE") or "get"
  sent = 0
end

function request()
  local id = mine[(sent % #mine) + 1]
  local pass = math.floor(sent / #mine)
  sent = sent + 1
  if mode == "transition" then
    local body
    if pass % 2 == 0 then
      body = '{"event":"hold","data":{"reason":"Prueba de carga"}}'
    else
      body = '{"event":"resume"}'
    end
    -- wrk.format takes the headers given instead of wrk.headers (those of -H): both go.
    local headers = { ["Content-Type"] = "application/json" }
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
    return wrk.format("POST", "/api/v1/cases/" .. id .. "/transitions", headers, body)
  end
  local path = string.gsub(template, "{id}", id)
  return wrk.format("GET", path)
end
