package dev.wsboot.observation;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerLifecycle;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer observations of the WebSocket server, when the application has an
 * {@link ObservationRegistry}. They go through that registry, so its predicates (such as
 * {@code management.observations.enable.ws.server.connection=false}), filters (such as
 * {@code management.observations.key-values.*}) and handlers (tracing, timers) apply.
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, WsServerLifecycle.class })
@EnableConfigurationProperties(WsObservationProperties.class)
public final class WsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObservationWsHandlerDecorator wsObservationHandlerDecorator(ObservationRegistry registry,
			ObjectProvider<WsConnectionObservationConvention> connectionConvention,
			ObjectProvider<WsMessageObservationConvention> messageConvention,
			ObjectProvider<ObservationHandler<?>> handlers, WsObservationProperties properties) {
		Boolean messageScope = properties.getMessageScope();
		boolean scopeMessages = (messageScope != null) ? messageScope : handlers.stream().anyMatch(ObservationScopes::needsScope);
		return new ObservationWsHandlerDecorator(registry, connectionConvention.getIfUnique(),
				messageConvention.getIfUnique(), properties.isMessages(), scopeMessages);
	}

}
