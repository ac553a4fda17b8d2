package dev.wsboot.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.support.RawClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under the close policy, the moment a slow client is judged slow nothing more is queued for it:
 * it reads an unbroken prefix of the pushed messages, then the 1008 close, never a hole.
 */
class SlowClientPrefixTests {

	private static final int PUSHES = 20_000;

	private WsServer server;

	private final CompletableFuture<Integer> acceptedAfterRefusal = new CompletableFuture<>();

	private final CompletableFuture<Integer> firstRefused = new CompletableFuture<>();

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	@Test
	void aClientJudgedSlowReadsAnUnbrokenPrefixThenTheClose() throws Exception {
		WsHandler pusher = new WsHandler() {
			@Override
			public void onOpen(WsSession session) {
				// Pushes from a thread of our own, as a broadcast would: not replies to the client.
				new Thread(() -> push(session), "pusher").start();
			}
		};
		this.server = TestServers.start(WsServer.builder()
			.config(TestServers.config()
				.limits((limits) -> limits.maxOutboundQueueSize(64 * 1024))
				.timeouts((timeouts) -> timeouts.closeTimeout(Duration.ofSeconds(5)))
				.build())
			.endpoint("/push", pusher));
		try (RawClient client = RawClient.open(this.server.port(), "/push")) {
			int refused = this.firstRefused.get(10, TimeUnit.SECONDS);
			assertThat(this.acceptedAfterRefusal.get(10, TimeUnit.SECONDS)).as("pushes queued after the first refusal")
				.isZero();
			int expected = 0;
			RawClient.Frame frame;
			while ((frame = client.readFrame()).opcode() == 0x2) {
				assertThat(ByteBuffer.wrap(frame.payload()).getInt()).as("sequence number").isEqualTo(expected);
				expected++;
			}
			assertThat(expected).as("messages before the close").isEqualTo(refused);
			assertThat(frame.opcode()).isEqualTo(0x8);
			assertThat(frame.closeCode()).isEqualTo(CloseStatus.POLICY_VIOLATION);
		}
	}

	private void push(WsSession session) {
		byte[] data = new byte[1024];
		int accepted = 0;
		for (int i = 0; i < PUSHES; i++) {
			ByteBuffer.wrap(data).putInt(i);
			boolean sent = session.sendBinary(data.clone());
			if (!sent && !this.firstRefused.isDone()) {
				this.firstRefused.complete(i);
			}
			else if (sent && this.firstRefused.isDone()) {
				accepted++;
			}
		}
		this.firstRefused.complete(-1);
		this.acceptedAfterRefusal.complete(accepted);
	}

}
