package dev.wsboot.server;

import java.util.List;

import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;

/**
 * Wraps the handler of every endpoint (the controllers' and the {@code WsEndpoint} beans') when
 * the server is created, to run code around each of its calls: a security context, a logging
 * context. Beans of this type are applied in {@code @Order}, the first outermost. A decorator
 * should return a {@link DelegatingWsHandler}, so that the actuator still names the controller.
 *
 * <p>Threading: {@link #decorate} is called by the thread that starts the server; the handler it
 * returns is called as the engine calls handlers, one event at a time per session.
 */
@FunctionalInterface
public interface WsHandlerDecorator {

	WsHandler decorate(WsHandler handler);

	/** The endpoint with its handler wrapped by the decorators, the first outermost. */
	static WsEndpoint decorate(WsEndpoint endpoint, List<? extends WsHandlerDecorator> decorators) {
		if (decorators.isEmpty()) {
			return endpoint;
		}
		WsHandler handler = endpoint.handler();
		for (int i = decorators.size() - 1; i >= 0; i--) {
			handler = decorators.get(i).decorate(handler);
		}
		return new WsEndpoint(endpoint.path(), handler, endpoint.subprotocols(), endpoint.subprotocolRequired());
	}

}
