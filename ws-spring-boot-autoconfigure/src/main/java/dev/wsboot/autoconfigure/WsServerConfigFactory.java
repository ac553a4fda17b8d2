package dev.wsboot.autoconfigure;

import java.util.Locale;
import java.util.stream.Stream;

import dev.wsboot.engine.InvalidSettingException;
import dev.wsboot.engine.WsServerConfig;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Maps {@link WsProperties} onto the engine's {@link WsServerConfig}: the one place where
 * properties meet the engine. A value the engine refuses is reported under its property name.
 */
final class WsServerConfigFactory {

	private WsServerConfigFactory() {
	}

	static WsServerConfig create(WsProperties properties, Stream<WsServerConfigCustomizer> customizers) {
		WsServerConfig.Builder builder = WsServerConfig.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getHost).to(builder::host);
		map.from(properties::getPort).to(builder::port);
		map.from(properties::getIoThreads).to(builder::ioThreads);
		map.from(properties::getMaxMessageSize).as(WsServerConfigFactory::toIntBytes).to(builder::maxMessageSize);
		map.from(properties::getMaxFrameSize).as(WsServerConfigFactory::toIntBytes).to(builder::maxFrameSize);
		map.from(properties::getMaxConnections).to(builder::maxConnections);
		map.from(properties::getMaxHandshakeSize).as(WsServerConfigFactory::toIntBytes).to(builder::maxHandshakeSize);
		map.from(properties::getHandshakeTimeout).to(builder::handshakeTimeout);
		map.from(properties::getIdleTimeout).to(builder::idleTimeout);
		map.from(properties::getCloseTimeout).to(builder::closeTimeout);
		map.from(properties::getPingInterval).to(builder::pingInterval);
		map.from(properties::getPongTimeout).to(builder::pongTimeout);
		map.from(properties::getAllowedOrigins).to(builder::allowedOrigins);
		map.from(properties::getMaxOutboundQueueSize).as(DataSize::toBytes).to(builder::maxOutboundQueueSize);
		map.from(properties::getMaxInboundQueueSize).as(DataSize::toBytes).to(builder::maxInboundQueueSize);
		map.from(properties::getSlowClientPolicy).to(builder::slowClientPolicy);
		map.from(properties::getHandlerExecution).to(builder::handlerExecution);
		map.from(properties::getReadBufferSize).as(WsServerConfigFactory::toIntBytes).to(builder::readBufferSize);
		WsProperties.Compression compression = properties.getCompression();
		map.from(compression::isEnabled).to(builder::compressionEnabled);
		map.from(compression::getMinSize).as(WsServerConfigFactory::toIntBytes).to(builder::compressionMinSize);
		map.from(compression::isContextTakeover).to(builder::compressionContextTakeover);
		map.from(compression::getLevel).to(builder::compressionLevel);
		customizers.forEach((customizer) -> customizer.customize(builder));
		try {
			return builder.build();
		}
		catch (InvalidSettingException ex) {
			throw new InvalidConfigurationPropertyValueException(propertyName(ex.setting()), ex.value(), ex.rule());
		}
	}

	/** Sizes past 2 GiB cannot index an array; saturate so the engine's range check names the property. */
	private static int toIntBytes(DataSize size) {
		long bytes = size.toBytes();
		return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, bytes));
	}

	/** The engine names settings as the properties are named, in camel case: maxFrameSize is ws.max-frame-size. */
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
