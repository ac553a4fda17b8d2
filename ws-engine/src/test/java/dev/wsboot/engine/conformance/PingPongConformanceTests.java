package dev.wsboot.engine.conformance;

import java.io.IOException;
import java.util.Arrays;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Frame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn 2.x: pings are answered with pongs carrying the same payload (RFC 6455 §5.5.2),
 * unsolicited pongs are ignored (§5.5.3), and control frames over 125 bytes fail (§5.5).
 */
class PingPongConformanceTests extends ConformanceTestSupport {

	private static void assertPong(RawClient client, byte[] payload) throws IOException {
		Frame pong = client.readFrame();
		assertThat(pong.opcode()).as("opcode of %s", pong).isEqualTo(0xA);
		assertThat(pong.fin()).isTrue();
		assertThat(pong.payload()).isEqualTo(payload);
	}

	@Test
	void case2_1_pingWithoutPayloadIsAnsweredWithAnEmptyPong() throws IOException {
		try (RawClient client = open()) {
			client.sendPing(new byte[0]);
			assertPong(client, new byte[0]);
		}
	}

	@Test
	void case2_2_pingWithTextPayloadIsAnsweredWithTheSamePayload() throws IOException {
		try (RawClient client = open()) {
			client.sendPing(utf8("Hello, world!"));
			assertPong(client, utf8("Hello, world!"));
		}
	}

	@Test
	void case2_3_pingWithBinaryPayloadIsAnsweredWithTheSamePayload() throws IOException {
		byte[] payload = { 0x00, (byte) 0xFF, (byte) 0xFE, (byte) 0xFD, (byte) 0xFC, (byte) 0xFB, 0x00, (byte) 0xFF };
		try (RawClient client = open()) {
			client.sendPing(payload);
			assertPong(client, payload);
		}
	}

	@Test
	void case2_4_pingWith125BytesIsAnswered() throws IOException {
		byte[] payload = new byte[125];
		Arrays.fill(payload, (byte) 0xFE);
		try (RawClient client = open()) {
			client.sendPing(payload);
			assertPong(client, payload);
		}
	}

	@Test
	void case2_5_pingWith126BytesFailsTheConnectionWith1002() throws IOException {
		try (RawClient client = open()) {
			client.sendPing(new byte[126]);
			client.assertFailedWith(1002);
		}
	}

	@Test
	void case2_6_pingWith125BytesSentInOneByteChopsIsAnswered() throws IOException {
		byte[] payload = new byte[125];
		Arrays.fill(payload, (byte) 0xFE);
		try (RawClient client = open()) {
			client.sendOneByteAtATime(RawClient.frame(0x89, payload));
			assertPong(client, payload);
		}
	}

	@Test
	void case2_7_to_2_9_unsolicitedPongsAreIgnored() throws IOException {
		try (RawClient client = open()) {
			client.sendFrame(0x8A, new byte[0]);
			client.sendFrame(0x8A, utf8("unsolicited pong payload"));
			client.sendPing(utf8("ping payload"));
			assertPong(client, utf8("ping payload"));
		}
	}

	@Test
	void case2_10_tenPingsAreAnsweredInOrder() throws IOException {
		try (RawClient client = open()) {
			for (int i = 0; i < 10; i++) {
				client.sendPing(utf8("payload-" + i));
			}
			for (int i = 0; i < 10; i++) {
				assertPong(client, utf8("payload-" + i));
			}
		}
	}

	@Test
	void case2_11_tenPingsSentInOneByteChopsAreAnsweredInOrder() throws IOException {
		try (RawClient client = open()) {
			for (int i = 0; i < 10; i++) {
				client.sendOneByteAtATime(RawClient.frame(0x89, utf8("payload-" + i)));
			}
			for (int i = 0; i < 10; i++) {
				assertPong(client, utf8("payload-" + i));
			}
		}
	}

	@Test
	void case5_1_fragmentedPingFailsTheConnectionWith1002() throws IOException {
		// RFC 6455 §5.5: control frames must not be fragmented.
		try (RawClient client = open()) {
			client.sendFrame(0x09, utf8("frag"));
			client.sendFrame(0x80, utf8("ment"));
			client.assertFailedWith(1002);
		}
	}

	@Test
	void case5_2_fragmentedPongFailsTheConnectionWith1002() throws IOException {
		try (RawClient client = open()) {
			client.sendFrame(0x0A, utf8("frag"));
			client.sendFrame(0x80, utf8("ment"));
			client.assertFailedWith(1002);
		}
	}

}
