package dev.wsboot.lua.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.WsProperties;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.lua.LuaEndpoints;
import dev.wsboot.lua.LuaErrorCounter;
import dev.wsboot.lua.LuaLimits;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Lua script endpoints, when {@code ws.lua.endpoints} names at least one: each endpoint's script
 * runs in its own sandboxed Lua state, and its endpoint is a {@code WsEndpoint} bean that the
 * WebSocket server serves beside the controllers.
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@Conditional(OnLuaEndpointsCondition.class)
@ConditionalOnBean(WsBroadcaster.class)
@EnableConfigurationProperties(LuaProperties.class)
@Import(LuaEndpointRegistrar.class)
public final class LuaAutoConfiguration {

	@Bean(LuaEndpointRegistrar.ENDPOINTS_BEAN)
	@ConditionalOnMissingBean
	LuaEndpoints luaEndpoints(LuaProperties properties, WsProperties wsProperties, WsBroadcaster clients,
			ObjectProvider<LuaErrorCounter> errors) {
		List<LuaEndpoints.Definition> definitions = new ArrayList<>();
		for (int i = 0; i < properties.getEndpoints().size(); i++) {
			LuaProperties.Endpoint endpoint = properties.getEndpoints().get(i);
			definitions.add(new LuaEndpoints.Definition("ws.lua.endpoints[" + i + "]", endpoint.getPath(),
					endpoint.getScript()));
		}
		return new LuaEndpoints(definitions, limits(properties), properties.isReload(), clients,
				errors.getIfAvailable(() -> LuaErrorCounter.NONE), wsProperties.getShutdownTimeout());
	}

	/** The properties as limits; an invalid value fails the start naming its property. */
	static LuaLimits limits(LuaProperties properties) {
		long maxInstructions = properties.getMaxInstructionsPerCall();
		long maxString = properties.getMaxStringSize().toBytes();
		int maxTable = properties.getMaxTableSize();
		check(maxInstructions >= 1, "ws.lua.max-instructions-per-call", "at least 1", maxInstructions);
		check(maxString >= 1 && maxString <= Integer.MAX_VALUE, "ws.lua.max-string-size", "from 1B to 2GB",
				properties.getMaxStringSize());
		check(maxTable >= 1, "ws.lua.max-table-size", "at least 1", maxTable);
		return new LuaLimits(maxInstructions, (int) maxString, maxTable);
	}

	private static void check(boolean valid, String property, String expected, Object value) {
		if (!valid) {
			throw new IllegalStateException("Invalid value for '" + property + "': " + value + " (must be " + expected + ")");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean(LuaErrorCounter.class)
		@ConditionalOnBean(MeterRegistry.class)
		MicrometerLuaErrorCounter luaErrorCounter(MeterRegistry registry) {
			return new MicrometerLuaErrorCounter(registry);
		}

	}

}
