package dev.wsboot.engine.conformance;

import java.io.IOException;

import dev.wsboot.engine.support.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Autobahn 4.x: reserved opcodes, data (0x3-0x7) and control (0xB-0xF), fail the connection with
 * 1002 (RFC 6455 §5.2), with or without payload; a message before them is echoed and a ping after
 * them is not answered.
 */
class OpcodeConformanceTests extends ConformanceTestSupport {

	@ParameterizedTest(name = "case {0}: opcode {1}, payload {2}")
	@CsvSource({ "4.1.1, 3, ''", "4.1.2, 4, reserved", "4.1.3, 5, ''", "4.1.4, 6, reserved", "4.1.5, 7, reserved",
			"4.2.1, 11, ''", "4.2.2, 12, reserved", "4.2.3, 13, ''", "4.2.4, 14, reserved", "4.2.5, 15, reserved" })
	void reservedOpcodeFailsTheConnectionWith1002(String caseId, int opcode, String payload) throws IOException {
		try (RawClient client = open()) {
			client.sendText("before");
			client.assertReceivesText("before");
			client.send(concat(RawClient.frame(0x80 | opcode, utf8(payload)), RawClient.frame(0x89, utf8("after"))));
			client.assertFailedWith(1002);
		}
	}

}
