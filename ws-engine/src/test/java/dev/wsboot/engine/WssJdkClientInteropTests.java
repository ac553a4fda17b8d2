package dev.wsboot.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import dev.wsboot.engine.support.InteropServer;
import dev.wsboot.engine.support.TestServers;
import dev.wsboot.test.TestCertificates;
import dev.wsboot.test.WsTestConnection;
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

	private WsTestConnection client;

	private URI uri;

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
			this.client.webSocket().abort();
		}
	}

	@ParameterizedTest(name = "text of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 16 * 1024, 16 * 1024 + 1, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void textMessageIsEchoedOverTls(int size) throws Exception {
		this.client = connect("/");
		String text = "é*".repeat(size / 3) + "*".repeat(size % 3);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(size);
		this.client.webSocket().sendText(text, true).get(10, TimeUnit.SECONDS);
		assertThat(this.client.next(Duration.ofSeconds(20))).isEqualTo(text);
	}

	@ParameterizedTest(name = "binary of {0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 16 * 1024, 16 * 1024 + 1, 65535, 65536, 1024 * 1024, 16 * 1024 * 1024 })
	void binaryMessageIsEchoedOverTls(int size) throws Exception {
		this.client = connect("/");
		byte[] data = new byte[size];
		new Random(size).nextBytes(data);
		this.client.webSocket().sendBinary(ByteBuffer.wrap(data), true).get(10, TimeUnit.SECONDS);
		assertThat((byte[]) this.client.next(Duration.ofSeconds(20))).isEqualTo(data);
	}

	@Test
	void manyMessagesInABurstAreEchoedInOrder() throws Exception {
		this.client = connect("/");
		for (int i = 0; i < 500; i++) {
			this.client.webSocket().sendText("message " + i, true).get(5, TimeUnit.SECONDS);
		}
		for (int i = 0; i < 500; i++) {
			assertThat(this.client.next(Duration.ofSeconds(5))).isEqualTo("message " + i);
		}
	}

	@Test
	void clientInitiatedCloseIsEchoedWithItsCode() throws Exception {
		this.client = connect("/");
		this.client.webSocket().sendClose(4000, "client leaves").get(5, TimeUnit.SECONDS);
		assertThat(this.client.awaitClose(Duration.ofSeconds(5)).code()).isEqualTo(4000);
		assertThat(server.serverClose(this.uri)).isEqualTo(new CloseStatus(4000, "client leaves"));
	}

	@Test
	void serverInitiatedCloseReachesTheClientWithCodeAndReason() throws Exception {
		this.client = connect("/close");
		this.client.webSocket().sendText("4001 server says bye", true).get(5, TimeUnit.SECONDS);
		WsTestConnection.Close close = this.client.awaitClose(Duration.ofSeconds(5));
		assertThat(close.code()).isEqualTo(4001);
		assertThat(close.reason()).isEqualTo("server says bye");
		this.client.webSocket().sendClose(4001, "");
		assertThat(server.serverClose(this.uri).code()).isEqualTo(4001);
	}

	@Test
	void clientThatDoesNotTrustTheCertificateFailsAndIsCountedAsTls() throws Exception {
		long before = server.server().stats().handshakesRejected(HandshakeRejection.TLS);
		SSLContext trustsOther = TestCertificates.clientContext(TestCertificates.keyStore(directory, "other"));
		HttpClient distrustful = HttpClient.newBuilder().sslContext(trustsOther).build();
		assertThatThrownBy(() -> WsTestConnection.connectAsync(distrustful, server.uri("/")).get(5, TimeUnit.SECONDS))
			.isInstanceOfAny(ExecutionException.class, CompletionException.class)
			.hasCauseInstanceOf(SSLHandshakeException.class);
		TestServers.await("the TLS rejection to be counted", Duration.ofSeconds(5),
				() -> server.server().stats().handshakesRejected(HandshakeRejection.TLS) == before + 1);
	}

	/** Connects to the path on a new tag, so the test can ask what the server saw of this client. */
	private WsTestConnection connect(String path) {
		this.uri = server.uri(path);
		return WsTestConnection.connect(http, this.uri);
	}

}
