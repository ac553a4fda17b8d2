-- join:ROOM, leave:ROOM, say:ROOM:TEXT, close:CODE:REASON
function main(clientId, message)
  local command, room, text = message:match("^(%a+):([^:]*):?(.*)$")
  if command == "join" then
    _send(clientId, "joined " .. room .. " " .. tostring(_join(room, clientId)))
  elseif command == "leave" then
    _send(clientId, "left " .. room .. " " .. tostring(_leave(room, clientId)))
  elseif command == "say" then
    _send(clientId, "delivered " .. _sendGroup(room, text))
  elseif command == "close" then
    _close(clientId, tonumber(room), text)
  elseif command == "all" then
    _sendAll(room)
  end
end
