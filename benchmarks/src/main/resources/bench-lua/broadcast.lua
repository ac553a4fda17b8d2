-- Every message to every client of this path, the sender included.
function main(clientId, message)
  _sendAll(message)
end

function on_binary(clientId, data)
  _sendAllBinary(data)
end
