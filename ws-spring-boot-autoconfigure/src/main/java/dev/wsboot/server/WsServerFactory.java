package dev.wsboot.server;

import java.util.Collection;

import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsServer;

/**
 * Creates the WebSocket server that {@code WsServerLifecycle} starts and stops, as Boot's
 * {@code RSocketServerFactory} does for RSocket. The starter's factory builds the engine from the
 * {@code ws.*} properties, the handshake interceptor and session listener beans, the SSL bundle and
 * the {@link WsServerCustomizer} beans; define a bean of this type to build it another way.
 *
 * <p>Threading: called by the thread that starts the application context, once per start.
 */
@FunctionalInterface
public interface WsServerFactory {

	/**
	 * Creates a server, not yet started.
	 * @param endpoints the application's endpoints: one per {@code @WsController}, then the
	 * {@code WsEndpoint} beans
	 * @return a new server serving those endpoints
	 */
	WsServer create(Collection<WsEndpoint> endpoints);

}
