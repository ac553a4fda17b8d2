package dev.wsboot.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import dev.wsboot.annotation.HandlerTimers;
import dev.wsboot.annotation.JacksonWsMessageConverter;
import dev.wsboot.annotation.WsArgumentResolver;
import dev.wsboot.annotation.WsControllerBeanPostProcessor;
import dev.wsboot.annotation.WsControllerRegistry;
import dev.wsboot.annotation.WsMessageConverter;
import dev.wsboot.annotation.WsReturnValueHandler;
import dev.wsboot.broadcast.DefaultWsBroadcaster;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandshakeInterceptor;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSessionListener;
import dev.wsboot.server.WsHandlerDecorator;
import dev.wsboot.server.WsServerCustomizer;
import dev.wsboot.server.WsServerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the wsboot WebSocket server: the engine as a lifecycle bean on
 * {@code ws.port} (wss:// with the SSL bundle named by {@code ws.ssl.bundle}) created by a
 * replaceable {@link WsServerFactory}, {@code @WsController} endpoints, and the {@link WsBroadcaster}.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnClass(WsServer.class)
@ConditionalOnProperty(prefix = "ws", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(WsProperties.class)
public final class WsAutoConfiguration {

	@Bean
	static WsControllerBeanPostProcessor wsControllerBeanPostProcessor() {
		return new WsControllerBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	WsControllerRegistry wsControllerRegistry(ObjectProvider<WsMessageConverter> converter,
			ObjectProvider<HandlerTimers> timers, ObjectProvider<WsArgumentResolver> argumentResolvers,
			ObjectProvider<WsReturnValueHandler> returnValueHandlers) {
		return new WsControllerRegistry(converter::getIfAvailable, () -> timers.getIfAvailable(() -> HandlerTimers.NONE),
				() -> argumentResolvers.orderedStream().toList(), () -> returnValueHandlers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	WsServerConfig wsServerConfig(WsProperties properties, ObjectProvider<WsServerConfigCustomizer> customizers) {
		return WsServerConfigFactory.create(properties, customizers.orderedStream());
	}

	@Bean
	@ConditionalOnMissingBean(WsServerFactory.class)
	DefaultWsServerFactory wsServerFactory(WsServerConfig config, WsProperties properties,
			ObjectProvider<WsHandshakeInterceptor> interceptors, ObjectProvider<WsSessionListener> listeners,
			ObjectProvider<WsServerCustomizer> customizers, ObjectProvider<SslBundles> sslBundles,
			Environment environment) {
		String bundle = properties.getSsl().getBundle();
		WsSslBundle tls = (bundle != null) ? WsSslBundle.of(sslBundles.getIfAvailable(), bundle) : null;
		DefaultWsServerFactory factory = new DefaultWsServerFactory(config,
				() -> interceptors.orderedStream().toList(), () -> listeners.orderedStream().toList(),
				Threading.VIRTUAL.isActive(environment), tls);
		factory.setServerCustomizers(customizers.orderedStream().toList());
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	WsServerLifecycle wsServerLifecycle(WsServerFactory factory, WsControllerRegistry controllers,
			ObjectProvider<WsEndpoint> endpoints, ObjectProvider<WsHandlerDecorator> decorators, WsProperties properties,
			ApplicationEventPublisher events) {
		return new WsServerLifecycle(factory, () -> {
			List<WsHandlerDecorator> wrappers = decorators.orderedStream().toList();
			return Stream.concat(controllers.endpoints().stream(), endpoints.orderedStream())
				.map((endpoint) -> WsHandlerDecorator.decorate(endpoint, wrappers))
				.toList();
		}, properties.getShutdownTimeout(), events);
	}

	@Bean
	@ConditionalOnMissingBean(WsBroadcaster.class)
	DefaultWsBroadcaster wsBroadcaster(ObjectProvider<WsServerLifecycle> lifecycle) {
		return new DefaultWsBroadcaster(() -> {
			WsServerLifecycle server = lifecycle.getIfAvailable();
			return (server != null) ? server.getServer() : null;
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JacksonConfiguration {

		@Bean
		@ConditionalOnMissingBean(WsMessageConverter.class)
		@ConditionalOnBean(JsonMapper.class)
		JacksonWsMessageConverter wsMessageConverter(JsonMapper jsonMapper) {
			return new JacksonWsMessageConverter(jsonMapper);
		}

	}

}
