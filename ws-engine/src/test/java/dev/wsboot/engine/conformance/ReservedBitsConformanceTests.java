package dev.wsboot.engine.conformance;

import java.io.IOException;
import java.util.stream.Stream;

import dev.wsboot.engine.support.RawClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autobahn 3.x: a frame with reserved bits set, when no extension defines them, fails the
 * connection with 1002 (RFC 6455 §5.2), whatever its opcode; messages before it are still echoed
 * and nothing after it is answered.
 */
class ReservedBitsConformanceTests extends ConformanceTestSupport {

	static Stream<Arguments> cases() {
		return Stream.of(Arguments.of("3.1", 1, 0x1, utf8("Hello, world!")), Arguments.of("3.2", 2, 0x1, utf8("Hello, world!")),
				Arguments.of("3.3", 3, 0x1, utf8("Hello, world!")), Arguments.of("3.4", 4, 0x1, utf8("Hello, world!")),
				Arguments.of("3.5", 5, 0x2, new byte[] { 0, 1, 2, (byte) 0xFF }), Arguments.of("3.6", 6, 0x9, utf8("ping")),
				Arguments.of("3.7", 7, 0x8, RawClient.closeBody(1000, "")));
	}

	@ParameterizedTest(name = "case {0}: RSV {1} on opcode {2}")
	@MethodSource("cases")
	void frameWithReservedBitsFailsTheConnectionWith1002(String caseId, int rsv, int opcode, byte[] payload)
			throws IOException {
		try (RawClient client = open()) {
			client.sendText("before");
			client.assertReceivesText("before");
			client.send(concat(RawClient.frame(0x80 | (rsv << 4) | opcode, payload), RawClient.frame(0x89, utf8("after"))));
			// The ping after the bad frame gets no pong: the next frame is the close.
			client.assertFailedWith(1002);
		}
	}

}
