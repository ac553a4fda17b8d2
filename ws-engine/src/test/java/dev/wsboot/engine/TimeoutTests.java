package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.RawClient.Frame;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every timeout of {@link WsServerConfig}, through real sockets with durations of a few hundred
 * milliseconds.
 */
class TimeoutTests {

	private WsServer server;

	private final CompletableFuture<CloseStatus> serverClose = new CompletableFuture<>();

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(1));
		}
	}

	private WsServer start(WsServerConfig.Builder config) throws IOException {
		WsHandler handler = new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText(text);
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				TimeoutTests.this.serverClose.complete(status);
			}
		};
		this.server = TestServers.start(WsServer.builder().config(config.build()).endpoint("/", handler));
		return this.server;
	}

	@Test
	void clientThatConnectsAndSendsNothingIsDisconnectedAfterTheHandshakeTimeout() throws IOException {
		start(TestServers.config()
			.timeouts((timeouts) -> timeouts.handshakeTimeout(Duration.ofMillis(200)).closeTimeout(Duration.ofMillis(200))));
		try (RawClient client = RawClient.connect(this.server.port())) {
			long started = System.nanoTime();
			assertThat(client.awaitEndOfStream()).as("connection closed by the server").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		}
		assertThat(this.server.stats().handshakesRejected(HandshakeRejection.TIMEOUT)).isEqualTo(1);
		TestServers.assertServesFreshClient(this.server);
	}

	@Test
	void partialUpgradeRequestIsAnsweredWith408AfterTheHandshakeTimeout() throws IOException {
		start(TestServers.config().timeouts((timeouts) -> timeouts.handshakeTimeout(Duration.ofMillis(200))));
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.sendAscii("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr");
			assertThat(client.readResponse().status()).isEqualTo(408);
			assertThat(client.awaitEndOfStream()).isTrue();
		}
		TestServers.assertServesFreshClient(this.server);
	}

	@Test
	void idleConnectionIsClosedWith1001() throws Exception {
		start(TestServers.config().timeouts((timeouts) -> timeouts.idleTimeout(Duration.ofMillis(300))));
		try (RawClient client = RawClient.open(this.server.port())) {
			client.assertFailedWith(1001);
		}
		assertThat(this.serverClose.get(5, TimeUnit.SECONDS).code()).isEqualTo(1001);
		assertThat(this.server.stats("/").connectionsClosed(CloseCategory.IDLE_TIMEOUT)).isEqualTo(1);
	}

	@Test
	void trafficKeepsAConnectionFromTheIdleTimeout() throws IOException {
		start(TestServers.config().timeouts((timeouts) -> timeouts.idleTimeout(Duration.ofMillis(400))));
		try (RawClient client = RawClient.open(this.server.port())) {
			long until = System.nanoTime() + Duration.ofMillis(1000).toNanos();
			int i = 0;
			while (System.nanoTime() - until < 0) {
				// Each round trip is far shorter than the timeout; the echo paces the loop.
				client.sendText("keep " + i);
				client.assertReceivesText("keep " + i++);
			}
			client.sendClose(1000, "");
			assertThat(client.readClose().closeCode()).isEqualTo(1000);
		}
	}

	@Test
	void clientThatNeverAnswersOurCloseIsDisconnectedAfterTheCloseTimeout() throws Exception {
		start(TestServers.config()
			.timeouts((timeouts) -> timeouts.idleTimeout(Duration.ofMillis(200)).closeTimeout(Duration.ofMillis(400))));
		try (RawClient client = RawClient.open(this.server.port())) {
			Frame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(1001);
			long closeReceived = System.nanoTime();
			// We never answer: the server waits the close timeout, then drops TCP.
			assertThat(client.awaitEndOfStream()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - closeReceived)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		}
		assertThat(this.serverClose.get(5, TimeUnit.SECONDS).code()).isEqualTo(1001);
	}

	@Test
	void keepAlivePingsAreSentAtThePingIntervalAndAnsweredPongsKeepTheConnection() throws IOException {
		start(TestServers.config()
			.timeouts((timeouts) -> timeouts.pingInterval(Duration.ofMillis(200)).pongTimeout(Duration.ofMillis(300))));
		try (RawClient client = RawClient.open(this.server.port())) {
			long opened = System.nanoTime();
			// Four pings answered span more than the interval plus the pong timeout.
			for (int i = 0; i < 4; i++) {
				Frame ping = client.readFrame();
				assertThat(ping.opcode()).as("frame %d", i).isEqualTo(0x9);
				client.sendFrame(0x8A, ping.payload());
			}
			assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
			client.sendText("still here");
			Frame next = client.readFrame();
			while (next.opcode() == 0x9) {
				client.sendFrame(0x8A, next.payload());
				next = client.readFrame();
			}
			assertThat(next.text()).isEqualTo("still here");
		}
	}

	@Test
	void clientThatNeverAnswersKeepAlivePingsIsDroppedAndTheHandlerSees1006() throws Exception {
		start(TestServers.config()
			.timeouts((timeouts) -> timeouts.pingInterval(Duration.ofMillis(200)).pongTimeout(Duration.ofMillis(300))));
		try (RawClient client = RawClient.open(this.server.port())) {
			assertThat(client.readFrame().opcode()).isEqualTo(0x9);
			// Never answer; the pings keep coming until the server gives up and drops TCP.
			assertThat(client.awaitEndOfStream()).isTrue();
		}
		assertThat(this.serverClose.get(5, TimeUnit.SECONDS).code()).isEqualTo(1006);
		TestServers.assertServesFreshClient(this.server);
	}

}
