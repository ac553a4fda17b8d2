package dev.wsboot.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Frame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inbound rate limits per connection: a client past its messages or bytes per second is closed
 * with 1008 and counted as rate-limited, nothing it sent after the breach reaches the handler,
 * and a client within the limit is left alone.
 */
class RateLimitTests {

	/** Counts the messages it sees and echoes them. */
	private static final class CountingEcho implements WsHandler {

		final AtomicInteger messages = new AtomicInteger();

		final CountDownLatch closed = new CountDownLatch(1);

		@Override
		public void onText(WsSession session, String text) {
			this.messages.incrementAndGet();
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
			this.messages.incrementAndGet();
			session.sendBinary(data);
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.closed.countDown();
		}

	}

	private static WsServer start(CountingEcho handler, ProtectionConfig protection) throws IOException {
		return TestServers.start(WsServer.builder()
			.config(TestServers.config().protection(protection).build())
			.endpoint("/", handler));
	}

	@Test
	void aClientFloodingMessagesIsClosedWith1008AndWhatItSentAfterTheBreachIsNotDelivered() throws Exception {
		CountingEcho handler = new CountingEcho();
		WsServer server = start(handler, ProtectionConfig.builder().maxMessagesPerSecond(20).build());
		try (RawClient client = RawClient.open(server.port())) {
			ByteArrayOutputStream flood = new ByteArrayOutputStream();
			for (int i = 0; i < 200; i++) {
				flood.writeBytes(RawClient.frame(0x81, ("m" + i).getBytes(StandardCharsets.UTF_8)));
			}
			client.send(flood.toByteArray());
			Frame close = skipToClose(client);
			assertThat(close.closeCode()).isEqualTo(CloseStatus.POLICY_VIOLATION);
			assertThat(close.closeReason()).isEqualTo("Message rate limit exceeded");
			assertThat(handler.closed.await(5, TimeUnit.SECONDS)).isTrue();
			// A second's allowance (20), one more taken as the bucket refills, and the few tokens
			// that refill while the burst is read; never the 200.
			assertThat(handler.messages.get()).isBetween(20, 25);
			assertThat(server.stats("/").connectionsClosed(CloseCategory.RATE_LIMIT)).isEqualTo(1);
			assertThat(server.stats("/").textMessagesReceived()).isEqualTo(handler.messages.get());
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void aClientSendingWithinTheMessageRateStaysOpen() throws Exception {
		CountingEcho handler = new CountingEcho();
		WsServer server = start(handler, ProtectionConfig.builder().maxMessagesPerSecond(20).build());
		try (RawClient client = RawClient.open(server.port())) {
			// Five a second for two seconds, paced by the client.
			for (int i = 0; i < 10; i++) {
				client.sendText("paced " + i);
				client.assertReceivesText("paced " + i);
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
			}
			client.sendClose(1000, "");
			assertThat(client.readClose().closeCode()).isEqualTo(1000);
			assertThat(handler.messages.get()).isEqualTo(10);
			assertThat(server.stats("/").connectionsClosed(CloseCategory.RATE_LIMIT)).isZero();
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void oneMessageLargerThanASecondsBytesPassesAndTheNextRightAfterItBreaksTheByteRate() throws Exception {
		CountingEcho handler = new CountingEcho();
		WsServer server = start(handler, ProtectionConfig.builder().maxBytesPerSecond(64 * 1024).build());
		try (RawClient client = RawClient.open(server.port())) {
			byte[] large = new byte[200 * 1024];
			client.sendBinary(large);
			Frame echo = client.readMessage();
			assertThat(echo.opcode()).isEqualTo(0x2);
			assertThat(echo.payload()).hasSize(large.length);
			client.sendBinary(large);
			Frame close = skipToClose(client);
			assertThat(close.closeCode()).isEqualTo(CloseStatus.POLICY_VIOLATION);
			assertThat(close.closeReason()).isEqualTo("Byte rate limit exceeded");
			assertThat(handler.closed.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(handler.messages.get()).isEqualTo(1);
			assertThat(server.stats("/").connectionsClosed(CloseCategory.RATE_LIMIT)).isEqualTo(1);
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

	/** Reads the echoes of the admitted messages up to the server's close frame, and answers it (RFC 6455 §5.5.1). */
	private static Frame skipToClose(RawClient client) throws IOException {
		for (int i = 0; i < 1000; i++) {
			Frame frame = client.readFrame();
			if (frame.opcode() == 0x8) {
				client.sendClose(frame.closeCode(), "");
				return frame;
			}
		}
		throw new AssertionError("no close frame among 1000 frames");
	}

}
