-- Binary messages as Lua strings of bytes, both ways.
function main(clientId, message)
  -- message: hex pairs, such as "00ff80"
  local bytes = {}
  for pair in message:gmatch("%x%x") do
    bytes[#bytes + 1] = tonumber(pair, 16)
  end
  _sendBinary(clientId, string.char(table.unpack(bytes)))
end

function on_binary(clientId, data)
  _sendBinary(clientId, data:reverse())
  _send(clientId, "bytes " .. #data .. " first " .. data:byte(1) .. " last " .. data:byte(-1))
end
