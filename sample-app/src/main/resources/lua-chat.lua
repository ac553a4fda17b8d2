-- Called when a message is received
function main (clientId, message)
  _send(clientId, "You said: " .. message)
end

function on_connect(clientId)
  _sendAll("ClientID " .. clientId .. " just joined the server")
end

function on_disconnect(clientId)
end
