package dev.wsboot.engine.conformance;

import java.io.IOException;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn 5.x: fragmented messages are joined (RFC 6455 §5.4), control frames may come between
 * fragments, and a continuation with nothing to continue or a new data frame inside a fragmented
 * message fails the connection with 1002.
 */
class FragmentationConformanceTests extends ConformanceTestSupport {

	private static byte[] twoFragments(int firstOpcode) {
		return concat(RawClient.frame(firstOpcode, utf8("fragment1")), RawClient.frame(0x80, utf8("fragment2")));
	}

	/** How the bytes are written: whole, in chops of 3 bytes, or one byte at a time. */
	private static void send(RawClient client, byte[] bytes, String how) throws IOException {
		switch (how) {
			case "whole" -> client.send(bytes);
			case "chopped" -> client.sendInChops(bytes, 3);
			default -> client.sendOneByteAtATime(bytes);
		}
	}

	@ParameterizedTest(name = "case {0}: text in two fragments sent {1}")
	@CsvSource({ "5.3, whole", "5.4, chopped", "5.5, bytewise" })
	void textInTwoFragmentsIsEchoedAsOneMessage(String caseId, String how) throws IOException {
		try (RawClient client = open()) {
			send(client, twoFragments(0x01), how);
			client.assertReceivesText("fragment1fragment2");
		}
	}

	@ParameterizedTest(name = "case {0}: ping between fragments sent {1}")
	@CsvSource({ "5.6, whole", "5.7, chopped", "5.8, bytewise" })
	void pingBetweenFragmentsIsAnsweredAndTheMessageStillJoined(String caseId, String how) throws IOException {
		try (RawClient client = open()) {
			send(client, concat(RawClient.frame(0x01, utf8("fragment1")), RawClient.frame(0x89, utf8("pongme!")),
					RawClient.frame(0x80, utf8("fragment2"))), how);
			Frame pong = client.readFrame();
			assertThat(pong.opcode()).isEqualTo(0xA);
			assertThat(pong.text()).isEqualTo("pongme!");
			client.assertReceivesText("fragment1fragment2");
		}
	}

	@ParameterizedTest(name = "case {0}: continuation with FIN={1} and nothing to continue, sent {2}")
	@CsvSource({ "5.9, true, whole", "5.10, true, chopped", "5.11, true, bytewise", "5.12, false, whole",
			"5.13, false, chopped", "5.14, false, bytewise" })
	void continuationWithNothingToContinueFailsWith1002(String caseId, boolean fin, String how) throws IOException {
		try (RawClient client = open()) {
			send(client, RawClient.frame((fin ? 0x80 : 0x00), utf8("non-continuation payload")), how);
			client.assertFailedWith(1002);
		}
	}

	@Test
	void case5_15_continuationAfterACompletedFragmentedMessageFailsWith1002() throws IOException {
		try (RawClient client = open()) {
			client.send(twoFragments(0x01));
			client.assertReceivesText("fragment1fragment2");
			client.send(concat(RawClient.frame(0x00, utf8("fragment3")), RawClient.frame(0x80, utf8("fragment4"))));
			client.assertFailedWith(1002);
		}
	}

	@Test
	void case5_18_textFrameInsideAFragmentedTextMessageFailsWith1002() throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x01, utf8("fragment1")), RawClient.frame(0x81, utf8("fragment2"))));
			client.assertFailedWith(1002);
		}
	}

	@Test
	void binaryFrameInsideAFragmentedTextMessageFailsWith1002() throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x01, utf8("fragment1")), RawClient.frame(0x02, utf8("fragment2"))));
			client.assertFailedWith(1002);
		}
	}

	@ParameterizedTest(name = "case {0}: five fragments with pings between, sent {1}")
	@CsvSource({ "5.19, whole", "5.20, chopped" })
	void fragmentsInterleavedWithPingsAreJoined(String caseId, String how) throws IOException {
		try (RawClient client = open()) {
			send(client, concat(RawClient.frame(0x01, utf8("f1,")), RawClient.frame(0x00, utf8("f2,")),
					RawClient.frame(0x89, utf8("p1")), RawClient.frame(0x00, utf8("f3,")), RawClient.frame(0x00, utf8("f4,")),
					RawClient.frame(0x89, utf8("p2")), RawClient.frame(0x80, utf8("f5"))), how);
			assertThat(client.readFrame().text()).isEqualTo("p1");
			assertThat(client.readFrame().text()).isEqualTo("p2");
			client.assertReceivesText("f1,f2,f3,f4,f5");
		}
	}

	@Test
	void fragmentedBinaryMessageWithEmptyFragmentsIsEchoed() throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x02, new byte[0]), RawClient.frame(0x00, new byte[] { 1, 2 }),
					RawClient.frame(0x00, new byte[0]), RawClient.frame(0x80, new byte[] { 3 })));
			Frame echo = client.readFrame();
			assertThat(echo.opcode()).isEqualTo(2);
			assertThat(echo.payload()).containsExactly(1, 2, 3);
		}
	}

}
