package dev.wsboot.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, persistence off, for one
 * test class. Where none is installed the tests are skipped with a message, except with
 * {@code CI=true}, where they fail: CI installs Redis, so a missing one is a broken CI.
 */
final class RedisServer implements AutoCloseable {

	private static final List<String> LOCATIONS = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server");

	private final String executable;

	private final int port;

	private Process process;

	private RedisServer(String executable, int port) {
		this.executable = executable;
		this.port = port;
	}

	/** Starts a server, or skips the calling test class where there is none to start. */
	static RedisServer start() {
		String executable = LOCATIONS.stream().filter((location) -> new File(location).canExecute()).findFirst()
			.orElse(null);
		if (executable == null) {
			String message = "No redis-server installed (apt-get install redis-server): cluster tests need one";
			if ("true".equals(System.getenv("CI"))) {
				fail(message);
			}
			abort(message);
		}
		RedisServer server = new RedisServer(executable, freePort());
		server.startProcess();
		return server;
	}

	int port() {
		return this.port;
	}

	/** Stops the server as a crash would look to its clients: connections reset, keys gone. */
	void stop() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Starts it again on the same port, empty (no persistence). */
	void restart() {
		startProcess();
	}

	private void startProcess() {
		try {
			Path log = Files.createTempFile("redis-" + this.port + "-", ".log");
			this.process = new ProcessBuilder(this.executable, "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir",
					System.getProperty("java.io.tmpdir"))
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			awaitPong(log);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.executable, ex);
		}
	}

	private void awaitPong(Path log) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				OutputStream out = socket.getOutputStream();
				out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] reply = in.readNBytes(7);
				if (new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException("redis-server did not answer on port " + this.port + ": "
				+ Files.readString(log));
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process != null) {
			stop();
		}
	}

}
