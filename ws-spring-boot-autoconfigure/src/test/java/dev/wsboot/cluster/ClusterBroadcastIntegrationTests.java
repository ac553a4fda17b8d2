package dev.wsboot.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.wsboot.actuate.WebSocketEndpoint;
import dev.wsboot.broadcast.WsBroadcaster;
import dev.wsboot.cluster.ClusterNodes.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static dev.wsboot.cluster.ClusterNodes.broadcaster;
import static dev.wsboot.cluster.ClusterNodes.connect;
import static dev.wsboot.cluster.ClusterNodes.number;
import static dev.wsboot.cluster.ClusterNodes.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes on one real Redis, real clients on different nodes: every broadcaster call reaches
 * the clients of the other nodes, and group traffic only the nodes with members.
 */
class ClusterBroadcastIntegrationTests {

	private static final Duration QUIET = Duration.ofMillis(300);

	static RedisServer redis;

	static ClusterNodes nodes;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static ConfigurableApplicationContext third;

	@BeforeAll
	static void startCluster() {
		redis = RedisServer.start();
		nodes = new ClusterNodes();
		first = nodes.start(redis.port(), "management.endpoints.web.exposure.include=websocket");
		second = nodes.start(redis.port());
		third = nodes.start(redis.port());
		await().until(() -> first.getBean(WsBackplane.class).nodes().size() == 3);
	}

