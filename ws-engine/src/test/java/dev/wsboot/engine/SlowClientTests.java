package dev.wsboot.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-pressure towards a client that does not read: the outbound queue is bounded, and past it
 * the {@link WsServerConfig.SlowClientPolicy} applies.
 */
class SlowClientTests {

	private static final int MAX_MESSAGES = 200_000;

	private WsServer server;

	/** How many 1 KiB messages the handler queued before a send was refused. */
	private final CompletableFuture<Integer> acceptedBeforeRefusal = new CompletableFuture<>();

	private final CompletableFuture<CloseStatus> serverClose = new CompletableFuture<>();

	private volatile WsSession session;

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	private void start(WsServerConfig.SlowClientPolicy policy) throws IOException {
		WsHandler flood = new WsHandler() {
			@Override
			public void onOpen(WsSession session) {
				SlowClientTests.this.session = session;
				byte[] chunk = new byte[1024];
				for (int i = 0; i < MAX_MESSAGES; i++) {
					if (!session.sendBinary(chunk)) {
						SlowClientTests.this.acceptedBeforeRefusal.complete(i);
						return;
					}
				}
				SlowClientTests.this.acceptedBeforeRefusal.complete(-1);
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				SlowClientTests.this.serverClose.complete(status);
			}
		};
		this.server = TestServers.start(WsServer.builder()
			.config(TestServers.config()
				.limits((limits) -> limits.maxOutboundQueueSize(64 * 1024).slowClientPolicy(policy))
				.timeouts((timeouts) -> timeouts.closeTimeout(Duration.ofMillis(300)))
				.build())
			.endpoint("/flood", flood));
	}

	/** A client with a small receive buffer that upgrades and then never reads. */
	private Socket nonReadingClient() throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()));
		socket.getOutputStream().write(RawClient.upgradeRequest("/flood").getBytes());
		return socket;
	}

	@Test
	void closePolicyClosesAClientThatDoesNotReadAndCountsIt() throws Exception {
		start(WsServerConfig.SlowClientPolicy.CLOSE);
		try (Socket socket = nonReadingClient()) {
			assertThat(this.acceptedBeforeRefusal.get(10, TimeUnit.SECONDS)).as("a send was refused").isPositive();
			TestServers.await("the slow client to be counted", Duration.ofSeconds(5),
					() -> this.server.stats().slowClientsClosed() == 1);
			// Its close frame cannot get through the full socket; the close timeout drops it.
			assertThat(this.serverClose.get(5, TimeUnit.SECONDS).code()).isEqualTo(1008);
			assertThat(this.server.stats("/flood").connectionsClosed(CloseCategory.SLOW_CLIENT)).isEqualTo(1);
			assertThat(this.server.activeConnections()).isZero();
		}
	}

	@Test
	void dropPolicyRefusesTheMessageAndKeepsTheConnection() throws Exception {
		start(WsServerConfig.SlowClientPolicy.DROP);
		try (Socket socket = nonReadingClient()) {
			assertThat(this.acceptedBeforeRefusal.get(10, TimeUnit.SECONDS)).as("a send was refused").isPositive();
			assertThat(this.server.stats("/flood").messagesDropped()).isEqualTo(1);
			assertThat(this.server.stats().slowClientsClosed()).isZero();
			assertThat(this.session.isOpen()).isTrue();
			assertThat(this.session.queuedBytes()).isLessThanOrEqualTo(64 * 1024 + 1024 + 4);
			assertThat(this.server.activeConnections()).isEqualTo(1);
			assertThat(this.serverClose).isNotDone();
		}
	}

}
