function main(clientId, message)
end

function on_startup()
  error("not ready")
end
