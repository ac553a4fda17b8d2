package dev.wsboot.benchmarks.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The same echo load as {@link EchoLoad}, driven by the C client (src/main/c/echo_load.c) in its own
 * process on the client's CPU: one epoll thread that stays well ahead of servers the one Java
 * selector thread could only just keep up with. It sends the frame of the same
 * {@link FrameTemplate}, written to a file for it, and checks every echo the same way; the
 * harness gets the same {@link LoadResult}. No permessage-deflate: compressed scenarios keep the
 * Java client.
 */
public final class NativeEchoLoad {

	/** The CPU the load client runs on; run.sh pins the harness there, every server to CPU 0. */
	public static final int CLIENT_CPU = 1;

	/** Connecting and upgrading every connection may take this long, as for the Java client. */
	private static final long OPEN_TIMEOUT_MILLIS = 30_000;

	/** Draining the messages in flight after the window, as for the Java client. */
	private static final long DRAIN_MILLIS = 3_000;

	private final Path binary;

	private final int port;

	private final boolean raw;

	private final FrameTemplate template;

	private final int connections;

	private final int depth;

	private final long serverPid;

	/**
	 * @param raw true for a plain TCP echo: no upgrade, the frames come back masked as sent
	 * @param serverPid the server process, whose CPU time the client reads at the window's edges
	 */
	public NativeEchoLoad(Path binary, int port, boolean raw, FrameTemplate template, int connections, int depth,
			long serverPid) {
		if (template.compressed) {
			throw new IllegalArgumentException("The C client sends no permessage-deflate messages");
		}
		this.binary = binary;
		this.port = port;
		this.raw = raw;
		this.template = template;
		this.connections = connections;
		this.depth = depth;
		this.serverPid = serverPid;
	}

	public LoadResult run(long warmupMillis, long measureMillis) throws IOException {
		Path frame = Files.createTempFile(this.binary.getParent(), "frame-", ".bin");
		try {
			Files.write(frame, this.template.frame);
			List<String> command = new ArrayList<>(List.of(this.binary.toString(), "--port", Integer.toString(this.port),
					"--frame", frame.toString(), "--stamp-at", Integer.toString(this.template.stampAt), "--conns",
					Integer.toString(this.connections), "--depth", Integer.toString(this.depth), "--warmup-ms",
					Long.toString(warmupMillis), "--measure-ms", Long.toString(measureMillis), "--server-pid",
					Long.toString(this.serverPid), "--cpu", Integer.toString(CLIENT_CPU)));
			if (this.raw) {
				command.add("--raw");
			}
			String output = execute(command, OPEN_TIMEOUT_MILLIS + warmupMillis + measureMillis + DRAIN_MILLIS + 10_000);
			return NativeResultLine.parse(output, measureMillis);
		}
		finally {
			Files.deleteIfExists(frame);
		}
	}

	private static String execute(List<String> command, long timeoutMillis) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			// Its output is one line: reading it to the end waits for the exit.
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
				throw new IOException("The C load client did not finish in " + timeoutMillis + " ms");
			}
			return new String(output, StandardCharsets.US_ASCII);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while the C load client ran", ex);
		}
		finally {
			process.destroyForcibly();
		}
	}

}
