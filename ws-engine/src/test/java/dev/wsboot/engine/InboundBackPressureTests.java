package dev.wsboot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-pressure towards a client that sends faster than its handler consumes: past
 * {@link LimitsConfig#maxInboundQueueSize()} the server stops reading, so the excess waits in
 * TCP instead of memory, and nothing is lost once the handler catches up.
 */
class InboundBackPressureTests {

	private static final int BURST = 1000;

	/** Far fewer than the burst: what one read buffer and the pending early frames can hold. */
	private static final int READ_WHILE_BLOCKED_LIMIT = 200;

	private final CountDownLatch release = new CountDownLatch(1);

	private volatile WsSession session;

	private WsServer server;

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(Duration.ofSeconds(1));
	}

	private void start(boolean withInterceptor) throws IOException {
		WsHandler blockingEcho = new WsHandler() {
			@Override
			public void onOpen(WsSession session) {
				InboundBackPressureTests.this.session = session;
			}

			@Override
			public void onText(WsSession session, String text) throws InterruptedException {
				InboundBackPressureTests.this.release.await(10, TimeUnit.SECONDS);
				session.sendText(text.substring(0, text.indexOf(':')));
			}
		};
		WsServer.Builder builder = WsServer.builder()
			.config(TestServers.config().limits((limits) -> limits.maxInboundQueueSize(1024)).build())
			.endpoint("/", blockingEcho);
		if (withInterceptor) {
			builder.interceptor((handshake) -> handshake.attributes().put("seen", true));
		}
		this.server = TestServers.start(builder);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static byte[] messages(int from, int to) {
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		for (int i = from; i < to; i++) {
			frames.writeBytes(RawClient.frame(0x81, (i + ":" + "x".repeat(1000)).getBytes(StandardCharsets.UTF_8)));
		}
		return frames.toByteArray();
	}

	@Test
	void readingPausesWhileTheHandlerIsBehindAndNothingIsLost() throws IOException {
		start(false);
		try (RawClient client = RawClient.open(this.server.port())) {
			client.send(messages(0, BURST));
			assertReadingPausedThenEverythingDelivered(client);
		}
	}

	@Test
	void readingPausesAlsoWhenFramesCameWithTheHandshakeWhileAnInterceptorDecided() throws IOException {
		start(true);
		try (RawClient client = RawClient.connect(this.server.port())) {
			client.send(concat(RawClient.upgradeRequest("/").getBytes(StandardCharsets.ISO_8859_1),
					messages(0, 10)));
			assertThat(client.readResponse().status()).isEqualTo(101);
			client.send(messages(10, BURST));
			assertReadingPausedThenEverythingDelivered(client);
		}
	}

	private void assertReadingPausedThenEverythingDelivered(RawClient client) throws IOException {
		TestServers.await("the session to open", Duration.ofSeconds(5), () -> this.session != null);
		// For a while, the server must not read the whole burst: the handler holds the first message.
		long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
		while (System.nanoTime() - until < 0) {
			assertThat(this.session.messagesReceived()).as("messages read while the handler is blocked")
				.isLessThan(READ_WHILE_BLOCKED_LIMIT);
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		this.release.countDown();
		for (int i = 0; i < BURST; i++) {
			client.assertReceivesText(String.valueOf(i));
		}
	}

}
