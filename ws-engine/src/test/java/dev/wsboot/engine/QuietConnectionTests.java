package dev.wsboot.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Frame;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection that reads nothing for a tick lets its frame decoder go and makes a new one at the
 * next byte: what the client sends after a quiet spell, or across one, reads as if there had been
 * none. The server's keep-alive pings, every 50 ms, show the client that ticks have passed while
 * it sent nothing.
 */
class QuietConnectionTests {

	private WsServer server;

	@BeforeEach
	void start() throws IOException {
		WsServerConfig.Builder config = TestServers.config()
			.timeouts((timeouts) -> timeouts.pingInterval(Duration.ofMillis(50)).pongTimeout(Duration.ofSeconds(30)));
		this.server = TestServers.start(WsServer.builder().config(config.build()).endpoint("/", new EchoHandler()));
	}

	@AfterEach
	void stop() {
		this.server.stop(Duration.ofSeconds(1));
	}

	/** Reads the server's keep-alive pings until two have come: more than a tick has passed in silence. */
	private static void awaitQuietTicks(RawClient client) throws IOException {
		for (int i = 0; i < 2; i++) {
			Frame frame = client.readFrame();
			assertThat(frame.opcode()).as("a keep-alive ping").isEqualTo(0x9);
		}
	}

	@Test
	void messageAfterAQuietSpellIsDelivered() throws IOException {
		try (RawClient client = RawClient.open(this.server.port())) {
			client.sendText("before");
			client.assertReceivesText("before");
			awaitQuietTicks(client);
			client.sendText("after");
			client.assertReceivesText("after");
		}
	}

	@Test
	void fragmentedMessageAcrossAQuietSpellIsDeliveredWhole() throws IOException {
		try (RawClient client = RawClient.open(this.server.port())) {
			client.send(RawClient.frame(false, 0x1, "quiet ".getBytes(StandardCharsets.UTF_8)));
			awaitQuietTicks(client);
			client.send(RawClient.frame(true, 0x0, "spell".getBytes(StandardCharsets.UTF_8)));
			client.assertReceivesText("quiet spell");
		}
	}

	@Test
	void frameHeaderSplitByAQuietSpellIsReadWhole() throws IOException {
		byte[] frame = RawClient.frame(true, 0x1, "split".getBytes(StandardCharsets.UTF_8));
		try (RawClient client = RawClient.open(this.server.port())) {
			client.send(Arrays.copyOfRange(frame, 0, 3));
			awaitQuietTicks(client);
			client.send(Arrays.copyOfRange(frame, 3, frame.length));
			client.assertReceivesText("split");
		}
	}

}
