package dev.wsboot.engine;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.JavaWebSocketTestClient;
import dev.wsboot.engine.support.TestServers;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that writes many large messages in one go while it reads the echoes sends faster than
 * it reads: the server throttles it by reading less, never closes it and never drops an echo. Run
 * with the default limits (a 1 MiB outbound bound, policy close), plain and compressed, with
 * handlers on the executor and on the I/O thread.
 */
class ReplyBackPressureTests {

	private WsServer server;

	private final CompletableFuture<CloseStatus> serverClose = new CompletableFuture<>();

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	@ParameterizedTest(name = "{0} × {1} bytes, compressed {2}, handlers {3}")
	@CsvSource({ "64, 1048576, false, EXECUTOR", "100, 65536, false, EXECUTOR", "64, 1048576, true, EXECUTOR",
			"100, 65536, true, EXECUTOR", "64, 1048576, false, IO_THREAD", "100, 65536, true, IO_THREAD" })
	void pipelinedLargeMessagesAreAllEchoedInOrderAndTheClientIsNotClosed(int count, int size, boolean compressed,
			WsServerConfig.HandlerExecution execution) throws Exception {
		this.server = TestServers.start(WsServer.builder()
			.config(WsServerConfig.DEFAULT.toBuilder()
				.network((network) -> network.host("127.0.0.1").port(0))
				.compression((compression) -> compression.enabled(compressed))
				.handlers((handlers) -> handlers.execution(execution))
				.build())
			.endpoint("/echo", new WsHandler() {
				@Override
				public void onBinary(WsSession session, byte[] data) {
					session.sendBinary(data);
				}

				@Override
				public void onClose(WsSession session, CloseStatus status) {
					ReplyBackPressureTests.this.serverClose.complete(status);
				}
			}));
		// Java-WebSocket queues every send at once and reads on its own thread as fast as it can.
		JavaWebSocketTestClient client = JavaWebSocketTestClient.connect(
				URI.create("ws://127.0.0.1:" + this.server.port() + "/echo"),
				compressed ? new Draft_6455(List.of(new PerMessageDeflateExtension())) : new Draft_6455());
		for (int i = 0; i < count; i++) {
			client.send(message(i, size));
		}
		for (int i = 0; i < count; i++) {
			Object echo = client.next(Duration.ofSeconds(30));
			assertThat(echo).as("echo %d of %d (open: %s)", i, count, client.isOpen()).isInstanceOf(byte[].class);
			byte[] data = (byte[]) echo;
			assertThat(data).as("echo %d", i).hasSize(size);
			assertThat(ByteBuffer.wrap(data).getInt()).as("sequence number of echo %d", i).isEqualTo(i);
		}
		assertThat(client.isOpen()).as("still open").isTrue();
		client.closeBlocking();
		assertThat(this.serverClose.get(5, TimeUnit.SECONDS).code()).isEqualTo(CloseStatus.NORMAL);
		assertThat(this.server.stats().slowClientsClosed()).isZero();
	}

	/** A sequence number, then bytes that compress (as real payloads do) without being uniform. */
	private static byte[] message(int sequence, int size) {
		byte[] data = new byte[size];
		for (int i = 4; i < size; i++) {
			data[i] = (byte) ((i * 31) >>> 7);
		}
		ByteBuffer.wrap(data).putInt(sequence);
		return data;
	}

}
