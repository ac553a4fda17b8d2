package dev.wsboot.engine.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Handshake}: the server's side of RFC 6455 §4.2.
 */
class HandshakeTests {

	private static final String VALID = "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
			+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

	private static HttpRequest parse(String head) {
		return new HttpRequestParser(8192).parse(java.nio.ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)));
	}

	@Test
	void acceptValueIsTheOneOfRfc6455Section1Point3() {
		assertThat(Handshake.acceptValue("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void validUpgradeYieldsItsKey() {
		assertThat(Handshake.validateUpgrade(parse(VALID))).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	@Test
	void headerTokensMatchIgnoringCaseAndListPosition() {
		String request = VALID.replace("Upgrade: websocket", "Upgrade: WebSocket")
			.replace("Connection: Upgrade", "Connection: keep-alive, upgrade");
		assertThat(Handshake.validateUpgrade(parse(request))).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
	}

	static Stream<Arguments> invalidUpgrades() {
		return Stream.of(Arguments.of("no Upgrade header", "Upgrade: websocket\r\n", "", 426),
				Arguments.of("POST", "GET /", "POST /", 405), Arguments.of("HTTP/1.0", "HTTP/1.1", "HTTP/1.0", 400),
				Arguments.of("no Host", "Host: h\r\n", "", 400),
				Arguments.of("no Connection upgrade", "Connection: Upgrade", "Connection: keep-alive", 400),
				Arguments.of("version 8", "Version: 13", "Version: 8", 426),
				Arguments.of("no version", "Sec-WebSocket-Version: 13\r\n", "", 426),
				Arguments.of("key not base64", "dGhlIHNhbXBsZSBub25jZQ==", "!!!!!!!!!!!!!!!!!!!!!!==", 400),
				Arguments.of("key of 15 bytes", "dGhlIHNhbXBsZSBub25jZQ==", "dGhlIHNhbXBsZSBub25jZA=", 400),
				Arguments.of("no key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "", 400));
	}

	@ParameterizedTest(name = "{0} -> {3}")
	@MethodSource("invalidUpgrades")
	void invalidUpgradeIsRefusedWithTheStatusThatSaysWhy(String description, String replaced, String replacement, int status) {
		String request = VALID.replace(replaced, replacement);
		assertThat(request).isNotEqualTo(VALID);
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> Handshake.validateUpgrade(parse(request)))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(status));
	}

	@Test
	void wrongVersionIsAnsweredWithTheVersionWeSpeak() {
		String request = VALID.replace("Version: 13", "Version: 8");
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> Handshake.validateUpgrade(parse(request)))
			.satisfies((ex) -> assertThat(ex.headers()).containsEntry("Sec-WebSocket-Version", "13"));
	}

	@Test
	void switchingProtocolsCarriesTheAcceptValueAndSubprotocol() {
		String response = new String(Handshake.switchingProtocols("dGhlIHNhbXBsZSBub25jZQ==", "chat", null),
				StandardCharsets.ISO_8859_1);
		assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
			.contains("\r\nUpgrade: websocket\r\n", "\r\nConnection: Upgrade\r\n",
					"\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", "\r\nSec-WebSocket-Protocol: chat\r\n")
			.endsWith("\r\n\r\n");
	}

	@Test
	void refusalHeaderValuesCannotSplitTheResponse() {
		String response = new String(Handshake.rejection(403, "no", Map.of("X-Reason", "a\r\nSet-Cookie: x=1")),
				StandardCharsets.UTF_8);
		assertThat(response).startsWith("HTTP/1.1 403 Forbidden\r\n").doesNotContain("\r\nSet-Cookie");
	}

}
