package dev.wsboot.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wsboot.benchmarks.client.HalfOpenFlood;

/**
 * The slowloris attacker in its own JVM, niced to the lowest priority on the clients' CPU: the
 * real client beside it always runs first, so what the real client measures is the server. Its
 * sockets also count against that process's descriptor limit, not this one's.
 */
final class FloodProcess implements AutoCloseable {

	private final Process process;

	private final Thread reader;

	private volatile int open;

	private volatile HalfOpenFlood.Endings endings;

	private FloodProcess(Process process) {
		this.process = process;
		this.reader = Soak.daemon("flood-output", this::readOutput);
		this.reader.start();
	}

	static FloodProcess start(int port, int sockets, int opensPerSecond, long byteEveryMillis, long drainMillis)
			throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = List.of("nice", "-n", "19", "taskset", "-c", "1", java, "-Xms256m", "-Xmx512m",
				"-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), HalfOpenFlood.class.getName(),
				Integer.toString(port), Integer.toString(sockets), Integer.toString(opensPerSecond),
				Long.toString(byteEveryMillis), Long.toString(drainMillis));
		return new FloodProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
	}

	int open() {
		return this.open;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	void stopHolding() throws IOException {
		OutputStream in = this.process.getOutputStream();
		in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
		in.flush();
	}

	/** Waits for the attacker to finish and tell how its sockets ended. */
	HalfOpenFlood.Endings await(long timeoutMillis) throws IOException, InterruptedException {
		this.reader.join(timeoutMillis);
		if (this.endings == null) {
			throw new IOException("The attacker process ended without its figures (exit "
					+ (this.process.isAlive() ? "none yet" : this.process.exitValue()) + ")");
		}
		return this.endings;
	}

	private void readOutput() {
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.US_ASCII))) {
			String line;
			while ((line = out.readLine()) != null) {
				String[] words = line.split(" ");
				if (words[0].equals("open")) {
					this.open = Integer.parseInt(words[1]);
				}
				else if (words[0].equals("endings")) {
					long[] f = new long[7];
					for (int i = 0; i < f.length; i++) {
						f[i] = Long.parseLong(words[i + 1]);
					}
					this.endings = new HalfOpenFlood.Endings(f[0], f[1], f[2], f[3], f[4], f[5], (int) f[6]);
				}
			}
		}
		catch (IOException ex) {
			// The process is gone; await() reports the missing figures.
			this.open = 0;
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
