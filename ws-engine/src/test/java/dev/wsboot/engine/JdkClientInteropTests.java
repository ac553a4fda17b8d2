package dev.wsboot.engine;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with the JDK's own client, {@link java.net.http.WebSocket}: an implementation we did not
 * write, so both sides' reading of RFC 6455 must agree.
 */
class JdkClientInteropTests {

	private static final HttpClient http = HttpClient.newHttpClient();

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
	void abortClient() {
		if (this.client != null) {
			this.client.socket.abort();
		}
	}

	@ParameterizedTest(name = "text of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void textMessageIsEchoed(int size) throws Exception {
		this.client = Client.connect(server, "/");
		String text = "é*".repeat(size / 3) + "*".repeat(size % 3);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(size);
		this.client.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
		assertThat(this.client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo(text);
	}

	@ParameterizedTest(name = "binary of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void binaryMessageIsEchoed(int size) throws Exception {
		this.client = Client.connect(server, "/");
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		this.client.socket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
		assertThat((byte[]) this.client.messages.poll(10, TimeUnit.SECONDS)).isEqualTo(data);
	}

	@Test
	void messageFragmentedByTheClientIsEchoedWhole() throws Exception {
		this.client = Client.connect(server, "/");
		this.client.socket.sendText("frag", false).get(5, TimeUnit.SECONDS);
		this.client.socket.sendText("men", false).get(5, TimeUnit.SECONDS);
		this.client.socket.sendText("ted", true).get(5, TimeUnit.SECONDS);
		this.client.socket.sendBinary(ByteBuffer.wrap(new byte[] { 1 }), false).get(5, TimeUnit.SECONDS);
		this.client.socket.sendBinary(ByteBuffer.wrap(new byte[] { 2, 3 }), true).get(5, TimeUnit.SECONDS);
		assertThat(this.client.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("fragmented");
		assertThat((byte[]) this.client.messages.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
	}

	@Test
	void pingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
		this.client = Client.connect(server, "/");
		this.client.socket.sendPing(ByteBuffer.wrap("are you there".getBytes())).get(5, TimeUnit.SECONDS);
		assertThat(new String(this.client.pongs.poll(5, TimeUnit.SECONDS))).isEqualTo("are you there");
	}

	@Test
	void clientInitiatedCloseIsEchoedAndSeenByTheServer() throws Exception {
		this.client = Client.connect(server, "/");
		this.client.socket.sendClose(4000, "client leaves").get(5, TimeUnit.SECONDS);
		assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
		assertThat(server.serverClose(this.client.uri)).isEqualTo(new CloseStatus(4000, "client leaves"));
	}

	@Test
	void serverInitiatedCloseReachesTheClientWithCodeAndReason() throws Exception {
		this.client = Client.connect(server, "/close");
		this.client.socket.sendText("4001 server says bye", true).get(5, TimeUnit.SECONDS);
		assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4001);
		assertThat(this.client.closeReason).isEqualTo("server says bye");
		// The JDK client answers the close; the server records its own code.
		this.client.socket.sendClose(4001, "");
		assertThat(server.serverClose(this.client.uri).code()).isEqualTo(4001);
	}

	@Test
	void messageOverTheServerLimitClosesTheClientWith1009() throws Exception {
		WsServerConfig config = TestServers.config()
			.limits((limits) -> limits.maxFrameSize(1000).maxMessageSize(1000))
			.build();
		try (InteropServer limited = new InteropServer(config)) {
			this.client = Client.connect(limited, "/");
			this.client.socket.sendBinary(ByteBuffer.wrap(new byte[1001]), true).get(5, TimeUnit.SECONDS);
			assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
			assertThat(limited.serverClose(this.client.uri).code()).isEqualTo(1009);
		}
	}

	static final class Client implements WebSocket.Listener {

		final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		final LinkedBlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		volatile String closeReason;

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		WebSocket socket;

		URI uri;

		static Client connect(InteropServer server, String path) throws Exception {
			return connect(http, server, path);
		}

		static Client connect(HttpClient http, InteropServer server, String path) throws Exception {
			Client client = new Client();
			client.uri = server.uri(path);
			client.socket = http.newWebSocketBuilder()
				.buildAsync(client.uri, client)
				.get(5, TimeUnit.SECONDS);
			return client;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.messages.add(this.text.toString());
				this.text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.binary.writeBytes(bytes);
			if (last) {
				this.messages.add(this.binary.toByteArray());
				this.binary.reset();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			byte[] bytes = new byte[message.remaining()];
			message.get(bytes);
			this.pongs.add(bytes);
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closeReason = reason;
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

}
