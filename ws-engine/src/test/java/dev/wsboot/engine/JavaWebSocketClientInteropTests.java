package dev.wsboot.engine;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.enums.Opcode;
import org.java_websocket.framing.ContinuousFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ServerHandshake;
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

	private Client client;

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
		this.client = Client.connect(server, "/");
		String text = "é*".repeat(size / 3) + "*".repeat(size % 3);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(size);
		this.client.send(text);
		assertThat(this.client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo(text);
	}

	@ParameterizedTest(name = "binary of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void binaryMessageIsEchoed(int size) throws Exception {
		this.client = Client.connect(server, "/");
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		this.client.send(data);
		assertThat((byte[]) this.client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo(data);
	}

	@Test
	void messageFragmentedByTheClientIsEchoedWhole() throws Exception {
		this.client = Client.connect(server, "/");
		this.client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("frag".getBytes()), false);
		this.client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("men".getBytes()), false);
		this.client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("ted".getBytes()), true);
		assertThat(this.client.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("fragmented");
	}

	@Test
	void pingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
		this.client = Client.connect(server, "/");
		PingFrame ping = new PingFrame();
		ping.setPayload(ByteBuffer.wrap("are you there".getBytes()));
		this.client.sendFrame(ping);
		assertThat(new String(this.client.pongs.poll(5, TimeUnit.SECONDS))).isEqualTo("are you there");
	}

	@Test
	void clientInitiatedCloseIsEchoedAndSeenByTheServer() throws Exception {
		this.client = Client.connect(server, "/");
		this.client.close(4000, "client leaves");
		assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
		assertThat(server.serverClose(this.client.getURI())).isEqualTo(new CloseStatus(4000, "client leaves"));
	}

	@Test
	void serverInitiatedCloseReachesTheClientWithCodeAndReason() throws Exception {
		this.client = Client.connect(server, "/close");
		this.client.send("4001 server says bye");
		assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4001);
		assertThat(this.client.closeReason).isEqualTo("server says bye");
		assertThat(this.client.closedByRemote).isTrue();
		assertThat(server.serverClose(this.client.getURI()).code()).isEqualTo(4001);
	}

	@Test
	void continuationWithNothingToContinueClosesTheClientWith1002() throws Exception {
		this.client = Client.connect(server, "/");
		ContinuousFrame stray = new ContinuousFrame();
		stray.setFin(true);
		stray.setPayload(ByteBuffer.wrap("stray".getBytes()));
		this.client.sendFrame(stray);
		assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1002);
		assertThat(server.serverClose(this.client.getURI()).code()).isEqualTo(1002);
	}

	static final class Client extends WebSocketClient {

		final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		final LinkedBlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		volatile String closeReason;

		volatile boolean closedByRemote;

		Client(URI uri) {
			super(uri);
		}

		static Client connect(InteropServer server, String path) throws InterruptedException {
			Client client = new Client(server.uri(path));
			assertThat(client.connectBlocking(5, TimeUnit.SECONDS)).as("connected").isTrue();
			return client;
		}

		@Override
		public void onOpen(ServerHandshake handshake) {
		}

		@Override
		public void onMessage(String message) {
			this.messages.add(message);
		}

		@Override
		public void onMessage(ByteBuffer bytes) {
			byte[] data = new byte[bytes.remaining()];
			bytes.get(data);
			this.messages.add(data);
		}

		@Override
		public void onWebsocketPong(WebSocket conn, Framedata frame) {
			ByteBuffer payload = frame.getPayloadData();
			byte[] data = new byte[payload.remaining()];
			payload.get(data);
			this.pongs.add(data);
		}

		@Override
		public void onClose(int code, String reason, boolean remote) {
			this.closeReason = reason;
			this.closedByRemote = remote;
			this.closed.complete(code);
		}

		@Override
		public void onError(Exception ex) {
			this.closed.completeExceptionally(ex);
		}

	}

}
