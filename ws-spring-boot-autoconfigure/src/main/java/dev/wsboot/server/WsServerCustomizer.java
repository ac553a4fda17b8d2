package dev.wsboot.server;

import dev.wsboot.engine.WsServer;

/**
 * Changes the engine's {@link WsServer.Builder} just before the starter's {@link WsServerFactory}
 * builds a server, after the properties, endpoints, interceptors, session listeners, executor and
 * TLS were applied: add an endpoint or interceptor, replace the executor. Beans of this type are
 * applied in {@code @Order}, as Boot's {@code RSocketServerCustomizer} beans are.
 *
 * <p>Threading: called by the thread that starts the application context, once per server.
 * For engine settings ({@code WsServerConfig}) use a {@code WsServerConfigCustomizer}.
 */
@FunctionalInterface
public interface WsServerCustomizer {

	void customize(WsServer.Builder builder);

}
