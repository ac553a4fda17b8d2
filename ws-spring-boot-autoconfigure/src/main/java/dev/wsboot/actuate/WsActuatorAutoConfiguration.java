package dev.wsboot.actuate;

import dev.wsboot.annotation.WsControllerRegistry;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.cluster.WsBackplane;
import dev.wsboot.context.WsServerLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code ws} health indicator and the {@code websocket} actuator endpoint. Apart from
 * {@link WsAutoConfiguration} so that it never touches actuator classes an application without
 * actuator lacks.
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnBean(WsServerLifecycle.class)
public final class WsActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class HealthConfiguration {

		// The enablement condition sits on the method: on the class it would be loaded even without spring-boot-health.
		@Bean
		@ConditionalOnMissingBean(name = "wsHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("ws")
		WsHealthIndicator wsHealthIndicator(WsServerLifecycle lifecycle) {
			return new WsHealthIndicator(lifecycle);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		WebSocketEndpoint webSocketEndpoint(WsServerLifecycle lifecycle, WsControllerRegistry controllers,
				ObjectProvider<WsBackplane> cluster) {
			return new WebSocketEndpoint(lifecycle, controllers, cluster.getIfAvailable());
		}

	}

}
