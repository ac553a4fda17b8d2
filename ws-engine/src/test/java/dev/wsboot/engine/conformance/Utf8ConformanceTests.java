package dev.wsboot.engine.conformance;

import java.io.IOException;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.internal.protocol.Utf8Cases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn 6.x: valid UTF-8 text is echoed, invalid text fails the connection with 1007
 * (RFC 6455 §8.1), in one frame or split into fragments at every byte position, and the failure
 * comes as soon as the bad byte arrives (fail fast, 6.4.x).
 */
class Utf8ConformanceTests extends ConformanceTestSupport {

	static Stream<Arguments> sequences() {
		return Utf8Cases.sequences();
	}

	@ParameterizedTest(name = "case {0}")
	@MethodSource("sequences")
	void textInOneFrameIsEchoedIfValidAndFailsWith1007IfNot(String caseId, String hex) throws IOException {
		byte[] data = Utf8Cases.hex(hex);
		try (RawClient client = open()) {
			client.sendFrame(0x81, data);
			assertEchoedOrFailed(client, data);
		}
	}

	@ParameterizedTest(name = "case {0}, split into two fragments at every byte")
	@MethodSource("sequences")
	void textSplitIntoTwoFragmentsAtEveryPositionGetsTheSameVerdict(String caseId, String hex) throws IOException {
		byte[] data = Utf8Cases.hex(hex);
		boolean valid = Utf8Cases.isValid(data);
		RawClient client = null;
		try {
			for (int at = 0; at <= data.length; at++) {
				if (client == null) {
					client = open();
				}
				client.send(concat(RawClient.frame(0x01, Arrays.copyOfRange(data, 0, at)),
						RawClient.frame(0x80, Arrays.copyOfRange(data, at, data.length))));
				assertEchoedOrFailed(client, data);
				if (!valid) {
					client.close();
					client = null;
				}
			}
		}
		finally {
			if (client != null) {
				client.close();
			}
		}
	}

	@ParameterizedTest(name = "case 6.2.3/6.2.4-like: {0} sent one byte at a time")
	@MethodSource("sequences")
	void textSentOneByteAtATimeGetsTheSameVerdict(String caseId, String hex) throws IOException {
		byte[] data = Utf8Cases.hex(hex);
		try (RawClient client = open()) {
			client.sendOneByteAtATime(RawClient.frame(0x81, data));
			assertEchoedOrFailed(client, data);
		}
	}

	private static void assertEchoedOrFailed(RawClient client, byte[] data) throws IOException {
		if (Utf8Cases.isValid(data)) {
			RawClient.Frame echo = client.readMessage();
			assertThat(echo.opcode()).isEqualTo(1);
			assertThat(echo.payload()).isEqualTo(data);
		}
		else {
			client.assertFailedWith(1007);
		}
	}

	@Test
	void case6_4_1_invalidSequenceInsideAFrameFailsBeforeTheRestOfTheFrameArrives() throws IOException {
		// κόσμε, then F4 90 (above U+10FFFF), of a frame announced as 100 bytes of which 88 never come.
		byte[] kosme = Utf8Cases.hex("cebae1bdb9cf83cebcceb5");
		try (RawClient client = open()) {
			client.send(RawClient.headerWithZeroMask(0x81, 100));
			client.send(kosme);
			client.send(new byte[] { (byte) 0xF4, (byte) 0x90 });
			client.assertFailedWith(1007);
		}
	}

	@Test
	void case6_4_2_invalidSecondByteFailsAsSoonAsItArrives() throws IOException {
		try (RawClient client = open()) {
			client.send(RawClient.headerWithZeroMask(0x81, 100));
			client.send(Utf8Cases.hex("cebae1bdb9cf83cebcceb5f4"));
			client.send(new byte[] { (byte) 0x90 });
			client.assertFailedWith(1007);
		}
	}

	@Test
	void case6_4_3_invalidSequenceInALaterFragmentFailsBeforeThatFragmentIsComplete() throws IOException {
		try (RawClient client = open()) {
			client.sendFrame(0x01, Utf8Cases.hex("cebae1bdb9cf83cebcceb5"));
			client.send(RawClient.headerWithZeroMask(0x80, 50));
			client.send(new byte[] { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 });
			client.assertFailedWith(1007);
		}
	}

	@Test
	void case6_4_4_invalidByteFailsTheMessageWhileItsLengthIsStillLarge() throws IOException {
		try (RawClient client = open()) {
			client.send(RawClient.headerWithZeroMask(0x81, 1_000_000));
			client.send(utf8("x".repeat(1000)));
			client.send(new byte[] { (byte) 0xC0 });
			client.assertFailedWith(1007);
		}
	}

}
