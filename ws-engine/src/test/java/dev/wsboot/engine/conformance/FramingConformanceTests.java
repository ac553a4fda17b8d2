package dev.wsboot.engine.conformance;

import java.io.IOException;
import java.util.Random;
import java.util.stream.Stream;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn 1.x: text and binary messages of every length encoding are echoed, however the client
 * splits them; plus RFC 6455 §5.1 (a client frame must be masked).
 */
class FramingConformanceTests extends ConformanceTestSupport {

	static Stream<Arguments> lengths() {
		return Stream.of(Arguments.of("1", 0), Arguments.of("2", 125), Arguments.of("3", 126), Arguments.of("4", 127),
				Arguments.of("5", 128), Arguments.of("6", 65535), Arguments.of("7", 65536));
	}

	@ParameterizedTest(name = "case 1.1.{0}: text of {1} bytes")
	@MethodSource("lengths")
	void textMessageIsEchoed(String caseId, int length) throws IOException {
		String text = "*".repeat(length);
		try (RawClient client = open()) {
			client.sendText(text);
			Frame echo = client.readFrame();
			assertThat(echo.fin()).isTrue();
			assertThat(echo.rsv()).isZero();
			assertThat(echo.opcode()).isEqualTo(1);
			assertThat(echo.text()).isEqualTo(text);
			client.sendClose(1000, "");
			assertThat(client.readClose().closeCode()).isEqualTo(1000);
		}
	}

	@ParameterizedTest(name = "case 1.2.{0}: binary of {1} bytes")
	@MethodSource("lengths")
	void binaryMessageIsEchoed(String caseId, int length) throws IOException {
		byte[] data = new byte[length];
		new Random(length).nextBytes(data);
		try (RawClient client = open()) {
			client.sendBinary(data);
			Frame echo = client.readFrame();
			assertThat(echo.opcode()).isEqualTo(2);
			assertThat(echo.payload()).isEqualTo(data);
		}
	}

	@Test
	void case1_1_8_textOf65536BytesSentInChopsOf997BytesIsEchoed() throws IOException {
		String text = "*".repeat(65536);
		try (RawClient client = open()) {
			client.sendInChops(RawClient.frame(0x81, utf8(text)), 997);
			client.assertReceivesText(text);
		}
	}

	@Test
	void case1_2_8_binaryOf65536BytesSentInChopsOf997BytesIsEchoed() throws IOException {
		byte[] data = new byte[65536];
		new Random(8).nextBytes(data);
		try (RawClient client = open()) {
			client.sendInChops(RawClient.frame(0x82, data), 997);
			assertThat(client.readFrame().payload()).isEqualTo(data);
		}
	}

	@Test
	void framesSentOneByteAtATimeAreEchoed() throws IOException {
		try (RawClient client = open()) {
			client.sendOneByteAtATime(RawClient.frame(0x81, utf8("byte by byte")));
			client.assertReceivesText("byte by byte");
		}
	}

	@Test
	void manyFramesInOneWriteAreEchoedInOrder() throws IOException {
		try (RawClient client = open()) {
			java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
			for (int i = 0; i < 100; i++) {
				burst.writeBytes(RawClient.frame(0x81, utf8("message " + i)));
			}
			client.send(burst.toByteArray());
			for (int i = 0; i < 100; i++) {
				client.assertReceivesText("message " + i);
			}
		}
	}

	@Test
	void unmaskedClientFrameFailsTheConnectionWith1002() throws IOException {
		// RFC 6455 §5.1: "a server MUST close the connection upon receiving a frame that is not masked".
		try (RawClient client = open()) {
			client.send(RawClient.frame(0x81, utf8("naked"), false, -1));
			client.assertFailedWith(1002);
		}
	}

	@Test
	void nonMinimalLengthEncodingFailsTheConnectionWith1002() throws IOException {
		// RFC 6455 §5.2: the minimal number of bytes must encode the length.
		try (RawClient client = open()) {
			client.send(RawClient.frame(0x81, utf8("short"), true, 8));
			client.assertFailedWith(1002);
		}
	}

}
