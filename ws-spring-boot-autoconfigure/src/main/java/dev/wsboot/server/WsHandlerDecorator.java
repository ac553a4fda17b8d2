package dev.wsboot.server;

import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;

/**
 * Wraps the handler of every endpoint the server is given, the {@code @WsController}s' and the
 * {@code WsEndpoint} beans', before the {@link WsServerFactory} sees them: for work around each
 * event of every endpoint, such as the observations of the starter. Beans of this type are
 * applied in {@code @Order}, the first one innermost.
 *
 * <p>A wrapper should implement {@link Decorated}, so that the starter still finds the
 * application's handler behind it (the actuator names the controller of each endpoint).
 *
 * <p>Threading: called by the thread that starts the application context, once per endpoint and
 * start. The handler returned is called as the engine calls handlers: one event of a session at a
 * time, on the handler executor.
 */
@FunctionalInterface
public interface WsHandlerDecorator {

	/**
	 * @param endpoint the endpoint, with the handler decorated so far
	 * @return the handler to serve it with: a wrapper around {@code endpoint.handler()}, or that
	 * handler itself
	 */
	WsHandler decorate(WsEndpoint endpoint);

	/**
	 * The handler behind any {@link Decorated} wrappers.
	 */
	static WsHandler undecorated(WsHandler handler) {
		WsHandler current = handler;
		while (current instanceof Decorated decorated) {
			current = decorated.delegate();
		}
		return current;
	}

	/**
	 * A handler that wraps another one.
	 */
	interface Decorated extends WsHandler {

		/** The handler this one wraps. */
		WsHandler delegate();

		/** A wrapper blocks where what it wraps does: it keeps a non-blocking handler on the I/O thread. */
		@Override
		default boolean blocking() {
			return delegate().blocking();
		}

	}

}
