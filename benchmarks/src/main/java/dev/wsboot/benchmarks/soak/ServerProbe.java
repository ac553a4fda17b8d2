package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.wsboot.benchmarks.harness.ServerProcess;

/**
 * Reads a sample-app server from outside: its descriptors and threads from /proc, its heap after
 * a full GC through jcmd, and everything else from its actuator's metrics endpoint on 127.0.0.1.
 */
final class ServerProbe {

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.Ee+]+)");

	private final ServerProcess server;

	private final int httpPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	ServerProbe(ServerProcess server, int httpPort) {
		this.server = server;
		this.httpPort = httpPort;
	}

	ServerProcess server() {
		return this.server;
	}

	/** Waits for the actuator to answer, as Spring Boot finishes starting after the WebSocket port opens. */
	void awaitActuator(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		IOException last = null;
		while (System.nanoTime() < deadline) {
			try {
				if (get("/actuator/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				last = ex;
			}
			java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
		}
		throw new IOException("The actuator did not answer within " + timeout, last);
	}

	/** Open file descriptors of the server process. */
	long fileDescriptors() throws IOException {
		try (Stream<Path> fds = Files.list(proc("fd"))) {
			return fds.count();
		}
	}

	/** Threads of the server process, the JVM's own included. */
	long threads() throws IOException {
		for (String line : Files.readAllLines(proc("status"))) {
			if (line.startsWith("Threads:")) {
				return Long.parseLong(line.substring(8).trim());
			}
		}
		throw new IOException("No Threads line for " + this.server.pid());
	}

	/** The server's threads counted by name, with the numbers in names taken out ("ws-handler-#"). */
	Map<String, Integer> threadNames() throws IOException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(this.server.pid()), "Thread.print")
			.redirectErrorStream(true)
			.start();
		Map<String, Integer> names = new TreeMap<>();
		for (String line : new String(dump.getInputStream().readAllBytes()).split("\n")) {
			if (line.startsWith("\"")) {
				names.merge(line.substring(1, line.indexOf('"', 1)).replaceAll("[0-9]+", "#"), 1, Integer::sum);
			}
		}
		return names;
	}

	long rssBytes() throws IOException {
		return this.server.rssBytes();
	}

	/** Live heap: jcmd's class histogram runs a full GC first and sums what survives. */
	long heapAfterGc() throws IOException {
		return this.server.liveHeapBytes();
	}

	/** A meter's first measurement, or NaN when the server does not have it (yet). */
	double metric(String name, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append((i == 0) ? '?' : '&').append("tag=").append(tags[i]);
		}
		try {
			HttpResponse<String> response = get(path.toString());
			if (response.statusCode() != 200) {
				return Double.NaN;
			}
			Matcher value = VALUE.matcher(response.body());
			return value.find() ? Double.parseDouble(value.group(1)) : Double.NaN;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

	private HttpResponse<String> get(String path) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private Path proc(String entry) {
		return Path.of("/proc", Long.toString(this.server.pid()), entry);
	}

}
