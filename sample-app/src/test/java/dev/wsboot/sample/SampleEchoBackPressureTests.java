package dev.wsboot.sample;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.context.LocalWsPort;
import dev.wsboot.test.WsTestConnection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code /echo} with its default limits (a 1 MB outbound queue, slow-client policy
 * close) and a client that writes many large messages in one go while it reads the echoes: every
 * echo arrives, in order, and the client is never closed for sending faster than it reads.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.port=0")
class SampleEchoBackPressureTests {

	@LocalWsPort
	int port;

	@ParameterizedTest(name = "{0} messages of {1} bytes")
	@CsvSource({ "64, 1048576", "100, 65536" })
	void aClientThatSendsFasterThanItReadsGetsEveryEchoInOrder(int count, int size) throws Exception {
		try (WsTestConnection client = WsTestConnection.connect(this.port, "/echo")) {
			CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
				for (int i = 0; i < count; i++) {
					client.sendBinary(message(i, size));
				}
			});
			for (int i = 0; i < count; i++) {
				byte[] echo = client.nextBinary();
				assertThat(echo).as("echo %d", i).hasSize(size);
				assertThat(ByteBuffer.wrap(echo).getInt()).as("sequence number of echo %d", i).isEqualTo(i);
			}
			sent.get(10, TimeUnit.SECONDS);
			client.closeNormally();
		}
	}

	private static byte[] message(int sequence, int size) {
		byte[] data = new byte[size];
		ByteBuffer.wrap(data).putInt(sequence);
		return data;
	}

}
