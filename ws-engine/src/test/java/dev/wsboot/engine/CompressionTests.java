package dev.wsboot.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.wsboot.engine.WsServerConfig.HandlerExecution;
import dev.wsboot.engine.internal.protocol.Deflate;
import dev.wsboot.engine.support.RawClient.Frame;
import dev.wsboot.engine.support.RawClient.Response;
import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * permessage-deflate on real sockets with a hand-written client: what the 101 answers to offers,
 * the RSV1 rules of RFC 7692 §6, compressed echoes, the minimum size, and broadcasts that compress
 * once for every client without server context takeover.
 */
class CompressionTests {

	private static final int RSV1 = 0x40;

	private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate";

	private final List<WsSession> sessions = new CopyOnWriteArrayList<>();

	private WsServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(Duration.ofSeconds(1));
		}
	}

	private WsServer start(WsServerConfig.Builder config) throws IOException {
		WsHandler handler = new EchoHandler() {
			@Override
			public void onOpen(WsSession session) {
				CompressionTests.this.sessions.add(session);
			}
		};
		this.server = TestServers.start(WsServer.builder()
			.config(config.handlers((handlers) -> handlers.execution(HandlerExecution.IO_THREAD)).build())
			.endpoint("/", handler));
		return this.server;
	}

	private WsServer startCompressing(boolean contextTakeover) throws IOException {
		return start(TestServers.config()
			.compression((compression) -> compression.enabled(true).contextTakeover(contextTakeover)));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void compressionIsOffByDefaultAndTheOfferIsIgnored() throws IOException {
		start(TestServers.config());
		try (RawClient client = RawClient.connect(this.server.port())) {
			Response response = client.upgrade("/", OFFER);
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-extensions")).isNull();
			client.sendFrame(0x80 | RSV1 | 0x1, Deflate.compress(utf8("not agreed")));
			client.assertFailedWith(1002);
		}
	}

	@Test
	void offerIsAcceptedWithNoContextTakeoverByDefault() throws IOException {
		start(TestServers.config().compression((compression) -> compression.enabled(true)));
		try (RawClient client = RawClient.connect(this.server.port())) {
			Response response = client.upgrade("/", OFFER + "; client_max_window_bits");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-extensions"))
				.isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
		}
	}

	@Test
	void invalidOfferIsDeclinedAndTheNextOneAccepted() throws IOException {
		startCompressing(true);
		try (RawClient client = RawClient.connect(this.server.port())) {
			Response response = client.upgrade("/",
					"Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=10, permessage-deflate; x=1",
					"Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=15");
			assertThat(response.header("sec-websocket-extensions")).isEqualTo("permessage-deflate; server_max_window_bits=15");
		}
	}

	@Test
	void everyOfferInvalidMeansA101WithoutExtensionAndRsv1StaysAnError() throws IOException {
		startCompressing(true);
		try (RawClient client = RawClient.connect(this.server.port())) {
			Response response = client.upgrade("/", OFFER + "; server_no_context_takeover=1; =\"");
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.header("sec-websocket-extensions")).isNull();
			client.sendFrame(0x80 | RSV1 | 0x2, Deflate.compress(new byte[10]));
			client.assertFailedWith(1002);
		}
		TestServers.assertServesFreshClient(this.server);
	}

	@Test
	void compressedTextIsEchoedCompressedWithContextTakeover() throws IOException {
		startCompressing(true);
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		Inflater inflater = new Inflater(true);
		try (RawClient client = RawClient.open(this.server.port(), "/", OFFER)) {
			String text = "echo me, compressed, twice ".repeat(20);
			for (int i = 0; i < 2; i++) {
				client.sendFrame(0x80 | RSV1 | 0x1, Deflate.compress(deflater, utf8(text)));
				Frame echo = client.readFrame();
				assertThat(echo.rsv()).as("RSV1 on the echo").isEqualTo(4);
				assertThat(new String(Deflate.decompress(inflater, echo.payload()), StandardCharsets.UTF_8)).isEqualTo(text);
			}
		}
		finally {
			deflater.end();
			inflater.end();
		}
	}

	@Test
	void messagesBelowTheMinimumSizeAreSentUncompressed() throws IOException {
		start(TestServers.config().compression((compression) -> compression.enabled(true).minSize(100)));
		try (RawClient client = RawClient.open(this.server.port(), "/", OFFER)) {
			client.sendFrame(0x80 | RSV1 | 0x1, Deflate.compress(utf8("x".repeat(99))));
			Frame small = client.readFrame();
			assertThat(small.rsv()).isZero();
			assertThat(small.text()).isEqualTo("x".repeat(99));
			client.sendText("y".repeat(100));
			Frame large = client.readFrame();
			assertThat(large.rsv()).isEqualTo(4);
			assertThat(Deflate.decompress(large.payload())).isEqualTo(utf8("y".repeat(100)));
		}
	}

	@Test
	void compressionLevelReachesTheDeflater() throws IOException {
		// Words drawn from a small vocabulary: compressible, but not so repetitive that every level
		// finds the same matches.
		Random random = new Random(7);
		String[] words = { "socket", "frame", "mask", "deflate", "window", "ping", "pong", "close", "text", "binary",
				"handshake", "origin", "upgrade", "extension", "payload", "opcode" };
		StringBuilder text = new StringBuilder();
		while (text.length() < 16 * 1024) {
			text.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
		}
		byte[] message = utf8(text.toString());
		int[] sizes = new int[2];
		int[] levels = { 1, 9 };
		for (int i = 0; i < levels.length; i++) {
			int level = levels[i];
			start(TestServers.config().compression((compression) -> compression.enabled(true).level(level)));
			try (RawClient client = RawClient.open(this.server.port(), "/", OFFER)) {
				client.sendFrame(0x80 | RSV1 | 0x1, Deflate.compress(message));
				Frame reply = client.readFrame();
				assertThat(reply.rsv()).isEqualTo(4);
				assertThat(Deflate.decompress(reply.payload())).isEqualTo(message);
				sizes[i] = reply.payload().length;
			}
			this.server.stop(Duration.ofSeconds(1));
			this.server = null;
		}
		assertThat(sizes[1]).as("compressed size at level 9 against level 1").isLessThan(sizes[0]);
	}

	@Test
	void compressionLevelOutsideOneToNineIsRefusedNamingTheSetting() {
		for (int level : new int[] { 0, 10 }) {
			assertThatThrownBy(() -> TestServers.config().compression((compression) -> compression.level(level)).build())
				.isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("compressionLevel")
				.hasMessageContaining(Integer.toString(level));
		}
	}

	@Test
	void rsv1OnAContinuationFrameFailsWith1002() throws IOException {
		startCompressing(false);
		byte[] compressed = Deflate.compress(utf8("two fragments, both marked"));
		try (RawClient client = RawClient.open(this.server.port(), "/", OFFER)) {
			client.sendFrame(RSV1 | 0x1, java.util.Arrays.copyOf(compressed, 5));
			client.sendFrame(0x80 | RSV1, java.util.Arrays.copyOfRange(compressed, 5, compressed.length));
			client.assertFailedWith(1002);
		}
		TestServers.assertServesFreshClient(this.server);
	}

	@Test
	void rsv1OnAPingFailsWith1002() throws IOException {
		startCompressing(false);
		try (RawClient client = RawClient.open(this.server.port(), "/", OFFER)) {
			client.sendFrame(0x80 | RSV1 | 0x9, new byte[0]);
			client.assertFailedWith(1002);
		}
	}

	@Test
	void zipBombClosesWith1009() throws IOException {
		start(TestServers.config()
			.compression((compression) -> compression.enabled(true))
			.limits((limits) -> limits.maxMessageSize(1024 * 1024).maxFrameSize(1024 * 1024)));
		try (RawClient client = RawClient.open(this.server.port(), "/", OFFER)) {
			client.sendFrame(0x80 | RSV1 | 0x2, Deflate.compress(new byte[100 * 1024 * 1024]));
			client.assertFailedWith(1009);
		}
		TestServers.assertServesFreshClient(this.server);
	}

	@Test
	void compressedInvalidUtf8ClosesWith1007() throws IOException {
		startCompressing(false);
		try (RawClient client = RawClient.open(this.server.port(), "/", OFFER)) {
			client.sendFrame(0x80 | RSV1 | 0x1, Deflate.compress(new byte[] { 'o', 'k', (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
			client.assertFailedWith(1007);
		}
	}

	@Test
	void broadcastCompressesOnceForEveryClientWithoutServerContextTakeover() throws IOException {
		startCompressing(true);
		List<RawClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				clients.add(RawClient.open(this.server.port(), "/", OFFER + "; server_no_context_takeover"));
			}
			RawClient withContext = RawClient.open(this.server.port(), "/", OFFER);
			RawClient plain = RawClient.open(this.server.port(), "/");
			TestServers.await("22 sessions", Duration.ofSeconds(5), () -> this.sessions.size() == 22);
			String news = "breaking news for everyone ".repeat(30);
			long loansBefore = this.server.zlib().deflaterLoans();
			assertThat(this.server.broadcast(this.sessions, news)).isEqualTo(22);
			// One Deflater lent for the frame the 20 clients share, one taken for good by the client
			// with context takeover for its first compressed message.
			assertThat(this.server.zlib().deflaterLoans() - loansBefore)
				.as("compressed once for the 20 clients without server context takeover").isEqualTo(2);
			byte[] first = null;
			for (RawClient client : clients) {
				Frame frame = client.readFrame();
				assertThat(frame.rsv()).isEqualTo(4);
				first = (first != null) ? first : frame.payload();
				assertThat(frame.payload()).isEqualTo(first);
			}
			assertThat(Deflate.decompress(first)).isEqualTo(utf8(news));
			Frame own = withContext.readFrame();
			assertThat(own.rsv()).isEqualTo(4);
			assertThat(Deflate.decompress(own.payload())).isEqualTo(utf8(news));
			Frame uncompressed = plain.readFrame();
			assertThat(uncompressed.rsv()).isZero();
			assertThat(uncompressed.text()).isEqualTo(news);
			clients.add(withContext);
			clients.add(plain);
		}
		finally {
			for (RawClient client : clients) {
				client.close();
			}
		}
	}

}
