package dev.wsboot.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text as UTF-8 bytes ({@link WsText}) through real sockets: a handler that takes the bytes gets
 * exactly what the client sent, fragments joined, and relays them as they are; a handler that
 * takes a String still gets the decoded text; invalid UTF-8 never reaches either (RFC 6455 §8.1).
 */
class TextBytesTests {

	private static final String MIXED = "héllo wörld €uro 𝄞 ключ 日本語 ";

	private static final List<WsText> received = new CopyOnWriteArrayList<>();

	private static WsServer server;

	@BeforeAll
	static void startServer() throws IOException {
		server = TestServers.start(WsServer.builder()
			.config(TestServers.config().build())
			.endpoint("/relay", new WsHandler() {
				@Override
				public void onText(WsSession session, WsText text) {
					received.add(text);
					session.sendText(text);
				}
			})
			.endpoint("/string", new WsHandler() {
				@Override
				public void onText(WsSession session, String text) {
					session.sendText(text.length() + ":" + text);
				}
			})
			.endpoint("/broadcast", new WsHandler() {
				@Override
				public void onText(WsSession session, WsText text) {
					server.broadcast(server.sessions("/broadcast"), text);
				}
			}));
	}

	@AfterAll
	static void stopServer() {
		server.stop(Duration.ofSeconds(1));
	}

	@Test
	void aBytesHandlerGetsTheSentBytesAndRelaysThemUnchanged() throws IOException {
		byte[] utf8 = MIXED.repeat(40).getBytes(StandardCharsets.UTF_8);
		received.clear();
		try (RawClient client = RawClient.open(server.port(), "/relay")) {
			client.sendFrame(0x81, utf8);
			RawClient.Frame echo = client.readMessage();
			assertThat(echo.opcode()).isEqualTo(1);
			assertThat(echo.payload()).isEqualTo(utf8);
		}
		assertThat(received).singleElement().satisfies((text) -> {
			assertThat(text.byteLength()).isEqualTo(utf8.length);
			assertThat(text.toString()).isEqualTo(MIXED.repeat(40));
			assertThat(text).isEqualTo(WsText.of(MIXED.repeat(40)));
		});
	}

	@Test
	void fragmentsSplitInsideCharactersAreJoinedIntoOneText() throws IOException {
		byte[] utf8 = MIXED.getBytes(StandardCharsets.UTF_8);
		// "é" is bytes 1-2 and "𝄞" four bytes further on: both split between fragments.
		int first = 2;
		int second = MIXED.substring(0, MIXED.indexOf("𝄞")).getBytes(StandardCharsets.UTF_8).length + 2;
		try (RawClient client = RawClient.open(server.port(), "/relay")) {
			client.send(RawClient.frame(false, 0x1, Arrays.copyOfRange(utf8, 0, first)));
			client.send(RawClient.frame(false, 0x0, Arrays.copyOfRange(utf8, first, second)));
			client.send(RawClient.frame(true, 0x0, Arrays.copyOfRange(utf8, second, utf8.length)));
			assertThat(client.readMessage().payload()).isEqualTo(utf8);
		}
	}

	@Test
	void aStringHandlerStillGetsTheDecodedText() throws IOException {
		try (RawClient client = RawClient.open(server.port(), "/string")) {
			client.sendText(MIXED);
			client.assertReceivesText(MIXED.length() + ":" + MIXED);
		}
	}

	@Test
	void invalidUtf8InALaterFragmentFailsWith1007BeforeTheBytesHandlerSeesIt() throws IOException {
		received.clear();
		try (RawClient client = RawClient.open(server.port(), "/relay")) {
			client.send(RawClient.frame(false, 0x1, "valid so far ".getBytes(StandardCharsets.UTF_8)));
			// ED A0 80 would be U+D800, a surrogate: not UTF-8 (RFC 3629 §3).
			client.send(RawClient.frame(true, 0x0, new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
			assertThat(client.readClose().closeCode()).isEqualTo(1007);
		}
		assertThat(received).isEmpty();
		TestServers.assertServesFreshClient(server, "/relay");
	}

	@Test
	void aStringHandlerGetsFragmentedTextDecodedAndInvalidTextNever() throws IOException {
		byte[] utf8 = MIXED.getBytes(StandardCharsets.UTF_8);
		try (RawClient client = RawClient.open(server.port(), "/string")) {
			client.send(RawClient.frame(false, 0x1, Arrays.copyOfRange(utf8, 0, 2)));
			client.send(RawClient.frame(true, 0x0, Arrays.copyOfRange(utf8, 2, utf8.length)));
			client.assertReceivesText(MIXED.length() + ":" + MIXED);
		}
		// Decoded in one pass when the frame is whole: a U+FFFD the decoder would substitute for
		// the overlong C0 80 must still fail the connection (RFC 6455 §8.1).
		for (byte[] bad : List.of(new byte[] { 'o', 'k', (byte) 0xC0, (byte) 0x80 }, new byte[] { 'o', 'k', (byte) 0xE2, (byte) 0x82 })) {
			try (RawClient client = RawClient.open(server.port(), "/string")) {
				client.sendFrame(0x81, bad);
				assertThat(client.readClose().closeCode()).isEqualTo(1007);
			}
		}
	}

	@Test
	void aStringHandlerGetsAnHonestReplacementCharacter() throws IOException {
		try (RawClient client = RawClient.open(server.port(), "/string")) {
			client.sendText("sent as is: \uFFFD");
			client.assertReceivesText("13:sent as is: \uFFFD");
		}
	}

	@Test
	void aBroadcastTextReachesEverySessionWithTheSameBytes() throws IOException {
		byte[] utf8 = MIXED.getBytes(StandardCharsets.UTF_8);
		try (RawClient one = RawClient.open(server.port(), "/broadcast");
				RawClient two = RawClient.open(server.port(), "/broadcast")) {
			TestServers.await("both sessions open", Duration.ofSeconds(5), () -> server.sessions("/broadcast").size() == 2);
			one.sendFrame(0x81, utf8);
			assertThat(one.readMessage().payload()).isEqualTo(utf8);
			assertThat(two.readMessage().payload()).isEqualTo(utf8);
		}
	}

}
