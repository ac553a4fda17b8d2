-- Each escape is tried inside pcall, so the client is told what stopped it.
local attempts = {
  ["os.execute"] = function() return os.execute("echo escaped") end,
  ["os.exit"] = function() return os.exit(1) end,
  ["io.open"] = function() return io.open("/etc/passwd") end,
  ["luajava.bindClass"] = function() return luajava.bindClass("java.lang.System") end,
  ["load"] = function() return load("return 'escaped'")() end,
  ["loadstring"] = function() return loadstring("return 'escaped'")() end,
  ["dofile"] = function() return dofile("/etc/passwd") end,
  ["loadfile"] = function() return loadfile("/etc/passwd") end,
  ["require"] = function() return require("io") end,
  ["collectgarbage"] = function() return collectgarbage("count") end,
  ["debug.sethook"] = function() return debug.sethook() end,
  ["package.loadlib"] = function() return package.loadlib("libc.so.6", "system") end,
  ["coroutine.create"] = function() return coroutine.create(print) end,
  ["string metatable"] = function() return getmetatable("").__index end,
  ["string.dump"] = function() return string.dump(print) end,
  ["string.rep"] = function() return string.rep("x", 1e9) end,
  ["string method rep"] = function() return ("x"):rep(1e9) end,
  ["concatenation"] = function() local s = "x" for _ = 1, 40 do s = s .. s end return #s end,
  ["table.concat"] = function() local t = {} local s = string.rep("x", 1000000) for i = 1, 10 do t[i] = s end return #table.concat(t) end,
  ["table growth"] = function() local t = {} for i = 1, 100000 do t[i] = i end return #t end,
  ["table.insert growth"] = function() local t = {} for i = 1, 100000 do table.insert(t, i) end return #t end,
  ["global growth"] = function() for i = 1, 100000 do _G["g" .. i] = i end return "done" end,
  ["deep recursion"] = function() local function f(n) return f(n + 1) + 1 end return f(1) end,
}

function main(clientId, message)
  if message == "ping" then
    _send(clientId, "pong")
  elseif message == "while true do end" then
    while true do end
  elseif message == "pcall(while true do end)" then
    pcall(function() while true do end end)
    _send(clientId, "escaped the budget")
  elseif message == "error" then
    error("deliberate failure")
  else
    local ok, result = pcall(attempts[message])
    _send(clientId, (ok and "allowed: " or "refused: ") .. tostring(result))
  end
end
