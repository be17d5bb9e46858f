-- wrk script: POST pre-signed webhooks from $EVENTS (lines "signature<TAB>body"), each thread its own stride.
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  for line in io.lines(os.getenv("EVENTS")) do lines[#lines + 1] = line end
  index = id
  step = tonumber(os.getenv("THREADS") or "2")
end

function request()
  local line = lines[((index - 1) % #lines) + 1]
  index = index + step
  local tab = line:find("\t", 1, true)
  return wrk.format("POST", "/webhooks/ghl",
    { ["Content-Type"] = "application/json", ["X-GHL-Signature"] = line:sub(1, tab - 1) }, line:sub(tab + 1))
end
