package dev.wsboot.engine.conformance;

import java.io.IOException;

import dev.wsboot.engine.support.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message that arrives in the same read as a protocol violation or the client's close frame is
 * still answered before the server's close frame, with handlers on the executor: the strict
 * outcome of Autobahn 4.1.4, 4.2.3 and 4.2.4 (RFC 6455 §5.5.1 lets the close wait for the current
 * message). Everything is sent in one write, so the server usually reads the violation before the
 * handler has replied; an engine that queues its close first fails these tests often, not always.
 */
class CloseOrderingConformanceTests extends ConformanceTestSupport {

	@ParameterizedTest(name = "case {0}: opcode {1}")
	@CsvSource({ "4.1.4, 6", "4.2.3, 13", "4.2.4, 14" })
	void messageBeforeAViolationInTheSameReadIsEchoedBeforeTheClose(String caseId, int opcode) throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x81, utf8("Hello, world!")), RawClient.frame(0x80 | opcode, utf8("x")),
					RawClient.frame(0x89, utf8("after"))));
			client.assertReceivesText("Hello, world!");
			client.assertFailedWith(1002);
		}
	}

	@ParameterizedTest(name = "case {0}")
	@CsvSource({ "7.1.6" })
	void messageBeforeTheClientsCloseInTheSameReadIsEchoedBeforeTheCloseReply(String caseId) throws IOException {
		try (RawClient client = open()) {
			client.send(concat(RawClient.frame(0x81, utf8("Hello World!")),
					RawClient.frame(0x88, RawClient.closeBody(1000, ""))));
			client.assertReceivesText("Hello World!");
			RawClient.Frame close = client.readClose();
			assertThat(close.closeCode()).isEqualTo(1000);
			assertThat(client.awaitEndOfStream()).isTrue();
		}
	}

}
