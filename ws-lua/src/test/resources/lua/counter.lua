-- One Lua state per endpoint, shared by its clients: the count is the endpoint's.
count = 0

function main(clientId, message)
  if message == "total" then
    _send(clientId, "total " .. count)
  elseif message == "break upper" then
    string.upper = function() return "broken" end
    _send(clientId, ("upper"):upper())
  elseif message == "upper" then
    _send(clientId, ("upper"):upper())
  else
    count = count + 1
  end
end
