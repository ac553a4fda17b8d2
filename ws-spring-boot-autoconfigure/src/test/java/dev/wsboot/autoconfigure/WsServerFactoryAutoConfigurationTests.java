package dev.wsboot.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsEndpoint;
import dev.wsboot.engine.WsHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;
import dev.wsboot.engine.WsSession;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsServerCustomizer;
import dev.wsboot.server.WsServerFactory;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server factory bean: the lifecycle starts and stops the server it creates, customizers
 * change it in order, and an application's own factory replaces it.
 */
class WsServerFactoryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	@Test
	void configurableServerFactoryIsAutoConfigured() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(WsServerFactory.class)
			.hasSingleBean(ConfigurableWsServerFactory.class)
			.hasBean("wsServerFactory"));
	}

	@Test
	void serverCustomizersApplyInOrderAndChangeTheServerTheLifecycleStarts() {
		this.runner.withUserConfiguration(Customizers.class).run((context) -> {
			assertThat(context.getBean(Customizers.class).applied).containsExactly("first", "second");
			int port = context.getBean(WsServerLifecycle.class).getServer().port();
			try (WsTestConnection client = WsTestConnection.connect(port, "/customized")) {
				client.sendText("hello");
				assertThat(client.nextText()).isEqualTo("customized: hello");
			}
		});
	}

	@Test
	void userDefinedServerFactoryBacksOffAndItsServerIsTheOneStarted() {
		this.runner.withUserConfiguration(OwnFactory.class).run((context) -> {
			assertThat(context).hasSingleBean(WsServerFactory.class)
				.hasBean("ownServerFactory")
				.doesNotHaveBean("wsServerFactory");
			OwnFactory own = context.getBean(OwnFactory.class);
			WsServer started = context.getBean(WsServerLifecycle.class).getServer();
			assertThat(own.created).containsExactly(started);
			assertThat(started.isRunning()).isTrue();
			assertThat(started.config().limits().maxConnections()).isEqualTo(5);
		});
	}

	@Test
	void serverFromTheFactoryIsStoppedWithTheContext() {
		this.runner.run((context) -> {
			WsServerLifecycle lifecycle = context.getBean(WsServerLifecycle.class);
			WsServer server = lifecycle.getServer();
			lifecycle.stop();
			assertThat(server.isRunning()).isFalse();
			assertThat(lifecycle.isRunning()).isFalse();
		});
	}

	static WsHandler prefixing(String prefix) {
		return new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText(prefix + text);
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		final List<String> applied = new CopyOnWriteArrayList<>();

		@Bean
		@Order(2)
		WsServerCustomizer second() {
			return (builder) -> this.applied.add("second");
		}

		@Bean
		@Order(1)
		WsServerCustomizer first() {
			return (builder) -> {
				this.applied.add("first");
				builder.endpoint("/customized", prefixing("customized: "));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnFactory {

		final List<WsServer> created = new CopyOnWriteArrayList<>();

		@Bean
		WsServerFactory ownServerFactory() {
			return (Collection<WsEndpoint> endpoints) -> {
				WsServer.Builder builder = WsServer.builder()
					.config(WsServerConfig.builder()
						.network((network) -> network.port(0))
						.limits((limits) -> limits.maxConnections(5))
						.build());
				endpoints.forEach(builder::endpoint);
				WsServer server = builder.build();
				this.created.add(server);
				return server;
			};
		}

	}

}
