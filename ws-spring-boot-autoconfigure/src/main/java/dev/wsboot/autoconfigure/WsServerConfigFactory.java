package dev.wsboot.autoconfigure;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.stream.Stream;

import dev.wsboot.engine.CompressionConfig;
import dev.wsboot.engine.HandlerConfig;
import dev.wsboot.engine.InvalidSettingException;
import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.NetworkConfig;
import dev.wsboot.engine.ProtectionConfig;
import dev.wsboot.engine.TimeoutConfig;
import dev.wsboot.engine.WsServerConfig;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@link WsProperties} onto the parts of the engine's {@link WsServerConfig}: the one place
 * where properties meet the engine. A value the engine refuses is reported under its property name.
 */
final class WsServerConfigFactory {

	private static final System.Logger logger = System.getLogger(WsServerConfigFactory.class.getName());

	private WsServerConfigFactory() {
	}

	static WsServerConfig create(WsProperties properties, Stream<WsServerConfigCustomizer> customizers) {
		PropertyMapper map = PropertyMapper.get();
		WsServerConfig.Builder builder = WsServerConfig.builder()
			.network((network) -> network(map, properties, network))
			.limits((limits) -> limits(map, properties, limits))
			.timeouts((timeouts) -> timeouts(map, properties, timeouts))
			.compression((compression) -> compression(map, properties.getCompression(), compression))
			.handlers((handlers) -> handlers(map, properties, handlers))
			.protection((protection) -> protection(map, properties, protection));
		customizers.forEach((customizer) -> customizer.customize(builder));
		WsServerConfig config;
		try {
			config = builder.build();
		}
		catch (InvalidSettingException ex) {
			throw new InvalidConfigurationPropertyValueException(propertyName(ex.setting()), ex.value(), ex.rule());
		}
		if (config.network().allowedOrigins().contains("*")) {
			logger.log(Level.WARNING, "ws.allowed-origins contains '*': any web page a user visits can open a WebSocket "
					+ "to this server with the user's cookies (cross-site WebSocket hijacking). List the origins "
					+ "that may connect instead, or leave it empty to allow the same host only");
		}
		return config;
	}

	private static void network(PropertyMapper map, WsProperties properties, NetworkConfig.Builder network) {
		map.from(properties::getHost).to(network::host);
		map.from(properties::getPort).to(network::port);
		map.from(properties::getIoThreads).to(network::ioThreads);
		map.from(properties::getReadBufferSize).as(WsServerConfigFactory::toIntBytes).to(network::readBufferSize);
		map.from(properties::getAllowedOrigins).to(network::allowedOrigins);
	}

	private static void limits(PropertyMapper map, WsProperties properties, LimitsConfig.Builder limits) {
		map.from(properties::getMaxMessageSize).as(WsServerConfigFactory::toIntBytes).to(limits::maxMessageSize);
		map.from(properties::getMaxFrameSize).as(WsServerConfigFactory::toIntBytes).to(limits::maxFrameSize);
		map.from(properties::getMaxHandshakeSize).as(WsServerConfigFactory::toIntBytes).to(limits::maxHandshakeSize);
		map.from(properties::getMaxConnections).to(limits::maxConnections);
		map.from(properties::getMaxOutboundQueueSize).as(DataSize::toBytes).to(limits::maxOutboundQueueSize);
		map.from(properties::getMaxInboundQueueSize).as(DataSize::toBytes).to(limits::maxInboundQueueSize);
		map.from(properties::getSlowClientPolicy).to(limits::slowClientPolicy);
	}

	private static void timeouts(PropertyMapper map, WsProperties properties, TimeoutConfig.Builder timeouts) {
		map.from(properties::getHandshakeTimeout).to(timeouts::handshakeTimeout);
		map.from(properties::getIdleTimeout).to(timeouts::idleTimeout);
		map.from(properties::getCloseTimeout).to(timeouts::closeTimeout);
		map.from(properties::getPingInterval).to(timeouts::pingInterval);
		map.from(properties::getPongTimeout).to(timeouts::pongTimeout);
	}

	private static void compression(PropertyMapper map, WsCompressionProperties properties,
			CompressionConfig.Builder compression) {
		map.from(properties::isEnabled).to(compression::enabled);
		map.from(properties::isContextTakeover).to(compression::contextTakeover);
		map.from(properties::getMinSize).as(WsServerConfigFactory::toIntBytes).to(compression::minSize);
		map.from(properties::getLevel).to(compression::level);
	}

	private static void handlers(PropertyMapper map, WsProperties properties, HandlerConfig.Builder handlers) {
		map.from(properties::getHandlerExecution).to(handlers::execution);
		map.from(properties::getHandlerThreads).to(handlers::threads);
	}

	private static void protection(PropertyMapper map, WsProperties properties, ProtectionConfig.Builder protection) {
		map.from(properties::getMaxPendingHandshakes).to(protection::maxPendingHandshakes);
		map.from(properties::getMaxConnectionsPerAddress).to(protection::maxConnectionsPerAddress);
		map.from(properties::getMaxMessagesPerSecond).to(protection::maxMessagesPerSecond);
		map.from(properties::getMaxBytesPerSecond).as(DataSize::toBytes).to(protection::maxBytesPerSecond);
	}

	/** Sizes past 2 GiB cannot index an array; saturate so the engine's range check names the property. */
	private static int toIntBytes(DataSize size) {
		long bytes = size.toBytes();
		return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, bytes));
	}

	/**
	 * The engine names settings as the properties are named, in camel case: maxFrameSize is
	 * ws.max-frame-size, handlerThreads is ws.handler-threads, compressionLevel is
	 * ws.compression.level.
	 */
	static String propertyName(String setting) {
		StringBuilder name = new StringBuilder("ws.");
		String rest = setting;
		if (setting.startsWith("compression") && setting.length() > "compression".length()) {
			// compressionMinSize is ws.compression.min-size: the nested group's properties.
			name.append("compression.");
			rest = Character.toLowerCase(setting.charAt(11)) + setting.substring(12);
		}
		for (char c : rest.toCharArray()) {
			if (Character.isUpperCase(c)) {
				name.append('-').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString().toLowerCase(Locale.ROOT);
	}

}
