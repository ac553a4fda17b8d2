package dev.wsboot.engine.conformance;

import java.io.IOException;
import java.time.Duration;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Frame;
import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.WsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn 7.x: the close handshake (RFC 6455 §5.5.1, §7): the server answers a close with a
 * close echoing the code, processes nothing after it, and closes TCP first (§7.1.1); bad close
 * bodies fail the connection.
 */
class CloseConformanceTests extends ConformanceTestSupport {

	/** Sends the close, asserts the answer carries the code and the server then closes TCP on its own. */
	private static void assertCloseAnswered(RawClient client, int code) throws IOException {
		Frame answer = client.readClose();
		assertThat(answer.closeCode()).isEqualTo(code);
		assertThat(client.awaitEndOfStream()).as("server closes TCP after the close handshake").isTrue();
	}

	@Test
	void case7_1_1_messageThenCloseIsEchoedThenClosed() throws IOException {
		try (RawClient client = open()) {
			client.sendText("Hello World!");
			client.assertReceivesText("Hello World!");
			client.sendClose(1000, "");
			assertCloseAnswered(client, 1000);
		}
	}

	@Test
	void case7_1_2_secondCloseIsIgnored() throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x88, RawClient.closeBody(1000, "")), RawClient.frame(0x88, RawClient.closeBody(1000, ""))));
			assertCloseAnswered(client, 1000);
		}
	}

	@Test
	void case7_1_3_pingAfterCloseIsNotAnswered() throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x88, RawClient.closeBody(1000, "")), RawClient.frame(0x89, utf8("Hello World!"))));
			assertCloseAnswered(client, 1000);
		}
	}

	@Test
	void case7_1_4_textAfterCloseIsNotEchoed() throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x88, RawClient.closeBody(1000, "")), RawClient.frame(0x81, utf8("Hello World!"))));
			assertCloseAnswered(client, 1000);
		}
	}

	@Test
	void case7_1_5_closeInsideAFragmentedMessageDiscardsTheMessage() throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x01, utf8("fragment1")), RawClient.frame(0x88, RawClient.closeBody(1000, "")),
					RawClient.frame(0x80, utf8("fragment2"))));
			assertCloseAnswered(client, 1000);
		}
	}

	@Test
	void case7_1_6_largeMessageBeforeTheCloseIsEchoedFirst() throws IOException {
		String large = "BAsd7&jh23".repeat(26_214);
		try (RawClient client = open()) {
			client.sendText(large);
			client.assertReceivesText(large);
			client.sendClose(1000, "");
			assertCloseAnswered(client, 1000);
		}
	}

	@Test
	void case7_3_1_closeWithoutBodyIsAnsweredWithoutBody() throws IOException {
		try (RawClient client = open()) {
			client.sendFrame(0x88, new byte[0]);
			Frame answer = client.readClose();
			assertThat(answer.payload()).isEmpty();
			assertThat(client.awaitEndOfStream()).isTrue();
		}
	}

	@Test
	void case7_3_2_closeWithOneByteBodyFailsWith1002() throws IOException {
		try (RawClient client = open()) {
			client.sendFrame(0x88, new byte[] { 0x03 });
			client.assertFailedWith(1002);
		}
	}

	@ParameterizedTest(name = "case {0}: reason of {1} bytes")
	@CsvSource({ "7.3.3, 0", "7.3.4, 12", "7.3.5, 123" })
	void closeWithReasonIsAnsweredWith1000(String caseId, int reasonLength) throws IOException {
		try (RawClient client = open()) {
			client.sendClose(1000, "*".repeat(reasonLength));
			assertCloseAnswered(client, 1000);
		}
	}

	@Test
	void case7_3_6_closeWith126ByteBodyFailsWith1002() throws IOException {
		try (RawClient client = open()) {
			client.sendClose(1000, "*".repeat(124));
			client.assertFailedWith(1002);
		}
	}

	@Test
	void case7_5_1_closeReasonThatIsNotUtf8FailsWith1007() throws IOException {
		try (RawClient client = open()) {
			client.sendFrame(0x88, concat(RawClient.closeBody(1000, ""), new byte[] { (byte) 0xCE, (byte) 0xBA, (byte) 0xE1,
					(byte) 0xBD, (byte) 0xB9, (byte) 0xCF, (byte) 0x83, (byte) 0xCE, (byte) 0xBC, (byte) 0xCE, (byte) 0xB5,
					(byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
			client.assertFailedWith(1007);
		}
	}

	/**
	 * The client's bad close frame is the last thing it sends (§5.5.1), so the server closes the
	 * connection once its 1007 is written instead of lingering for a close that will not come; a
	 * close timeout far longer than the wait shows the difference.
	 */
	@Test
	void case7_5_1_afterABadCloseFrameTheServerClosesTcpWithoutWaitingForTheClient() throws IOException {
		WsServer patient = TestServers
			.echo(TestServers.config().timeouts((timeouts) -> timeouts.closeTimeout(Duration.ofSeconds(60))).build());
		try (RawClient client = RawClient.open(patient.port())) {
			client.sendFrame(0x88, concat(RawClient.closeBody(1000, ""), new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
			assertThat(client.readClose().closeCode()).isEqualTo(1007);
			TestServers.await("the server to close the connection without the client's close", Duration.ofSeconds(5),
					() -> patient.activeConnections() == 0);
		}
		finally {
			patient.stop(Duration.ofSeconds(1));
		}
	}

	@ParameterizedTest(name = "case 7.7.x: code {0} is echoed")
	@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999 })
	void validCloseCodeIsEchoed(int code) throws IOException {
		try (RawClient client = open()) {
			client.sendClose(code, "");
			assertCloseAnswered(client, code);
		}
	}

	@ParameterizedTest(name = "case {0}: code {1} fails with 1002")
	@CsvSource({ "7.9.1, 0", "7.9.1-like, 1", "7.9.2, 999", "7.9.3, 1004", "7.9.4, 1005", "7.9.5, 1006",
			"7.9.9, 1015", "7.9.10, 1016", "7.9.11, 1100", "7.9.12, 2000", "7.9.13, 2999", "7.13.1, 5000",
			"7.13.2, 65535" })
	void closeCodeNotAllowedOnTheWireFailsWith1002(String caseId, int code) throws IOException {
		try (RawClient client = open()) {
			client.sendClose(code, "");
			client.assertFailedWith(1002);
		}
	}

	@Test
	void everyReservedOrOutOfRangeCodeIsRefusedAndEveryRegisteredOneAccepted() throws IOException {
		// Sweeps the code space on one connection per code where the server must fail: boundaries of
		// every range of §7.4.1/§7.4.2 and a stride through them.
		for (int code = 0; code < 65536; code += (code < 1000 || (code > 1020 && code < 2990) || code > 5010) ? 97 : 1) {
			boolean valid = (code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006)
					|| (code >= 3000 && code <= 4999);
			try (RawClient client = open()) {
				client.sendClose(code, "");
				Frame answer = client.readClose();
				assertThat(answer.closeCode()).as("answer to close code %d", code).isEqualTo(valid ? code : 1002);
			}
		}
	}

}
