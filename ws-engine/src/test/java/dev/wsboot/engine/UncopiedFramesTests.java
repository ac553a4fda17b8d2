package dev.wsboot.engine;

import java.io.ByteArrayOutputStream;
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
 * Handler threads queue a large message whose bytes never change (a {@link WsText}, an array
 * handed over) as its header and the bytes where they lie, without copying them into a frame;
 * {@link WsSession#sendBinary(byte[])} keeps copying, so the caller may reuse its array at once.
 * The loop's buffers are the smallest allowed (1 KiB), so most frames are written in slices.
 */
class UncopiedFramesTests {

	private static final int BUFFER = 1024;

	private static final int[] SIZES = { 0, 1, 125, 126, 1023, 1024, 1025, 3 * BUFFER + 7, 65_535, 65_536, 300_000 };

	private WsServer server;

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	private void start(WsHandler handler) throws IOException {
		this.server = TestServers.start(WsServer.builder()
			.config(WsServerConfig.DEFAULT.toBuilder()
				.network((network) -> network.host("127.0.0.1").port(0).readBufferSize(BUFFER))
				.limits((limits) -> limits.maxOutboundQueueSize(64L * 1024 * 1024))
				.build())
			.endpoint("/echo", handler));
	}

	@Test
	void largeTextAndHandedOverBinaryRepliesArriveWholeAndInOrderWithThePongs() throws IOException {
		start(new WsHandler() {
			@Override
			public void onText(WsSession session, WsText text) {
				session.sendText(text);
				session.sendText(text);
			}

			@Override
			public boolean textAsBytes() {
				return true;
			}

			@Override
			public void onBinary(WsSession session, byte[] data) {
				session.sendBinaryWithoutCopy(data);
				session.sendBinaryWithoutCopy(data);
			}
		});
		try (RawClient client = RawClient.open(this.server.port(), "/echo")) {
			Random random = new Random(6455);
			byte[][] binary = new byte[SIZES.length][];
			byte[][] text = new byte[SIZES.length][];
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			for (int i = 0; i < SIZES.length; i++) {
				binary[i] = new byte[SIZES[i]];
				random.nextBytes(binary[i]);
				text[i] = asciiOf(random, SIZES[i]);
				burst.writeBytes(RawClient.frame(0x80 | Opcode.BINARY, binary[i]));
				burst.writeBytes(RawClient.frame(0x80 | Opcode.PING, ("p" + i).getBytes(StandardCharsets.UTF_8)));
				burst.writeBytes(RawClient.frame(0x80 | Opcode.TEXT, text[i]));
			}
			client.send(burst.toByteArray());
			// The handlers run on the pool, the pongs on the loop: only each kind's order is fixed.
			int binaries = 0;
			int texts = 0;
			int pongs = 0;
			while (binaries < 2 * SIZES.length || texts < 2 * SIZES.length || pongs < SIZES.length) {
				RawClient.Frame frame = client.readFrame();
				if (frame.opcode() == Opcode.PONG) {
					assertThat(frame.text()).isEqualTo("p" + pongs++);
				}
				else if (frame.opcode() == Opcode.BINARY) {
					int i = binaries++ / 2;
					assertThat(Arrays.equals(frame.payload(), binary[i])).as("binary reply of %d bytes", SIZES[i]).isTrue();
				}
				else {
					assertThat(frame.opcode()).isEqualTo(Opcode.TEXT);
					int i = texts++ / 2;
					assertThat(Arrays.equals(frame.payload(), text[i])).as("text reply of %d bytes", SIZES[i]).isTrue();
				}
			}
			client.sendClose(CloseStatus.NORMAL, "done");
			assertThat(client.readFrame().closeCode()).isEqualTo(CloseStatus.NORMAL);
		}
	}

	/**
	 * The array is changed right after {@code sendBinary} returned, while the frame waits behind a
	 * large message the client does not read yet: the client must still get the bytes as sent.
	 */
	@Test
	void anArrayPassedToSendBinaryMayBeChangedOnceTheCallReturns() throws Exception {
		byte[] ahead = new byte[8 * 1024 * 1024];
		start(new WsHandler() {
			@Override
			public void onBinary(WsSession session, byte[] data) {
				session.sendBinaryWithoutCopy(ahead);
				session.sendBinary(data);
				Arrays.fill(data, (byte) 0);
			}
		});
		try (RawClient client = RawClient.open(this.server.port(), "/echo")) {
			byte[] payload = new byte[65_536];
			new Random(7).nextBytes(payload);
			client.sendBinary(payload.clone());
			// Not reading: the large message fills the socket, and the copy waits in the queue.
			Thread.sleep(300);
			assertThat(client.readFrame().payload()).hasSize(ahead.length);
			assertThat(Arrays.equals(client.readFrame().payload(), payload)).isTrue();
		}
	}

	private static byte[] asciiOf(Random random, int length) {
		byte[] text = new byte[length];
		for (int i = 0; i < length; i++) {
			text[i] = (byte) (' ' + random.nextInt(95));
		}
		return text;
	}

}
