-- The Lua echo of the benchmarks: every text message back to its sender.
function main(clientId, message)
  _send(clientId, message)
end

function on_binary(clientId, data)
  _sendBinary(clientId, data)
end
