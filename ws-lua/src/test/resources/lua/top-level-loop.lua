function main(clientId, message)
end

while true do
end
