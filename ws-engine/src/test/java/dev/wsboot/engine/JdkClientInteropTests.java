package dev.wsboot.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.wsboot.engine.support.InteropServer;
import dev.wsboot.engine.support.TestServers;
import dev.wsboot.test.WsTestConnection;
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

	private WsTestConnection client;

	private URI uri;

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
			this.client.webSocket().abort();
		}
	}

	@ParameterizedTest(name = "text of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void textMessageIsEchoed(int size) throws Exception {
		this.client = connect(server, "/");
		String text = "é*".repeat(size / 3) + "*".repeat(size % 3);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(size);
		this.client.webSocket().sendText(text, true).get(10, TimeUnit.SECONDS);
		assertThat(this.client.next(Duration.ofSeconds(10))).isEqualTo(text);
	}

	@ParameterizedTest(name = "binary of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void binaryMessageIsEchoed(int size) throws Exception {
		this.client = connect(server, "/");
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		this.client.webSocket().sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
		assertThat((byte[]) this.client.next(Duration.ofSeconds(10))).isEqualTo(data);
	}

	@Test
	void messageFragmentedByTheClientIsEchoedWhole() throws Exception {
		this.client = connect(server, "/");
		this.client.webSocket().sendText("frag", false).get(5, TimeUnit.SECONDS);
		this.client.webSocket().sendText("men", false).get(5, TimeUnit.SECONDS);
		this.client.webSocket().sendText("ted", true).get(5, TimeUnit.SECONDS);
		this.client.webSocket().sendBinary(ByteBuffer.wrap(new byte[] { 1 }), false).get(5, TimeUnit.SECONDS);
		this.client.webSocket().sendBinary(ByteBuffer.wrap(new byte[] { 2, 3 }), true).get(5, TimeUnit.SECONDS);
		assertThat(this.client.next(Duration.ofSeconds(5))).isEqualTo("fragmented");
		assertThat((byte[]) this.client.next(Duration.ofSeconds(5))).containsExactly(1, 2, 3);
	}

	@Test
	void pingIsAnsweredWithAPongCarryingItsPayload() throws Exception {
		this.client = connect(server, "/");
		this.client.webSocket().sendPing(ByteBuffer.wrap("are you there".getBytes())).get(5, TimeUnit.SECONDS);
		assertThat(new String(this.client.nextPong(Duration.ofSeconds(5)))).isEqualTo("are you there");
	}

	@Test
	void clientInitiatedCloseIsEchoedAndSeenByTheServer() throws Exception {
		this.client = connect(server, "/");
		this.client.webSocket().sendClose(4000, "client leaves").get(5, TimeUnit.SECONDS);
		assertThat(this.client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4000);
		assertThat(server.serverClose(this.uri)).isEqualTo(new CloseStatus(4000, "client leaves"));
	}

	@Test
	void serverInitiatedCloseReachesTheClientWithCodeAndReason() throws Exception {
		this.client = connect(server, "/close");
		this.client.webSocket().sendText("4001 server says bye", true).get(5, TimeUnit.SECONDS);
		WsTestConnection.Close close = this.client.awaitClose(Duration.ofSeconds(5));
		assertThat(close.code()).isEqualTo(4001);
		assertThat(close.reason()).isEqualTo("server says bye");
		// The JDK client answers the close; the server records its own code.
		this.client.webSocket().sendClose(4001, "");
		assertThat(server.serverClose(this.uri).code()).isEqualTo(4001);
	}

	@Test
	void messageOverTheServerLimitClosesTheClientWith1009() throws Exception {
		WsServerConfig config = TestServers.config()
			.limits((limits) -> limits.maxFrameSize(1000).maxMessageSize(1000))
			.build();
		try (InteropServer limited = new InteropServer(config)) {
			this.client = connect(limited, "/");
			this.client.webSocket().sendBinary(ByteBuffer.wrap(new byte[1001]), true).get(5, TimeUnit.SECONDS);
			assertThat(this.client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(1009);
			assertThat(limited.serverClose(this.uri).code()).isEqualTo(1009);
		}
	}

	/** Connects to the path on a new tag, so the test can ask what the server saw of this client. */
	private WsTestConnection connect(InteropServer server, String path) {
		this.uri = server.uri(path);
		return WsTestConnection.connect(http, this.uri);
	}

}
