-- wrk script: every request posts a new guest comment through the real form,
-- as a browser on the blog's own page would (same-origin Fetch Metadata and
-- Origin headers, a form-encoded body, a fresh submission key). The server runs
-- the whole path: origin check, rate limit, form validation, spam check,
-- moderation ("hold a guest's first comment"), the insert, the receipt redirect.
--
--   wrk -s bench/comment.lua ... https://host/comments/post/<pk>/ -- <run tag>
--
-- Each wrk thread numbers its own requests; the run tag and the thread id keep
-- keys (and names and texts) unique across runs and threads, so no request is a
-- repeat of an earlier one (the blog would rightly store a repeat only once). done() prints how many 302 answers (acknowledged comments)
-- came back, so bench/run.sh can check every one of them was stored.

-- Globals, not locals: thread:get() in done() reads a thread's globals, and
-- setup() hands each thread its "id" the same way.
local threads = {}
counter = 0
acknowledged = 0
other = 0
id = 0
tag = "run"

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  if args[1] then tag = args[1] end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Sec-Fetch-Site"] = "same-origin"
  wrk.headers["Origin"] = "https://" .. (wrk.headers["Host"] or "localhost")
end

function request()
  counter = counter + 1
  local n = string.format("%s-%d-%d", tag, id, counter)
  local body = "name=Bench+reader+" .. n
    .. "&email=reader-" .. n .. "%40example.org"
    .. "&url="
    .. "&body=Comment+" .. n .. "%3A+the+second+side+is+where+this+record+really+opens+up."
    .. "&parent=&key=bench-" .. n
  return wrk.format(nil, nil, nil, body)
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
