-- wrk script: POST pre-signed webhooks from $EVENTS (lines "signature<TAB>body"), each thread its own stride,
-- starting at line $START (default 1) so that a warm-up run and the measured run never post the same webhookId.
-- At the end it prints how many answers said "stored" (a new row) and "duplicate".
local counter = 1
local threads = {}
function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  lines = {}
  for line in io.lines(os.getenv("EVENTS")) do lines[#lines + 1] = line end
  step = tonumber(os.getenv("THREADS") or "2")
  index = tonumber(os.getenv("START") or "1") + id - 1
  stored = 0
  duplicate = 0
end

function request()
  local line = lines[((index - 1) % #lines) + 1]
  index = index + step
  local tab = line:find("\t", 1, true)
  return wrk.format("POST", "/webhooks/ghl",
    { ["Content-Type"] = "application/json", ["X-GHL-Signature"] = line:sub(1, tab - 1) }, line:sub(tab + 1))
end

function response(status, headers, body)
  if body:find("\"stored\"", 1, true) then
    stored = stored + 1
  elseif body:find("\"duplicate\"", 1, true) then
    duplicate = duplicate + 1
  end
end

function done(summary, latency, requests)
  local s, d = 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("stored")
    d = d + thread:get("duplicate")
  end
  io.write(string.format("answers: %d stored, %d duplicate\n", s, d))
end
