package dev.wsboot.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.test.WsTestConnection;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster nodes as application contexts in this JVM, each with its own WebSocket port, all on one
 * Redis and one key prefix. Heartbeats are short so that node loss shows within a test's patience.
 */
final class ClusterNodes implements AutoCloseable {

	static final Duration HEARTBEAT = Duration.ofMillis(200);

	static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);

	private final String prefix = "ws-test-" + UUID.randomUUID();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	/** Starts a node whose Redis is on this port (Redis itself, or a proxy in front of it). */
	ConfigurableApplicationContext start(int redisPort, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterTestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("ws.port=0", "ws.cluster.enabled=true", "ws.cluster.channel-prefix=" + this.prefix,
					"ws.cluster.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
					"ws.cluster.node-timeout=" + NODE_TIMEOUT.toMillis() + "ms", "ws.cluster.request-timeout=2s",
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"spring.data.redis.timeout=1s")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	ConfigurableApplicationContext get(int index) {
		return this.contexts.get(index);
	}

	static WsBroadcaster broadcaster(ConfigurableApplicationContext node) {
		return node.getBean(WsBroadcaster.class);
	}

	static int port(ConfigurableApplicationContext node) {
		return node.getEnvironment().getRequiredProperty("local.ws.port", Integer.class);
	}

	static int number(ConfigurableApplicationContext node) {
		return node.getBean(WsBackplane.class).nodeNumber();
	}

	static ClusterStats stats(ConfigurableApplicationContext node) {
		return node.getBean(ClusterStats.class);
	}

	static Status health(ConfigurableApplicationContext node) {
		return node.getBean("wsClusterHealthIndicator", HealthIndicator.class).health().getStatus();
	}

	/** A client of a node's relay endpoint, with the id the node gave it. */
	static Client connect(ConfigurableApplicationContext node) {
		return connect(node, "/cluster");
	}

	/** As {@link #connect(ConfigurableApplicationContext)}, with a query such as {@code ?user=ada}. */
	static Client connect(ConfigurableApplicationContext node, String pathAndQuery) {
		WsTestConnection client = WsTestConnection.connect(port(node), pathAndQuery);
		String hello = client.nextText();
		assertThat(hello).startsWith("id:");
		return new Client(client, Long.parseLong(hello.substring(3)));
	}

	record Client(WsTestConnection ws, long id) implements AutoCloseable {

		@Override
		public void close() {
			this.ws.close();
		}

	}


	@Override
	public void close() {
		for (ConfigurableApplicationContext context : this.contexts) {
			if (context.isActive()) {
				context.close();
			}
		}
	}

}
