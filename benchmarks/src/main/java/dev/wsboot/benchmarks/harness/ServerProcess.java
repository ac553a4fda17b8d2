package dev.wsboot.benchmarks.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * A server under test in its own process, pinned to CPU 0. Every started process is also
 * registered with a shutdown hook, so none outlives the harness, even on failure.
 */
public final class ServerProcess implements AutoCloseable {

	private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();

	private static final long CLOCK_TICKS = clockTicks();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::kill), "kill-servers"));
	}

	private final Peer peer;

	private final Process process;

	private final int port;

	private final Path log;

	private ServerProcess(Peer peer, Process process, int port, Path log) {
		this.peer = peer;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	public static ServerProcess start(Peer peer, Path logDir) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("taskset", "-c", "0"));
		command.addAll(peer.command().apply(port));
		Files.createDirectories(logDir);
		Path log = logDir.resolve(peer.id() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		LIVE.add(process.toHandle());
		ServerProcess server = new ServerProcess(peer, process, port, log);
		try {
			server.awaitPort(60_000);
		}
		catch (IOException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	public Peer peer() {
		return this.peer;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	/** User plus system CPU time of the whole process, all threads, in seconds (/proc/PID/stat). */
	public double cpuSeconds() throws IOException {
		return cpuSeconds(this.process.pid());
	}

	/** {@link #cpuSeconds()} as a clock for the loads: NaN once the process is gone. */
	public DoubleSupplier cpuClock() {
		return clock(this::cpuSeconds);
	}

	/** A reading of CPU seconds, from /proc. */
	public interface CpuReading {

		double seconds() throws IOException;

	}

	/** A clock over {@code reading} that gives NaN when it fails. */
	public static DoubleSupplier clock(CpuReading reading) {
		return () -> {
			try {
				return reading.seconds();
			}
			catch (IOException ex) {
				return Double.NaN;
			}
		};
	}

	/** The same for any process, such as the load client's own. */
	public static double cpuSeconds(long pid) throws IOException {
		return cpuSecondsOfStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
	}

	/** User plus system seconds of one /proc stat line, a process's or a thread's. */
	static double cpuSecondsOfStat(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		// After the command name: field 3 is state, so utime (14) and stime (15) sit at 11 and 12.
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
	}

	/**
	 * CPU time that every process of the machine used so far, all CPUs together, in seconds: the
	 * busy fields (user, nice, system, irq, softirq, steal) of /proc/stat's first line.
	 */
	public static double machineBusySeconds() throws IOException {
		String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
		long busy = 0;
		for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
			busy += Long.parseLong(fields[field]);
		}
		return busy / (double) CLOCK_TICKS;
	}

	/** Resident set size in bytes (/proc/PID/status VmRSS). */
	public long rssBytes() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		throw new IOException("No VmRSS for " + this.process.pid());
	}

	/**
	 * Live heap bytes of a JVM: jcmd's class histogram runs a full GC first and sums what survives.
	 * @return the bytes, or -1 for a process that is not a JVM
	 */
	public long liveHeapBytes() throws IOException {
		if (!this.peer.java()) {
			return -1;
		}
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(this.process.pid()), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String output = new String(histogram.getInputStream().readAllBytes());
		for (String line : output.split("\n")) {
			if (line.startsWith("Total")) {
				String[] parts = line.trim().split("\\s+");
				return Long.parseLong(parts[2]);
			}
		}
		throw new IOException("jcmd GC.class_histogram gave no total: " + output.substring(0, Math.min(300, output.length())));
	}

	/** CPU seconds the JIT compilers of a JVM used so far; 0 for a process that is not a JVM. */
	public double jitCpuSeconds() throws IOException {
		return this.peer.java() ? JvmReadings.jitCpuSeconds(this.process.pid()) : 0;
	}

	/**
	 * Bytes of direct buffers a JVM holds (its {@code direct} buffer pool).
	 * @return the bytes, or -1 for a process that is not a JVM
	 */
	public long directBytes() throws IOException {
		return this.peer.java() ? JvmReadings.directBytes(this.process.pid()) : -1;
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public void close() {
		kill(this.process.toHandle());
		LIVE.remove(this.process.toHandle());
	}

	private static void kill(ProcessHandle handle) {
		handle.descendants().forEach(ProcessHandle::destroyForcibly);
		handle.destroy();
		try {
			handle.onExit().get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			handle.destroyForcibly();
		}
	}

	private void awaitPort(long timeoutMillis) throws IOException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while (System.currentTimeMillis() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException(this.peer.id() + " exited with " + this.process.exitValue() + "; log " + this.log);
			}
			try (Socket probe = new Socket()) {
				probe.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException notYet) {
				waitBriefly();
			}
		}
		throw new IOException(this.peer.id() + " did not listen on " + this.port + " within " + timeoutMillis + " ms");
	}

	private void waitBriefly() {
		try {
			this.process.waitFor(100, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A port nothing listens on now, on the loopback address. */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
			return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).trim());
		}
		catch (IOException | NumberFormatException ex) {
			return 100;
		}
	}

}
