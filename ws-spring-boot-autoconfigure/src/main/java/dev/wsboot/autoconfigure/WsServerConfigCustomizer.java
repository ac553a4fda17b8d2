package dev.wsboot.autoconfigure;

import dev.wsboot.engine.WsServerConfig;

/**
 * Changes the engine configuration after the {@code ws.*} properties were applied, part by part:
 * {@code builder.limits((limits) -> limits.maxConnections(50_000))}. Beans of this type are applied
 * in order.
 */
@FunctionalInterface
public interface WsServerConfigCustomizer {

	void customize(WsServerConfig.Builder builder);

}
