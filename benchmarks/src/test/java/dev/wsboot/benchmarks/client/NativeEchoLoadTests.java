package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.wsboot.engine.EchoHandler;
import dev.wsboot.engine.WsServer;
import dev.wsboot.engine.WsServerConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The C load client against real servers over loopback: what it counts, checks and reports. */
class NativeEchoLoadTests {

	@TempDir
	static Path dir;

	private static Path binary;

	@BeforeAll
	static void compile() throws Exception {
		binary = dir.resolve("echo_load");
		Process gcc;
		try {
			gcc = new ProcessBuilder("gcc", "-O2", "-o", binary.toString(), Path.of("src/main/c/echo_load.c").toString())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			gcc = null;
		}
		assumeThat(gcc).as("gcc on the PATH").isNotNull();
		String output = new String(gcc.getInputStream().readAllBytes());
		assertThat(gcc.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(gcc.exitValue()).as(output).isZero();
	}

	@ParameterizedTest
	@CsvSource({ "TEXT_ASCII, 64, 8, 4", "TEXT_UTF8, 1024, 4, 16", "BINARY, 65536, 4, 1", "BINARY, 16777152, 1, 2" })
	void everyEchoOfAWebSocketServerMatchesWhatWasSent(MessageKind kind, int size, int connections, int depth)
			throws Exception {
		WsServer server = echoServer();
		try {
			LoadResult result = new NativeEchoLoad(binary, server.port(), false, new FrameTemplate(kind, size),
					connections, depth, ProcessHandle.current().pid())
				.run(100, 400);
			assertThat(result.errors()).isZero();
			assertThat(result.messagesPerSecond()).isPositive();
			assertThat(result.latency().getTotalCount()).isPositive();
			assertThat(result.serverCpuSeconds()).isNotNaN();
			assertThat(result.clientCpuShare()).isNotNaN();
		}
		finally {
			server.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void aRawEchoReturnsTheMaskedFramesAndTheyMatch() throws Exception {
		try (RawEcho echo = new RawEcho((position) -> 0)) {
			LoadResult result = new NativeEchoLoad(binary, echo.port(), true, new FrameTemplate(MessageKind.BINARY, 1024), 2,
					4, 0)
				.run(50, 300);
			assertThat(result.errors()).isZero();
			assertThat(result.messagesPerSecond()).isPositive();
			assertThat(result.serverCpuSeconds()).isNaN();
		}
	}

	@Test
	void aByteChangedOnTheWayMakesTheMessageAnError() throws Exception {
		FrameTemplate template = new FrameTemplate(MessageKind.TEXT_ASCII, 64);
		int last = template.frameLength() - 1;
		// One connection, one message in flight: the stream is frame after frame, the last byte of each flipped.
		try (RawEcho echo = new RawEcho((position) -> (position % template.frameLength() == last) ? 1 : 0)) {
			LoadResult result = new NativeEchoLoad(binary, echo.port(), true, template, 1, 1, 0).run(50, 300);
			assertThat(result.errors()).isPositive();
		}
	}

	@Test
	void aServerThatRefusesTheUpgradeFailsTheLoadWithItsStatusLine() throws Exception {
		try (RawEcho echo = new RawEcho((position) -> 0)) {
			// The echo sends the request back: not a 101.
			assertThatIOException().isThrownBy(() -> new NativeEchoLoad(binary, echo.port(), false,
					new FrameTemplate(MessageKind.TEXT_ASCII, 64), 1, 1, 0)
				.run(50, 100)).withMessageStartingWith("Upgrade refused: GET /echo");
		}
	}

	@Test
	void resultLineBecomesTheLoadResult() throws IOException {
		LoadResult result = NativeResultLine.parse(
				"RESULT counted=1000 errors=2 server_cpu=0.250000 client_cpu=nan buckets=100:3,1000:7\n", 500);
		assertThat(result.messagesPerSecond()).isEqualTo(2000);
		assertThat(result.errors()).isEqualTo(2);
		assertThat(result.serverCpuSeconds()).isEqualTo(0.25);
		assertThat(result.clientCpuShare()).isNaN();
		assertThat(result.latency().getTotalCount()).isEqualTo(10);
		assertThat(result.latency().getMinValue()).isEqualTo(100);
	}

	@Test
	void bucketMiddlesRiseWithinAPowerOfTwoAndDoubleAcrossOne() {
		// Bucket 128 starts at 128 ns, 2 ns wide; bucket 192 starts at 256 ns, 4 ns wide.
		assertThat(NativeResultLine.middle(127)).isEqualTo(127);
		assertThat(NativeResultLine.middle(128)).isEqualTo(129);
		assertThat(NativeResultLine.middle(191)).isEqualTo(255);
		assertThat(NativeResultLine.middle(192)).isEqualTo(258);
	}

	private static WsServer echoServer() throws IOException {
		WsServerConfig config = WsServerConfig.builder()
			.network((network) -> network.host("127.0.0.1").port(0))
			.limits((limits) -> limits.maxMessageSize(16 * 1024 * 1024)
				.maxFrameSize(16 * 1024 * 1024)
				.maxOutboundQueueSize(64L * 1024 * 1024)
				.maxInboundQueueSize(64L * 1024 * 1024))
			.build();
		WsServer server = WsServer.builder().config(config).endpoint("/echo", new EchoHandler()).build();
		server.start();
		return server;
	}

	/** A blocking TCP echo, a thread per connection, that XORs each byte with {@code change(position)}. */
	private static final class RawEcho implements AutoCloseable {

		private final ServerSocket socket;

		RawEcho(IntUnaryOperator change) throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						Socket client = this.socket.accept();
						Thread echo = new Thread(() -> echo(client, change), "raw-echo");
						echo.setDaemon(true);
						echo.start();
					}
					catch (IOException closed) {
						return;
					}
				}
			}, "raw-echo-accept");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private static void echo(Socket client, IntUnaryOperator change) {
			try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
				byte[] buffer = new byte[65536];
				int position = 0;
				int n;
				while ((n = in.read(buffer)) > 0) {
					for (int i = 0; i < n; i++) {
						buffer[i] ^= (byte) change.applyAsInt(position++);
					}
					out.write(buffer, 0, n);
				}
			}
			catch (IOException reset) {
				// The client resets every connection at the end of its run.
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
