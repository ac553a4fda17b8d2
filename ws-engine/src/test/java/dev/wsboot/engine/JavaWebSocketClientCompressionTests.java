package dev.wsboot.engine;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import dev.wsboot.engine.support.InteropServer;
import dev.wsboot.engine.support.JavaWebSocketTestClient;
import dev.wsboot.engine.support.TestServers;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compressed messages of 0 B to 16 MiB, text and binary, exchanged with Java-WebSocket's
 * permessage-deflate client under each combination of parameters: context takeover kept or not on
 * each side, window bits offered, and messages below the minimum size sent plain.
 */
class JavaWebSocketClientCompressionTests {

	private static final int[] SIZES = { 0, 1, 125, 126, 255, 256, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 };

	@ParameterizedTest(name = "offer \"{0}\", server context takeover {1}, min size {2}: answer \"{3}\"")
	@CsvSource(delimiter = '|', value = {
			"permessage-deflate | true | 0 | permessage-deflate",
			"permessage-deflate | false | 256 | permessage-deflate; server_no_context_takeover; client_no_context_takeover",
			"permessage-deflate; server_no_context_takeover | true | 0 | permessage-deflate; server_no_context_takeover",
			"permessage-deflate; client_no_context_takeover | true | 256 | permessage-deflate; client_no_context_takeover",
			"permessage-deflate; server_max_window_bits=15; client_max_window_bits | true | 0 | permessage-deflate; server_max_window_bits=15",
			"permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits=10 | false | 0 | permessage-deflate; server_no_context_takeover; client_no_context_takeover" })
	void textAndBinaryMessagesOfEverySizeAreEchoedCompressed(String offer, boolean contextTakeover, int minSize,
			String answer) throws Exception {
		WsServerConfig config = TestServers.config()
			.compression((compression) -> compression.enabled(true).contextTakeover(contextTakeover).minSize(minSize))
			.build();
		try (InteropServer server = new InteropServer(config)) {
			JavaWebSocketTestClient client = JavaWebSocketTestClient.connect(server.uri("/"),
					new Draft_6455(List.of(new OfferingDeflate(offer))));
			try {
				assertThat(client.agreedExtensions(Duration.ofSeconds(5))).isEqualTo(answer);
				for (int size : SIZES) {
					String text = "é*".repeat(size / 3) + "*".repeat(size % 3);
					client.send(text);
					assertThat(client.next(Duration.ofSeconds(20))).as("text of %d bytes", size).isEqualTo(text);
					byte[] data = binary(size);
					client.send(data);
					assertThat((byte[]) client.next(Duration.ofSeconds(20))).as("binary of %d bytes", size)
						.isEqualTo(data);
				}
			}
			finally {
				client.closeBlocking();
			}
			assertThat(server.serverClose(client.getURI()).code()).isEqualTo(1000);
		}
	}

	/** Half random, half repeated: compressible, yet not trivially. */
	private static byte[] binary(int size) {
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		for (int i = 1; i < size; i += 2) {
			data[i] = (byte) (i / 1024);
		}
		return data;
	}

	/**
	 * Java-WebSocket's extension offers a fixed set of parameters and applies its two reset flags
	 * whatever its role: "server no context takeover" resets the Deflater it sends with, "client no
	 * context takeover" the Inflater it receives with. This subclass offers what the test asks and
	 * sets the flags from the server's answer, for the client's side of RFC 7692 §7.1.1.
	 */
	static final class OfferingDeflate extends PerMessageDeflateExtension {

		private final String offer;

		OfferingDeflate(String offer) {
			this.offer = offer;
			setThreshold(0);
		}

		@Override
		public String getProvidedExtensionAsClient() {
			return this.offer;
		}

		@Override
		public boolean acceptProvidedExtensionAsClient(String answer) {
			if (!super.acceptProvidedExtensionAsClient(answer)) {
				return false;
			}
			setServerNoContextTakeover(answer.contains("client_no_context_takeover"));
			setClientNoContextTakeover(answer.contains("server_no_context_takeover"));
			return true;
		}

		@Override
		public IExtension copyInstance() {
			return new OfferingDeflate(this.offer);
		}

	}

}
