function main(clientId, message)
  _send(clientId, "fine")
end

function broken(
  x = = 1
end
