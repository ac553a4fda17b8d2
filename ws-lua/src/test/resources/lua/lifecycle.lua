function on_startup()
  _log("event on_startup")
end

function on_connect(clientId)
  _log("event on_connect")
end

function main(clientId, message)
  _send(clientId, message)
end

function on_disconnect(clientId)
  _log("event on_disconnect")
end

function on_shutdown()
  _log("event on_shutdown")
end
