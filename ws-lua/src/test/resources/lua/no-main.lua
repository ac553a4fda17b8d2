function on_connect(clientId)
end
