package dev.wsboot.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies a handler on the I/O thread sends while its connection is read go straight into the
 * loop's write buffer. With the smallest buffer (1 KiB) most replies cross its end, some headers
 * too: every reply must still arrive whole, in order, interleaved correctly with the pongs and
 * the close frame the protocol queues, also when the client stops reading for a while.
 */
class DirectRepliesTests {

	private static final int BUFFER = 1024;

	private WsServer server;

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	private void start() throws IOException {
		this.server = TestServers.start(WsServer.builder()
			.config(WsServerConfig.DEFAULT.toBuilder()
				.network((network) -> network.host("127.0.0.1").port(0).readBufferSize(BUFFER))
				.handlers((handlers) -> handlers.execution(WsServerConfig.HandlerExecution.IO_THREAD))
				.build())
			.endpoint("/echo", new WsHandler() {
				@Override
				public void onText(WsSession session, WsText text) {
					session.sendText(text);
				}

				@Override
				public boolean textAsBytes() {
					return true;
				}

				@Override
				public void onBinary(WsSession session, byte[] data) {
					// Twice: a reply that leaves the buffer part-full is followed by another.
					session.sendBinary(data);
					session.sendBinary(data);
				}
			}));
	}

	@Test
	void repliesOfEverySizeAroundTheBufferArriveWholeAndInOrderWithThePongs() throws IOException {
		start();
		try (RawClient client = RawClient.open(this.server.port(), "/echo")) {
			Random random = new Random(6455);
			int[] sizes = { 0, 1, 125, 126, 1000, BUFFER - 4, BUFFER - 2, BUFFER, BUFFER + 1, 3 * BUFFER + 7, 65_535,
					65_536, 200_000 };
			byte[][] sent = new byte[sizes.length][];
			// Everything in one write, so the server reads it in few reads and replies directly.
			java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
			for (int i = 0; i < sizes.length; i++) {
				sent[i] = new byte[sizes[i]];
				random.nextBytes(sent[i]);
				burst.writeBytes(RawClient.frame(0x80 | Opcode.BINARY, sent[i]));
				burst.writeBytes(RawClient.frame(0x80 | Opcode.PING, ("p" + i).getBytes(StandardCharsets.UTF_8)));
				burst.writeBytes(RawClient.frame(0x80 | Opcode.TEXT, ("text " + i).getBytes(StandardCharsets.UTF_8)));
			}
			client.send(burst.toByteArray());
			for (int i = 0; i < sizes.length; i++) {
				for (int copy = 0; copy < 2; copy++) {
					RawClient.Frame echo = client.readFrame();
					assertThat(echo.opcode()).as("reply %d, copy %d", i, copy).isEqualTo(Opcode.BINARY);
					assertThat(Arrays.equals(echo.payload(), sent[i])).as("reply %d of %d bytes, copy %d", i, sizes[i], copy)
						.isTrue();
				}
				RawClient.Frame pong = client.readFrame();
				assertThat(pong.opcode()).isEqualTo(Opcode.PONG);
				assertThat(pong.text()).isEqualTo("p" + i);
				RawClient.Frame text = client.readFrame();
				assertThat(text.opcode()).isEqualTo(Opcode.TEXT);
				assertThat(text.text()).isEqualTo("text " + i);
			}
			client.sendClose(CloseStatus.NORMAL, "done");
			assertThat(client.readFrame().closeCode()).isEqualTo(CloseStatus.NORMAL);
		}
	}

	@Test
	void aClientThatStopsReadingGetsEveryReplyWholeOnceItReadsAgain() throws Exception {
		start();
		try (RawClient client = RawClient.open(this.server.port(), "/echo")) {
			byte[] payload = new byte[300_000];
			new Random(7).nextBytes(payload);
			int messages = 8;
			for (int i = 0; i < messages; i++) {
				payload[0] = (byte) i;
				client.sendBinary(payload);
			}
			// Not reading: the socket pushes back and the rest of the replies waits in the queue.
			Thread.sleep(500);
			for (int i = 0; i < messages; i++) {
				for (int copy = 0; copy < 2; copy++) {
					RawClient.Frame echo = client.readFrame();
					assertThat(echo.payload()).as("reply %d, copy %d", i, copy).hasSize(payload.length);
					assertThat(echo.payload()[0]).isEqualTo((byte) i);
					assertThat(Arrays.equals(echo.payload(), 1, payload.length, payload, 1, payload.length)).isTrue();
				}
			}
		}
		assertThat(this.server.stats().slowClientsClosed()).isZero();
	}

}
