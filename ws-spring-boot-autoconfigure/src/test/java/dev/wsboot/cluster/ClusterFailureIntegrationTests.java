package dev.wsboot.cluster;

import java.io.IOException;
import java.time.Duration;

import dev.wsboot.cluster.ClusterNodes.Client;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.wsboot.cluster.ClusterNodes.broadcaster;
import static dev.wsboot.cluster.ClusterNodes.connect;
import static dev.wsboot.cluster.ClusterNodes.health;
import static dev.wsboot.cluster.ClusterNodes.number;
import static dev.wsboot.cluster.ClusterNodes.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the cluster does when a node or Redis goes away: a node cut off from Redis drops out of
 * the others' view within the node timeout, a node that stops leaves at once, and a Redis restart
 * is survived without restarting any node.
 */
class ClusterFailureIntegrationTests {

	/** The node timeout plus two heartbeats for the noticing. */
	private static final Duration DROPPED_WITHIN = ClusterNodes.NODE_TIMEOUT.plus(ClusterNodes.HEARTBEAT.multipliedBy(2));

	RedisServer redis;

	ClusterNodes nodes;

	@BeforeEach
	void startRedis() {
		this.redis = RedisServer.start();
		this.nodes = new ClusterNodes();
	}

	@AfterEach
	void stopAll() {
		this.nodes.close();
		this.redis.close();
	}

	@Test
	void aNodeCutOffFromRedisLeavesTheOthersViewWithinTheNodeTimeout() throws IOException {
		ConfigurableApplicationContext first = this.nodes.start(this.redis.port());
		try (TcpProxy link = new TcpProxy(this.redis.port())) {
			ConfigurableApplicationContext second = this.nodes.start(link.port());
			try (Client a = connect(first); Client b = connect(second)) {
				assertThat(broadcaster(second).join("room", b.id())).isTrue();
				await().until(() -> broadcaster(first).members("room").contains(b.id()));
				assertThat(broadcaster(first).isConnected(b.id())).isTrue();
				link.cut();
				long cutAt = System.nanoTime();
				await().atMost(DROPPED_WITHIN).until(() -> !broadcaster(first).isConnected(b.id()));
				Duration dropped = Duration.ofNanos(System.nanoTime() - cutAt);
				assertThat(first.getBean(WsBackplane.class).nodes()).extracting(ClusterNode::number)
					.containsExactly(number(first));
				assertThat(broadcaster(first).members("room")).isEmpty();
				assertThat(broadcaster(first).groups()).doesNotContain("room");
				assertThat(broadcaster(first).send(b.id(), "lost")).isFalse();
				assertThat(dropped).isLessThanOrEqualTo(DROPPED_WITHIN);
				// The cut-off node still serves its own clients, and says it is cut off.
				await().until(() -> health(second).equals(Status.DOWN));
				assertThat(broadcaster(second).sendAll("local only")).isEqualTo(1);
				assertThat(b.ws().nextText()).isEqualTo("local only");
				assertThat(stats(second).publishFailedCount()).isPositive();
			}
		}
	}

	@Test
	void aNodeThatStopsLeavesAtOnceAndItsClientsAreToldToGoElsewhere() {
		ConfigurableApplicationContext first = this.nodes.start(this.redis.port());
		ConfigurableApplicationContext second = this.nodes.start(this.redis.port(), "ws.cluster.node-timeout=30s");
		try (Client a = connect(first); Client b = connect(second)) {
			await().until(() -> broadcaster(first).isConnected(b.id()));
			second.close();
			assertThat(b.ws().awaitClose().code()).isEqualTo(1001);
			// Far sooner than the 30 s node timeout: the stopping node removed itself.
			await().atMost(Duration.ofSeconds(2)).until(() -> first.getBean(WsBackplane.class).nodes().size() == 1);
			assertThat(broadcaster(first).isConnected(b.id())).isFalse();
		}
	}

	@Test
	void aRedisRestartIsSurvivedWithoutRestartingAnyNode() {
		ConfigurableApplicationContext first = this.nodes.start(this.redis.port());
		ConfigurableApplicationContext second = this.nodes.start(this.redis.port());
		try (Client a = connect(first); Client b = connect(second)) {
			assertThat(broadcaster(second).join("room", b.id())).isTrue();
			await().until(() -> broadcaster(first).members("room").contains(b.id()));
			this.redis.stop();
			await().until(() -> health(first).equals(Status.DOWN) && health(second).equals(Status.DOWN));
			long failedBefore = stats(first).publishFailedCount();
			assertThat(broadcaster(first).sendAll("during the outage")).as("local delivery goes on").isEqualTo(1);
			assertThat(a.ws().nextText()).isEqualTo("during the outage");
			assertThat(stats(first).publishFailedCount()).isEqualTo(failedBefore + 1);
			assertThat(broadcaster(first).send(b.id(), "remote")).as("fails fast").isFalse();

			this.redis.restart();
			long restartedAt = System.nanoTime();
			// Traffic flows again by itself: a probe every 100 ms until the other node's client hears one.
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
				broadcaster(first).sendToGroup("room", "probe");
				return b.ws().drain(Duration.ofMillis(50)).contains("probe");
			});
			Duration resumed = Duration.ofNanos(System.nanoTime() - restartedAt);
			assertThat(resumed).isLessThan(Duration.ofSeconds(5));
			await().until(() -> health(first).equals(Status.UP) && health(second).equals(Status.UP));
			// The directory Redis lost is written again by each node from what it holds.
			await().until(() -> broadcaster(first).members("room").contains(b.id()));
			assertThat(broadcaster(first).send(b.id(), "after")).isTrue();
			assertThat(b.ws().awaitText("after")).isNotNull();
		}
	}

}
