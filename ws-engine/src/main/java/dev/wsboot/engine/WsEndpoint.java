package dev.wsboot.engine;

import java.util.List;
import java.util.Objects;

/**
 * A path and the handler that serves it, with the subprotocols it speaks.
 *
 * @param path the exact request path, starting with '/'
 * @param handler the application code
 * @param subprotocols the subprotocols this endpoint speaks, most preferred first (RFC 6455
 * §4.2.2: the server picks the first of these that the client offers)
 * @param subprotocolRequired whether a client that offers none of them is rejected with 400
 */
public record WsEndpoint(String path, WsHandler handler, List<String> subprotocols, boolean subprotocolRequired) {

	public WsEndpoint {
		Objects.requireNonNull(path, "path must not be null");
		Objects.requireNonNull(handler, "handler must not be null");
		if (!path.startsWith("/") || path.indexOf('?') >= 0) {
			throw new IllegalArgumentException("Endpoint path must start with '/' and have no query: " + path);
		}
		subprotocols = List.copyOf(subprotocols);
		if (subprotocolRequired && subprotocols.isEmpty()) {
			throw new IllegalArgumentException("Endpoint " + path + " requires a subprotocol but names none");
		}
	}

	public static WsEndpoint of(String path, WsHandler handler) {
		return new WsEndpoint(path, handler, List.of(), false);
	}

}
