package dev.wsboot.engine;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import dev.wsboot.engine.JdkClientInteropTests.Client;
import dev.wsboot.test.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDK's {@link java.net.http.WebSocket} client over wss://: the same framing as ws://, through
 * JSSE on both sides, with a certificate made for this run.
 */
class WssJdkClientInteropTests {

	@TempDir
	static Path directory;

	private static Path keyStore;

	private static HttpClient http;

	private static InteropServer server;

	private Client client;

	@BeforeAll
	static void start() throws Exception {
		keyStore = TestCertificates.keyStore(directory, "wss-interop");
		http = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(keyStore)).build();
		server = new InteropServer(TestServers.config().build(), TlsSettings.of(TestCertificates.serverContext(keyStore)));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void abortClient() {
		if (this.client != null) {
			this.client.socket.abort();
		}
	}

	@ParameterizedTest(name = "text of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 16 * 1024, 16 * 1024 + 1, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void textMessageIsEchoedOverTls(int size) throws Exception {
		this.client = Client.connect(http, server, "/");
		String text = "é*".repeat(size / 3) + "*".repeat(size % 3);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(size);
		this.client.socket.sendText(text, true).get(10, TimeUnit.SECONDS);
		assertThat(this.client.messages.poll(20, TimeUnit.SECONDS)).isEqualTo(text);
	}

	@ParameterizedTest(name = "binary of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 16 * 1024, 16 * 1024 + 1, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void binaryMessageIsEchoedOverTls(int size) throws Exception {
		this.client = Client.connect(http, server, "/");
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		this.client.socket.sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
		assertThat((byte[]) this.client.messages.poll(20, TimeUnit.SECONDS)).isEqualTo(data);
	}

	@Test
	void manyMessagesInABurstAreEchoedInOrder() throws Exception {
		this.client = Client.connect(http, server, "/");
		for (int i = 0; i < 500; i++) {
			this.client.socket.sendText("message " + i, true).get(5, TimeUnit.SECONDS);
		}
		for (int i = 0; i < 500; i++) {
			assertThat(this.client.messages.poll(5, TimeUnit.SECONDS)).isEqualTo("message " + i);
		}
	}

	@Test
	void clientInitiatedCloseIsEchoedWithItsCode() throws Exception {
		this.client = Client.connect(http, server, "/");
		this.client.socket.sendClose(4000, "client leaves").get(5, TimeUnit.SECONDS);
		assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
		assertThat(server.serverClose(this.client.uri)).isEqualTo(new CloseStatus(4000, "client leaves"));
	}

	@Test
	void serverInitiatedCloseReachesTheClientWithCodeAndReason() throws Exception {
		this.client = Client.connect(http, server, "/close");
		this.client.socket.sendText("4001 server says bye", true).get(5, TimeUnit.SECONDS);
		assertThat(this.client.closed.get(5, TimeUnit.SECONDS)).isEqualTo(4001);
		assertThat(this.client.closeReason).isEqualTo("server says bye");
		this.client.socket.sendClose(4001, "");
		assertThat(server.serverClose(this.client.uri).code()).isEqualTo(4001);
	}

	@Test
	void clientThatDoesNotTrustTheCertificateFailsAndIsCountedAsTls() throws Exception {
		long before = server.server.stats().handshakesRejected(HandshakeRejection.TLS);
		SSLContext trustsOther = TestCertificates.clientContext(TestCertificates.keyStore(directory, "other"));
		HttpClient distrustful = HttpClient.newBuilder().sslContext(trustsOther).build();
		assertThatThrownBy(() -> Client.connect(distrustful, server, "/"))
			.isInstanceOfAny(ExecutionException.class, CompletionException.class)
			.hasCauseInstanceOf(SSLHandshakeException.class);
		TestServers.await("the TLS rejection to be counted", java.time.Duration.ofSeconds(5),
				() -> server.server.stats().handshakesRejected(HandshakeRejection.TLS) == before + 1);
	}

}