	@AfterAll
	static void stopCluster() {
		if (nodes != null) {
			nodes.close();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void sendAllReachesEveryClientOnEveryNodeExactlyOnce() throws InterruptedException {
		try (Client a = connect(first); Client b = connect(second); Client c = connect(third);
				Client d = connect(third)) {
			awaitDirectory(d);
			int local = broadcaster(second).sendAll("to everyone");
			assertThat(local).as("the clients of the sending node").isEqualTo(1);
			for (Client client : List.of(a, b, c, d)) {
				assertThat(client.ws().nextText()).isEqualTo("to everyone");
			}
			broadcaster(first).sendAllExcept(c.id(), "all but c");
			for (Client client : List.of(a, b, d)) {
				assertThat(client.ws().nextText()).isEqualTo("all but c");
			}
			broadcaster(third).sendToPath("/cluster", "path".getBytes());
			for (Client client : List.of(a, b, c, d)) {
				assertThat(client.ws().nextBinary()).isEqualTo("path".getBytes());
			}
			for (Client client : List.of(a, b, c, d)) {
				assertThat(client.ws().drain(QUIET)).as("no second copy").isEmpty();
			}
		}
	}

	@Test
	void sendToUserReachesEverySessionOfTheUserOnEveryNodeExactlyOnce() throws InterruptedException {
		try (Client a = connect(first, "/cluster?user=ada"); Client b = connect(second, "/cluster?user=ada");
				Client c = connect(third, "/cluster?user=ada"); Client bob = connect(third, "/cluster?user=bob")) {
			awaitDirectory(bob);
			assertThat(broadcaster(second).sendToUser("ada", "for ada")).as("ada's sessions on the sending node")
				.isEqualTo(1);
			for (Client client : List.of(a, b, c)) {
				assertThat(client.ws().nextText()).isEqualTo("for ada");
			}
			broadcaster(first).sendToUser("ada", new byte[] { 4, 2 });
			for (Client client : List.of(a, b, c)) {
				assertThat(client.ws().nextBinary()).containsExactly(4, 2);
			}
			for (Client client : List.of(a, b, c, bob)) {
				assertThat(client.ws().drain(QUIET)).as("no second copy, nothing for bob").isEmpty();
			}
		}
	}

	@Test
	void sendAndCloseReachAClientOfAnotherNodeThroughItsNodeOnly() {
		try (Client a = connect(first); Client b = connect(second)) {
			awaitDirectory(b);
			assertThat(broadcaster(first).isConnected(b.id())).isTrue();
			assertThat(broadcaster(first).send(b.id(), "just for b")).isTrue();
			assertThat(b.ws().nextText()).isEqualTo("just for b");
			assertThat(broadcaster(third).send(b.id(), new byte[] { 1, 2, 3 })).isTrue();
			assertThat(b.ws().nextBinary()).containsExactly(1, 2, 3);
			long neverIssued = b.id() + 1_000_000;
			assertThat(broadcaster(first).send(neverIssued, "nobody")).isFalse();
			assertThat(broadcaster(first).isConnected(neverIssued)).isFalse();
			assertThat(broadcaster(first).close(b.id(), 4001, "moved")).isTrue();
			assertThat(b.ws().awaitClose().code()).isEqualTo(4001);
			await().until(() -> !broadcaster(first).isConnected(b.id()));
			assertThat(broadcaster(first).send(b.id(), "gone")).isFalse();
		}
	}

	@Test
	void joinFromAnotherNodeIsInPlaceForTheNextGroupSend() throws InterruptedException {
		try (Client a = connect(first); Client b = connect(second); Client c = connect(third)) {
			awaitDirectory(c);
			assertThat(broadcaster(first).join("red", b.id())).isTrue();
			assertThat(broadcaster(third).sendToGroup("red", "to reds")).as("no local member").isZero();
			assertThat(b.ws().nextText()).isEqualTo("to reds");
			assertThat(broadcaster(third).join("red", c.id())).isTrue();
			await().until(() -> broadcaster(first).members("red").size() == 2);
			assertThat(broadcaster(first).members("red")).containsExactlyInAnyOrder(b.id(), c.id());
			assertThat(broadcaster(first).groups()).contains("red");
			assertThat(broadcaster(first).groupsOf(b.id())).containsExactly("red");
			broadcaster(first).sendToGroupExcept("red", c.id(), "not c");
			assertThat(b.ws().nextText()).isEqualTo("not c");
			assertThat(broadcaster(third).leave("red", b.id())).isTrue();
			assertThat(broadcaster(third).leave("red", b.id())).as("no longer a member").isFalse();
			broadcaster(first).sendToGroup("red", "only c");
			assertThat(c.ws().nextText()).as("left out of the send except c").isEqualTo("only c");
			assertThat(b.ws().drain(QUIET)).isEmpty();
			assertThat(a.ws().drain(QUIET)).isEmpty();
		}
	}

	@Test
	void aNodeWithoutMembersOfAGroupReceivesNoneOfItsTraffic() throws InterruptedException {
		try (Client a = connect(first); Client b = connect(second)) {
			awaitDirectory(b);
			assertThat(broadcaster(first).join("blue", b.id())).isTrue();
			long thirdBefore = stats(third).receivedCount();
			long secondBefore = stats(second).receivedCount();
			for (int i = 0; i < 50; i++) {
				broadcaster(first).sendToGroup("blue", "blue " + i);
			}
			for (int i = 0; i < 50; i++) {
				assertThat(b.ws().nextText()).isEqualTo("blue " + i);
			}
			assertThat(stats(second).receivedCount() - secondBefore).isEqualTo(50);
			assertThat(stats(third).receivedCount()).as("the third node has no member of blue")
				.isEqualTo(thirdBefore);
			broadcaster(first).sendAll("everyone");
			await().until(() -> stats(third).receivedCount() == thirdBefore + 1);
		}
	}

	@Test
	void clientIdsCarryTheirNodeNumberAndStayExactInJavaScript() {
		try (Client a = connect(first); Client b = connect(second); Client c = connect(third)) {
			for (var pair : Map.of(a, first, b, second, c, third).entrySet()) {
				assertThat(ClusterClientIds.nodeOf(pair.getKey().id())).isEqualTo(number(pair.getValue()));
				assertThat(pair.getKey().id()).isLessThan(1L << 53);
			}
			assertThat(List.of(number(first), number(second), number(third))).doesNotHaveDuplicates();
		}
	}

	@Test
	void tenThousandMessagesBetweenNodesArriveWithoutLossDuplicateOrReorder() {
		try (Client a = connect(first); Client b = connect(second); Client c = connect(third)) {
			awaitDirectory(c);
			int each = 5_000;
			Thread aSends = new Thread(() -> {
				for (int i = 0; i < each; i++) {
					a.ws().sendText("to:" + b.id() + ":" + i);
				}
			});
			Thread cSends = new Thread(() -> {
				for (int i = 0; i < each; i++) {
					c.ws().sendText("to:" + b.id() + ":" + i);
				}
			});
			aSends.start();
			cSends.start();
			Map<Long, Integer> next = new HashMap<>(Map.of(a.id(), 0, c.id(), 0));
			List<String> wrong = new ArrayList<>();
			for (int received = 0; received < 2 * each; received++) {
				String[] parts = b.ws().nextText().split(":");
				long sender = Long.parseLong(parts[0]);
				int sequence = Integer.parseInt(parts[1]);
				int expected = next.get(sender);
				if (sequence != expected) {
					wrong.add("from " + sender + ": " + sequence + " where " + expected + " was due");
				}
				next.put(sender, sequence + 1);
			}
			assertThat(wrong).isEmpty();
			assertThat(next).containsEntry(a.id(), each).containsEntry(c.id(), each);
		}
	}

	@Test
	void actuatorEndpointShowsThisNodeAndTheClusterWithTheirConnections() {
		try (Client a = connect(second); Client b = connect(second)) {
			await().untilAsserted(() -> {
				Map<String, Object> cluster = cluster(first.getBean(WebSocketEndpoint.class).websocket(null));
				assertThat(cluster).containsEntry("node", number(first)).containsEntry("available", true);
				assertThat((List<Object>) cluster.get("nodes")).hasSize(3)
					.contains((Object) Map.of("node", number(second), "activeConnections", 2L));
			});
			assertThat(broadcaster(first).connectionCount()).isEqualTo(2);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> cluster(Map<String, Object> websocket) {
		return (Map<String, Object>) websocket.get("cluster");
	}

	/** Waits until the newest client is in Redis's directory, which its node writes right after the open. */
	private static void awaitDirectory(Client newest) {
		WsBroadcaster other = broadcaster(first);
		if (ClusterClientIds.nodeOf(newest.id()) == number(first)) {
			other = broadcaster(second);
		}
		WsBroadcaster asked = other;
		await().until(() -> asked.isConnected(newest.id()));
	}


}
