local settings = {}
local port = settings.server.port

function main(clientId, message)
end
