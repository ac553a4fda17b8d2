package dev.wsboot.engine.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import dev.wsboot.engine.support.RawClient;
import dev.wsboot.engine.support.RawClient.Frame;
import dev.wsboot.engine.support.TestServers;
import dev.wsboot.engine.WsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autobahn 9.x: large messages, up to 16 MiB, in one frame, in many frames, and in many small
 * writes; and the frame and message limits, which close with 1009 (RFC 6455 §7.4.1).
 */
class LargeMessageConformanceTests extends ConformanceTestSupport {

	private static final int MIB = 1024 * 1024;

	private static byte[] randomBytes(int size) {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		return data;
	}

	@ParameterizedTest(name = "case {0}: text of {1} bytes")
	@CsvSource({ "9.1.1, 65536", "9.1.2, 262144", "9.1.3, 1048576", "9.1.4, 4194304", "9.1.5, 8388608", "9.1.6, 16777216" })
	void largeTextMessageIsEchoed(String caseId, int size) throws IOException {
		byte[] text = new byte[size];
		Arrays.fill(text, (byte) '*');
		try (RawClient client = open()) {
			client.sendFrame(0x81, text);
			Frame echo = client.readMessage();
			assertThat(echo.opcode()).isEqualTo(1);
			assertThat(echo.payload()).isEqualTo(text);
		}
	}

	@ParameterizedTest(name = "case {0}: binary of {1} bytes")
	@CsvSource({ "9.2.1, 65536", "9.2.2, 262144", "9.2.3, 1048576", "9.2.4, 4194304", "9.2.5, 8388608", "9.2.6, 16777216" })
	void largeBinaryMessageIsEchoed(String caseId, int size) throws IOException {
		byte[] data = randomBytes(size);
		try (RawClient client = open()) {
			client.sendFrame(0x82, data);
			Frame echo = client.readMessage();
			assertThat(echo.opcode()).isEqualTo(2);
			assertThat(echo.payload()).isEqualTo(data);
		}
	}

	@ParameterizedTest(name = "case {0}: 4 MiB {2} message in frames of {1} bytes")
	@CsvSource({ "9.3.1, 64, text", "9.3.5, 16384, text", "9.3.9, 4194304, text", "9.4.1, 64, binary",
			"9.4.5, 16384, binary", "9.4.9, 4194304, binary" })
	void largeMessageInManyFramesIsEchoedAsOne(String caseId, int frameSize, String type) throws IOException {
		byte[] data = type.equals("text") ? "*".repeat(4 * MIB).getBytes() : randomBytes(4 * MIB);
		ByteArrayOutputStream frames = new ByteArrayOutputStream(data.length + data.length / frameSize * 8 + 16);
		for (int at = 0; at < data.length; at += frameSize) {
			boolean last = at + frameSize >= data.length;
			int opcode = (at == 0) ? (type.equals("text") ? 1 : 2) : 0;
			frames.writeBytes(RawClient.frame((last ? 0x80 : 0) | opcode, Arrays.copyOfRange(data, at, Math.min(data.length, at + frameSize))));
		}
		try (RawClient client = open()) {
			client.send(frames.toByteArray());
			assertThat(client.readMessage().payload()).isEqualTo(data);
		}
	}

	@ParameterizedTest(name = "case {0}: 1 MiB text written in chops of {1} bytes")
	@CsvSource({ "9.5.1, 64", "9.5.6, 2048", "9.6.3, 256" })
	void largeMessageWrittenInSmallChopsIsEchoed(String caseId, int chop) throws IOException {
		byte[] text = "*".repeat(MIB).getBytes();
		try (RawClient client = open()) {
			client.sendInChops(RawClient.frame(0x81, text), chop);
			assertThat(client.readMessage().payload()).isEqualTo(text);
		}
	}

	@Test
	void case9_7_manySmallMessagesAreEchoedInOrder() throws IOException {
		try (RawClient client = open()) {
			ByteArrayOutputStream burst = new ByteArrayOutputStream();
			for (int i = 0; i < 1000; i++) {
				burst.writeBytes(RawClient.frame(0x81, utf8("m" + i)));
			}
			client.send(burst.toByteArray());
			for (int i = 0; i < 1000; i++) {
				client.assertReceivesText("m" + i);
			}
		}
	}

	@Test
	void frameOverMaxFrameSizeFailsWith1009() throws IOException {
		WsServer limited = TestServers
			.echo(TestServers.config().limits((limits) -> limits.maxFrameSize(1000).maxMessageSize(3000)).build());
		try (RawClient client = RawClient.open(limited.port())) {
			client.sendBinary(new byte[1000]);
			assertThat(client.readFrame().payload()).hasSize(1000);
			// Only the header: the limit applies before the payload arrives.
			client.send(RawClient.headerWithZeroMask(0x82, 1001));
			client.assertFailedWith(1009);
			TestServers.assertServesFreshClient(limited);
		}
		finally {
			limited.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void messageOverMaxMessageSizeAcrossFragmentsFailsWith1009() throws IOException {
		WsServer limited = TestServers
			.echo(TestServers.config().limits((limits) -> limits.maxFrameSize(1000).maxMessageSize(3000)).build());
		try (RawClient client = RawClient.open(limited.port())) {
			client.send(concat(RawClient.frame(0x02, new byte[1000]), RawClient.frame(0x00, new byte[1000]),
					RawClient.frame(0x80, new byte[1000])));
			assertThat(client.readFrame().payload()).hasSize(3000);
			client.send(concat(RawClient.frame(0x02, new byte[1000]), RawClient.frame(0x00, new byte[1000]),
					RawClient.frame(0x00, new byte[1000])));
			client.send(RawClient.headerWithZeroMask(0x80, 1));
			client.assertFailedWith(1009);
			TestServers.assertServesFreshClient(limited);
		}
		finally {
			limited.stop(Duration.ofSeconds(1));
		}
	}

}
