package dev.wsboot.engine.internal.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HttpRequestParser}: the upgrade request head, however it is split (RFC 7230 §3).
 */
class HttpRequestParserTests {

	private static final String REQUEST = "GET /chat?room=1 HTTP/1.1\r\n" + "Host: example.com\r\n"
			+ "Upgrade: websocket\r\n" + "Connection: Upgrade\r\n" + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
			+ "Sec-WebSocket-Protocol: chat\r\n" + "Sec-WebSocket-Protocol: superchat\r\n" + "Sec-WebSocket-Version: 13\r\n\r\n";

	private static ByteBuffer ascii(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static void assertIsTheChatRequest(HttpRequest request) {
		assertThat(request).isNotNull();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.target()).isEqualTo("/chat?room=1");
		assertThat(request.path()).isEqualTo("/chat");
		assertThat(request.rawQuery()).isEqualTo("room=1");
		assertThat(request.version()).isEqualTo("HTTP/1.1");
		assertThat(request.header("HOST")).isEqualTo("example.com");
		assertThat(request.headers().get("sec-websocket-protocol")).containsExactly("chat", "superchat");
		assertThat(request.tokens("sec-websocket-protocol")).containsExactly("chat", "superchat");
		assertThat(request.hasToken("connection", "upgrade")).isTrue();
	}

	@Test
	void requestArrivingWholeIsParsed() {
		assertIsTheChatRequest(new HttpRequestParser(8192).parse(ascii(REQUEST)));
	}

	@Test
	void compactedRequestParsesItsHeadersAgainWhenAskedFor() {
		HttpRequest request = new HttpRequestParser(8192).parse(ascii(REQUEST));
		request.compact(request.path());
		assertIsTheChatRequest(request);
	}

	@Test
	void compactedRequestSharesTheServedPathsStringWhenItsTargetIsThatPath() {
		HttpRequest request = new HttpRequestParser(8192).parse(ascii("GET /chat HTTP/1.1\r\nHost: a\r\n\r\n"));
		String servedPath = new String("/chat");
		request.compact(servedPath);
		assertThat(request.target()).isSameAs(servedPath);
		assertThat(request.path()).isSameAs(servedPath);
	}

	@Test
	void compactedRequestKeepsATargetWithAQuery() {
		HttpRequest request = new HttpRequestParser(8192).parse(ascii("GET /chat?room=1 HTTP/1.1\r\nHost: a\r\n\r\n"));
		request.compact("/chat");
		assertThat(request.target()).isEqualTo("/chat?room=1");
		assertThat(request.path()).isEqualTo("/chat");
		assertThat(request.rawQuery()).isEqualTo("room=1");
	}

	@Test
	void requestArrivingOneByteAtATimeIsParsedOnItsLastByte() {
		HttpRequestParser parser = new HttpRequestParser(8192);
		byte[] bytes = REQUEST.getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < bytes.length - 1; i++) {
			assertThat(parser.parse(ByteBuffer.wrap(bytes, i, 1))).as("after byte %d", i).isNull();
		}
		assertIsTheChatRequest(parser.parse(ByteBuffer.wrap(bytes, bytes.length - 1, 1)));
	}

	@Test
	void linesEndingInABareLineFeedAreAccepted() {
		// RFC 7230 §3.5: a recipient may recognize a single LF as a line terminator.
		assertIsTheChatRequest(new HttpRequestParser(8192).parse(ascii(REQUEST.replace("\r\n", "\n"))));
	}

	@Test
	void emptyLineBeforeTheRequestLineIsIgnored() {
		assertIsTheChatRequest(new HttpRequestParser(8192).parse(ascii("\r\n" + REQUEST)));
	}

	@Test
	void bytesAfterTheHeadAreLeftInTheBuffer() {
		ByteBuffer buffer = ascii(REQUEST + "\u0081\u0082frame");
		assertIsTheChatRequest(new HttpRequestParser(8192).parse(buffer));
		assertThat(buffer.remaining()).isEqualTo(7);
		assertThat(buffer.get()).isEqualTo((byte) 0x81);
	}

	@Test
	void headOfExactlyTheLimitIsAccepted() {
		int size = REQUEST.length();
		assertIsTheChatRequest(new HttpRequestParser(size).parse(ascii(REQUEST)));
	}

	@Test
	void headOverTheLimitIsRefusedWith431() {
		int size = REQUEST.length() - 1;
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> new HttpRequestParser(size).parse(ascii(REQUEST)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
	}

	@Test
	void headOverTheLimitArrivingOneByteAtATimeIsRefusedWith431WithoutWaitingForItsEnd() {
		HttpRequestParser parser = new HttpRequestParser(256);
		ByteBuffer endless = ascii("GET / HTTP/1.1\r\nX-Filler: " + "a".repeat(300));
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> {
			while (endless.hasRemaining()) {
				parser.parse(ByteBuffer.wrap(new byte[] { endless.get() }));
			}
		}).satisfies((ex) -> assertThat(ex.status()).isEqualTo(431));
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /\r\nHost: a\r\n\r\n", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "GET / FTP/1.1\r\n\r\n",
			"GET / HTTP/1.1\r\nHost : a\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
			"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "\r\n\r\n" })
	void malformedHeadIsRefusedWith400(String head) {
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> new HttpRequestParser(8192).parse(ascii(head)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

}
