package dev.wsboot.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.engine.internal.protocol.Deflate;
import dev.wsboot.engine.internal.protocol.ZlibPool;
import dev.wsboot.engine.support.RawClient.Frame;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many short compressed connections leave no zlib codec behind: each one's Deflater and Inflater
 * (native memory the garbage collector does not see) is given back or ended when it closes. The
 * pool counts every codec created and not yet ended, so a connection that forgot to give its codecs
 * back, or a pool that forgot to end them, shows as a count that grows with the connections.
 */
class CompressionChurnTests {

	private static final int CYCLES = 10_000;

	@Test
	void tenThousandCompressedConnectionsWithContextTakeoverLeaveNoCodecBehind() throws Exception {
		churn(true);
	}

	@Test
	void tenThousandCompressedConnectionsWithoutContextTakeoverLeaveNoCodecBehind() throws Exception {
		churn(false);
	}

	private static void churn(boolean contextTakeover) throws Exception {
		AtomicLong closed = new AtomicLong();
		WsHandler echo = new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText(text);
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				closed.incrementAndGet();
			}
		};
		WsServerConfig config = TestServers.config()
			.compression((compression) -> compression.enabled(true).contextTakeover(contextTakeover).minSize(0))
			.handlers((handlers) -> handlers.execution(WsServerConfig.HandlerExecution.IO_THREAD))
			.build();
		WsServer server = TestServers.start(WsServer.builder().config(config).endpoint("/", echo));
		byte[] compressed = Deflate.compress("squeeze me, then let me go ".repeat(10).getBytes(StandardCharsets.UTF_8));
		try {
			ZlibPool zlib = server.zlib();
			for (int i = 0; i < CYCLES; i++) {
				try (RawClient client = RawClient.open(server.port(), "/", "Sec-WebSocket-Extensions: permessage-deflate")) {
					client.sendFrame(0x80 | 0x40 | 0x1, compressed);
					Frame echoed = client.readFrame();
					assertThat(echoed.rsv()).as("echo compressed").isEqualTo(4);
					client.sendClose(1000, "");
					assertThat(client.readClose().closeCode()).isEqualTo(1000);
					assertThat(client.awaitEndOfStream()).isTrue();
				}
			}
			TestServers.await("every session to close", Duration.ofSeconds(10), () -> closed.get() == CYCLES);
			assertThat(zlib.deflaterLoans()).as("Deflaters taken").isGreaterThanOrEqualTo(contextTakeover ? 1 : CYCLES);
			assertThat(zlib.liveDeflaters()).as("Deflaters alive after %d connections", CYCLES)
				.isLessThanOrEqualTo(zlib.capacity());
			assertThat(zlib.liveInflaters()).as("Inflaters alive after %d connections", CYCLES)
				.isLessThanOrEqualTo(zlib.capacity());
			server.stop(Duration.ofSeconds(1));
			assertThat(zlib.liveDeflaters()).as("Deflaters alive after stop").isZero();
			assertThat(zlib.liveInflaters()).as("Inflaters alive after stop").isZero();
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

}
