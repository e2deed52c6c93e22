-- wrk script: every request posts a new guest comment through the real form,
-- as a reader's browser on the blog's own page would: same-origin Fetch Metadata
-- and Origin headers, a form-encoded body, a fresh submission key, the empty
-- hidden field people never see, and the signed "form shown" token the page's
-- script fetched from the reader-state request (/account/me.json?post=<pk>).
-- The server runs the whole path: origin check, rate limit, form validation,
-- every spam check (the text model included), moderation, the insert, the
-- receipt redirect.
--
--   wrk -s bench/comment.lua ... https://host/comments/post/<pk>/ -- <run tag> <token>
--
-- The token is fetched by bench/run.sh before the warm-up, so by the first
-- request the form has been "open" for longer than the timing check's 3 s, as
-- for a reader who read the post before writing. A token only says when the form
-- was shown, so one serves every request, as one open page serves a reader.
--
-- Readers come from many networks: each request names its own client address in
-- X-Forwarded-For, one per IPv4 /24, so the per-network and per-address limits
-- (6 in 10 minutes) see each reader once, as they would behind the README's
-- nginx. The server reads that header only from a proxy it trusts
-- (LINERNOTES_TRUSTED_PROXIES=127.0.0.1 in bench/run.sh); without that setting
-- every request is 127.0.0.1 and the rate check holds all but the first few.
--
-- Each wrk thread numbers its own requests; the run tag and the thread id keep
-- keys (and names, texts and addresses) unique across runs and threads, so no
-- request is a repeat of an earlier one (the blog would rightly store a repeat
-- only once). done() prints how many 302 answers (acknowledged comments) came
-- back, so bench/run.sh can check every one of them was stored.

-- Globals, not locals: thread:get() in done() reads a thread's globals, and
-- setup() hands each thread its "id" the same way.
local threads = {}
counter = 0
acknowledged = 0
other = 0
id = 0
tag = "run"
shown = ""

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local function urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

function init(args)
  if args[1] then tag = args[1] end
  if args[2] then shown = args[2] end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Sec-Fetch-Site"] = "same-origin"
  wrk.headers["Origin"] = "https://" .. (wrk.headers["Host"] or "localhost")
end

-- A reader's address: thread id and request number pick a /24 of its own
-- (up to 65,536 per thread and run tag); the run tag's own hash moves runs apart.
local function address()
  local salt = 0
  for i = 1, #tag do salt = (salt * 31 + string.byte(tag, i)) % 64 end
  local first = 11 + ((id - 1) * 64 + salt) % 100
  return string.format("%d.%d.%d.%d", first, math.floor(counter / 256) % 256, counter % 256, 20 + id)
end

function request()
  counter = counter + 1
  local n = string.format("%s-%d-%d", tag, id, counter)
  local body = "name=Bench+reader+" .. n
    .. "&email=reader-" .. n .. "%40example.org"
    .. "&url=&subject="
    .. "&body=The+second+side+is+where+this+record+really+opens+up+%28reader+" .. n .. "%29."
    .. "&parent=&key=bench-" .. n
    .. "&shown=" .. urlencode(shown)
  -- wrk.format takes this table instead of wrk.headers, so copy them in.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["X-Forwarded-For"] = address()
  return wrk.format(nil, nil, headers, body)
end

function response(status, headers, body)
  if status == 302 then acknowledged = acknowledged + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local acked, failed = 0, 0
  for _, thread in ipairs(threads) do
    acked = acked + thread:get("acknowledged")
    failed = failed + thread:get("other")
  end
  io.write(string.format("acknowledged_comments %d\nother_answers %d\n", acked, failed))
end
