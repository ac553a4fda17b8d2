package dev.wsboot.cluster;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.broadcast.ClusterWsBroadcaster;
import dev.wsboot.broadcast.DefaultWsBroadcaster;
import dev.wsboot.broadcast.WsBroadcaster;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the cluster is configured and when not: off by default without touching Redis, and a clear
 * startup failure for each way of asking for it that cannot work.
 */
class WsClusterAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, WsClusterAutoConfiguration.class,
				WsAutoConfiguration.class))
		.withPropertyValues("ws.port=0", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + RedisServer.freePort(), "spring.data.redis.timeout=1s");

	@Test
	void withoutThePropertyASingleNodeRunsWithoutRedis() {
		// spring.data.redis.port points at a closed port: the context starts because nothing asks Redis.
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WsBackplane.class);
			assertThat(context.getBean(WsBroadcaster.class)).isInstanceOf(DefaultWsBroadcaster.class);
		});
	}

	@Test
	void withoutSpringDataRedisStartupFailsNamingThePropertyAndTheDependency() {
		this.runner.withPropertyValues("ws.cluster.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withConfiguration(AutoConfigurations.of(WsClusterAutoConfiguration.class, WsAutoConfiguration.class))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("ws.cluster.enabled")
					.contains("Spring Data Redis is not on the classpath");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
					.contains("ws.cluster.enabled=false");
			});
	}

	@Test
	void withRedisUnreachableStartupFailsNamingTheRedisProperties() {
		this.runner.withPropertyValues("ws.cluster.enabled=true").run((context) -> {
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Redis could not be reached");
			assertThat(analysis.getAction()).contains("spring.data.redis.*");
		});
	}

	@Test
	void aNodeTimeoutNotLongerThanTheHeartbeatFailsStartupNamingIt() {
		this.runner
			.withPropertyValues("ws.cluster.enabled=true", "ws.cluster.heartbeat-interval=2s",
					"ws.cluster.node-timeout=2s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("ws.cluster.node-timeout"));
	}

	@Test
	void withRedisTheClusterBroadcasterAndBackplaneAreConfigured() {
		try (RedisServer redis = RedisServer.start()) {
			this.runner.withPropertyValues("ws.cluster.enabled=true", "spring.data.redis.port=" + redis.port())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(WsBroadcaster.class)).isInstanceOf(ClusterWsBroadcaster.class);
					assertThat(context.getBean(WsBackplane.class).isAvailable()).isTrue();
				});
		}
	}

	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new WsClusterFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysed by the cluster's failure analyzer").isNotNull();
		return analysis;
	}

}
