package dev.wsboot.metrics;

import dev.wsboot.annotation.HandlerTimers;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerLifecycle;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the WebSocket server, when the application has a {@link MeterRegistry}.
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, WsServerLifecycle.class })
@EnableConfigurationProperties(WsMetricsProperties.class)
public final class WsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WsMetrics wsMetrics(MeterRegistry registry) {
		return new WsMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean(HandlerTimers.class)
	MicrometerHandlerTimers wsHandlerTimers(MeterRegistry registry, WsMetricsProperties properties) {
		return new MicrometerHandlerTimers(registry, properties.isMessageDuration());
	}

}
