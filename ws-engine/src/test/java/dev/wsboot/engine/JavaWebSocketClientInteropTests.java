package dev.wsboot.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import dev.wsboot.engine.support.InteropServer;
import dev.wsboot.engine.support.JavaWebSocketTestClient;
import org.java_websocket.enums.Opcode;
import org.java_websocket.framing.ContinuousFrame;
import org.java_websocket.framing.PingFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with TooTallNate's Java-WebSocket client, a second independent implementation, which
 * also lets a test send a frame the protocol forbids.
 */
class JavaWebSocketClientInteropTests {

	private static InteropServer server;

	private JavaWebSocketTestClient client;

	@BeforeAll
	static void start() throws Exception {
		server = new InteropServer();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void closeClient() throws Exception {
		if (this.client != null) {
			this.client.closeBlocking();
		}
	}

	@ParameterizedTest(name = "text of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void textMessageIsEchoed(int size) throws Exception {
		this.client = JavaWebSocketTestClient.connect(server.uri("/"));
		String text = "é*".repeat(size / 3) + "*".repeat(size % 3);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(size);
		this.client.send(text);
		assertThat(this.client.next(Duration.ofSeconds(10))).isEqualTo(text);
	}

	@ParameterizedTest(name = "binary of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void binaryMessageIsEchoed(int size) throws Exception {
		this.client = JavaWebSocketTestClient.connect(server.uri("/"));
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		this.client.send(data);
		assertThat((byte[]) this.client.next(Duration.ofSeconds(10))).isEqualTo(data);
	}

	@Test
	void messageFragmentedByTheClientIsEchoedWhole() throws Exception {
		this.client = JavaWebSocketTestClient.connect(server.uri("/"));
		this.client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("frag".getBytes()), false);
		this.client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("men".getBytes()), false);
		this.client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("ted".getBytes()), true);
		assertThat(this.client.next(Duration.ofSeconds(5))).isEqualTo("fragmented");
	}

	@Test
	void pingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
		this.client = JavaWebSocketTestClient.connect(server.uri("/"));
		PingFrame ping = new PingFrame();
		ping.setPayload(ByteBuffer.wrap("are you there".getBytes()));
		this.client.sendFrame(ping);
		assertThat(new String(this.client.nextPong(Duration.ofSeconds(5)))).isEqualTo("are you there");
	}

	@Test
	void clientInitiatedCloseIsEchoedAndSeenByTheServer() throws Exception {
		this.client = JavaWebSocketTestClient.connect(server.uri("/"));
		this.client.close(4000, "client leaves");
		assertThat(this.client.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(4000);
		assertThat(server.serverClose(this.client.getURI())).isEqualTo(new CloseStatus(4000, "client leaves"));
	}

	@Test
	void serverInitiatedCloseReachesTheClientWithCodeAndReason() throws Exception {
		this.client = JavaWebSocketTestClient.connect(server.uri("/close"));
		this.client.send("4001 server says bye");
		assertThat(this.client.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(4001);
		assertThat(this.client.closeReason()).isEqualTo("server says bye");
		assertThat(this.client.closedByRemote()).isTrue();
		assertThat(server.serverClose(this.client.getURI()).code()).isEqualTo(4001);
	}

	@Test
	void continuationWithNothingToContinueClosesTheClientWith1002() throws Exception {
		this.client = JavaWebSocketTestClient.connect(server.uri("/"));
		ContinuousFrame stray = new ContinuousFrame();
		stray.setFin(true);
		stray.setPayload(ByteBuffer.wrap("stray".getBytes()));
		this.client.sendFrame(stray);
		assertThat(this.client.awaitCloseCode(Duration.ofSeconds(5))).isEqualTo(1002);
		assertThat(server.serverClose(this.client.getURI()).code()).isEqualTo(1002);
	}

}
