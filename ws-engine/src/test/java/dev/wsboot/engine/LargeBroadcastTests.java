package dev.wsboot.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast encodes its frame once and every receiver's queue writes that one buffer. Messages
 * far larger than the socket buffers leave in many slices, each receiver at its own pace and
 * from either I/O thread, so a receiver whose writes moved the shared buffer would corrupt what
 * the others get.
 */
class LargeBroadcastTests {

	private static final int SIZE = 4 * 1024 * 1024;

	private WsServer server;

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	@Test
	void receiversReadingOneAfterAnotherEachGetEveryLargeBroadcastWhole() throws IOException {
		this.server = TestServers.start(WsServer.builder()
			.config(TestServers.config().build())
			.endpoint("/", new WsHandler() {
			}));
		List<RawClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				clients.add(RawClient.open(this.server.port(), "/"));
			}
			TestServers.await("four sessions open", Duration.ofSeconds(5),
					() -> this.server.sessions("/").size() == 4);
			byte[] first = pattern(1);
			byte[] second = pattern(2);
			assertThat(this.server.broadcast(this.server.sessions("/"), first)).isEqualTo(4);
			assertThat(this.server.broadcast(this.server.sessions("/"), second)).isEqualTo(4);
			// One reader at a time: the others' sockets are full meanwhile and their frames wait half written.
			for (RawClient client : clients) {
				assertWhole(client.readMessage().payload(), first);
				assertWhole(client.readMessage().payload(), second);
			}
		}
		finally {
			for (RawClient client : clients) {
				client.close();
			}
		}
	}

	/** Names the first wrong byte rather than printing 4 MiB. */
	private static void assertWhole(byte[] received, byte[] sent) {
		assertThat(received).hasSize(sent.length);
		assertThat(Arrays.mismatch(received, sent)).as("offset of the first byte that differs").isEqualTo(-1);
	}

	/** Bytes that differ at every offset of a slice and between the two messages. */
	private static byte[] pattern(int seed) {
		byte[] bytes = new byte[SIZE];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31 + (i >>> 8) + seed);
		}
		return bytes;
	}

}
