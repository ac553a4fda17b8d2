package dev.wsboot.autoconfigure;

import java.time.Duration;

import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.annotation.WsControllerDefinitionException;
import dev.wsboot.broadcast.DefaultWsBroadcaster;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.context.WsServerLifecycle;
import dev.wsboot.engine.WsServerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class WsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withPropertyValues("ws.port=0");

	@Test
	void whenEnabledIsFalseThenNoServerIsCreated() {
		this.runner.withPropertyValues("ws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsServerLifecycle.class)
				.doesNotHaveBean(WsBroadcaster.class));
	}

	@Test
	void serverStartsWithTheContextOnAFreePort() {
		this.runner.run((context) -> {
			WsServerLifecycle lifecycle = context.getBean(WsServerLifecycle.class);
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(lifecycle.getServer().port()).isPositive();
		});
	}

	@Test
	void propertiesAreMappedOntoTheEngineConfig() {
		this.runner
			.withPropertyValues("ws.max-frame-size=64KB", "ws.max-message-size=2MB", "ws.idle-timeout=90s",
					"ws.allowed-origins=https://*.example.com", "ws.slow-client-policy=drop", "ws.io-threads=1",
					"ws.handler-execution=io-thread", "ws.max-connections=7")
			.run((context) -> {
				WsServerConfig config = context.getBean(WsServerConfig.class);
				assertThat(config.limits().maxFrameSize()).isEqualTo(64 * 1024);
				assertThat(config.limits().maxMessageSize()).isEqualTo(2 * 1024 * 1024);
				assertThat(config.timeouts().idleTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(config.network().allowedOrigins()).containsExactly("https://*.example.com");
				assertThat(config.limits().slowClientPolicy()).isEqualTo(WsServerConfig.SlowClientPolicy.DROP);
				assertThat(config.network().ioThreads()).isEqualTo(1);
				assertThat(config.handlers().execution()).isEqualTo(WsServerConfig.HandlerExecution.IO_THREAD);
				assertThat(config.limits().maxConnections()).isEqualTo(7);
			});
	}

	@Test
	void configCustomizersApplyAfterProperties() {
		this.runner.withPropertyValues("ws.max-connections=7")
			.withBean(WsServerConfigCustomizer.class,
					() -> (builder) -> builder.limits((limits) -> limits.maxConnections(9)))
			.run((context) -> assertThat(context.getBean(WsServerConfig.class).limits().maxConnections()).isEqualTo(9));
	}

	@Test
	void invalidPortFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.port=70000").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.port")
				.hasMessageContaining("70000");
		});
	}

	@Test
	void frameSizeOverMessageSizeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.max-frame-size=2MB", "ws.max-message-size=1MB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.max-frame-size");
		});
	}

	@Test
	void compressionLevelOutOfRangeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.compression.level=10").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.compression.level")
				.hasMessageContaining("10");
		});
	}

	@Test
	void compressionLevelReachesTheEngineConfig() {
		this.runner.withPropertyValues("ws.compression.level=1")
			.run((context) -> assertThat(context.getBean(WsServerConfig.class).compression().level()).isEqualTo(1));
	}

	@Test
	void handlerThreadsReachTheEngineConfig() {
		this.runner.withPropertyValues("ws.handler-threads=3")
			.run((context) -> assertThat(context.getBean(WsServerConfig.class).handlers().threads()).isEqualTo(3));
	}

	@Test
	void handlerThreadsBelowOneFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.handler-threads=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.handler-threads");
		});
	}

	@Test
	void negativeIdleTimeoutFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("ws.idle-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("ws.idle-timeout");
		});
	}

	@Test
	void userDefinedConfigBacksOff() {
		WsServerConfig own = WsServerConfig.builder()
			.network((network) -> network.port(0))
			.limits((limits) -> limits.maxConnections(3))
			.build();
		this.runner.withBean(WsServerConfig.class, () -> own)
			.run((context) -> assertThat(context.getBean(WsServerConfig.class)).isSameAs(own));
	}

	@Test
	void userDefinedBroadcasterBacksOff() {
		this.runner.withBean("myBroadcaster", WsBroadcaster.class, () -> new DefaultWsBroadcaster(() -> null))
			.run((context) -> assertThat(context).hasSingleBean(WsBroadcaster.class)
				.hasBean("myBroadcaster")
				.doesNotHaveBean("wsBroadcaster"));
	}

	@Test
	void userDefinedLifecycleBacksOff() {
		this.runner.withUserConfiguration(OwnLifecycle.class)
			.run((context) -> assertThat(context).hasSingleBean(WsServerLifecycle.class)
				.hasBean("ownLifecycle")
				.doesNotHaveBean("wsServerLifecycle"));
	}

	@Test
	void controllerWithUnsupportedParameterFailsNamingClassAndMethod() {
		this.runner.withUserConfiguration(BadParameterController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(WsControllerDefinitionException.class)
				.hasMessageContaining(BadParameterController.class.getName() + ".said(String, Thread)")
				.hasMessageContaining("more than one message parameter");
		});
	}

	@Test
	void controllerWithoutPathFailsNamingTheClass() {
		this.runner.withUserConfiguration(NoPathController.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining(NoPathController.class.getName())
				.hasMessageContaining("needs a path");
		});
	}

	@Test
	void twoControllersOnOnePathFailNamingBoth() {
		this.runner.withUserConfiguration(FirstChat.class, SecondChat.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Two controllers on path /chat")
				.hasMessageContaining(FirstChat.class.getName())
				.hasMessageContaining(SecondChat.class.getName());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnLifecycle {

		@Bean
		WsServerLifecycle ownLifecycle() {
			return new WsServerLifecycle((endpoints) -> {
				throw new IllegalStateException("not started in this test");
			}, java.util.List::of, Duration.ofSeconds(1), (event) -> {
			}) {
				@Override
				public boolean isAutoStartup() {
					return false;
				}
			};
		}

	}

	@WsController("/bad")
	static class BadParameterController {

		@OnMessage
		void said(String message, Thread thread) {
		}

	}

	@WsController
	static class NoPathController {

	}

	@WsController("/chat")
	static class FirstChat {

	}

	@WsController("/chat")
	static class SecondChat {

	}

}
