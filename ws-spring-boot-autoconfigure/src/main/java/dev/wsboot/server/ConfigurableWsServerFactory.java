package dev.wsboot.server;

import java.util.Collection;

import dev.wsboot.engine.WsServerConfig;

/**
 * A {@link WsServerFactory} whose settings can be changed before the server is created, as Boot's
 * {@code ConfigurableRSocketServerFactory}. Not thread-safe: configure it before the context starts.
 */
public interface ConfigurableWsServerFactory extends WsServerFactory {

	/** The engine configuration, by default the {@code WsServerConfig} bean built from {@code ws.*}. */
	void setConfig(WsServerConfig config);

	/** Replaces the customizers applied to each server's builder. */
	void setServerCustomizers(Collection<? extends WsServerCustomizer> customizers);

	/** Adds customizers, applied after those already set. */
	void addServerCustomizers(WsServerCustomizer... customizers);

}
