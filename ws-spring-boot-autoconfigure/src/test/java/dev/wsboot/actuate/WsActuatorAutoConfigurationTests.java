package dev.wsboot.actuate;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.metrics.WsMetrics;
import dev.wsboot.metrics.WsMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class WsActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsMetricsAutoConfiguration.class,
				WsActuatorAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	@Test
	void serverWorksWithoutActuatorOrMicrometerOnTheClasspath() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate",
					"io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WsServerLifecycle.class)
				.doesNotHaveBean(WsHealthIndicator.class)
				.doesNotHaveBean(WebSocketEndpoint.class)
				.doesNotHaveBean(WsMetrics.class));
	}

	@Test
	void metersAreRegisteredWhenThereIsARegistry() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("ws.handshakes.rejected").tag("reason", "origin").functionCounter()).isNotNull();
			assertThat(registry.find("ws.outbound.queued").gauge()).isNotNull();
		});
	}

	@Test
	void healthIndicatorIsCreatedAndBacksOffWhenDisabled() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(WsHealthIndicator.class));
		this.runner.withPropertyValues("management.health.ws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsHealthIndicator.class));
	}

	@Test
	void endpointExistsOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WebSocketEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=websocket")
			.run((context) -> assertThat(context).hasSingleBean(WebSocketEndpoint.class));
	}

	@Test
	void noActuatorBeansWhenTheServerIsDisabled() {
		this.runner.withPropertyValues("ws.enabled=false", "management.endpoints.web.exposure.include=websocket")
			.run((context) -> assertThat(context).doesNotHaveBean(WsHealthIndicator.class)
				.doesNotHaveBean(WebSocketEndpoint.class)
				.doesNotHaveBean(WsMetrics.class));
	}

}
