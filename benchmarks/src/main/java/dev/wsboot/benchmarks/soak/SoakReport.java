package dev.wsboot.benchmarks.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import dev.wsboot.benchmarks.client.SoakPlan;
import dev.wsboot.benchmarks.client.SoakRole;
import dev.wsboot.benchmarks.client.SoakTally;
import dev.wsboot.benchmarks.report.Charts;
import dev.wsboot.benchmarks.soak.SoakRecords.Checkpoint;
import dev.wsboot.benchmarks.soak.SoakRecords.Sample;

/** docs/soak.md and its two charts, from one soak's figures. */
final class SoakReport {

	/** Descriptors the server may hold at the end beyond those it held at the start. */
	private static final long FD_SLACK = 10;

	private final SoakPlan plan;

	private final SoakTally tally;

	private final List<Sample> samples;

	private final List<Checkpoint> checkpoints;

	private final Map<String, Double> counters;

	private final Instant started;

	private final String loadBefore;

	private final String command;

	private final List<String> serverArguments;

	private final Map<String, Boolean> checks = new LinkedHashMap<>();

	SoakReport(SoakPlan plan, SoakTally tally, List<Sample> samples, List<Checkpoint> checkpoints,
			Map<String, Double> counters, Instant started, String loadBefore, String command, List<String> serverArguments) {
		this.plan = plan;
		this.tally = tally;
		this.samples = samples;
		this.checkpoints = checkpoints;
		this.counters = counters;
		this.started = started;
		this.loadBefore = loadBefore;
		this.command = command;
		this.serverArguments = serverArguments;
		Checkpoint start = checkpoints.get(0);
		Checkpoint end = checkpoints.get(checkpoints.size() - 1);
		this.checks.put("no message lost, duplicated, reordered or altered (readers and slow readers' prefixes)",
				tally.lost() + tally.duplicated() + tally.reordered() + tally.corrupted() == 0);
		this.checks.put("every reader got its own messages back before leaving and closed cleanly",
				tally.leftWithMessagesOutstanding() + tally.closeIncomplete() == 0 && tally.unexpectedCloses().isEmpty()
						&& tally.unexpectedEnds().isEmpty());
		this.checks.put("every slow reader was closed with 1008", tally.slowClosed1008() > 0
				&& tally.slowClosed1008() == tally.opened(SoakRole.SLOW));
		this.checks.put("every silent client was reaped by the server's ping/pong timeout",
				tally.silentReaped() > 0 && tally.silentNotReaped() == 0);
		this.checks.put("after the clients left: no connection open, descriptors back to the start (+" + FD_SLACK + ")",
				end.serverActive() == 0 && end.fileDescriptors() <= start.fileDescriptors() + FD_SLACK);
	}

	boolean clean() {
		return !this.checks.containsValue(false);
	}

	void write(Path file) throws IOException {
		Path charts = file.resolveSibling("soak");
		Files.createDirectories(charts);
		List<Double> x = column(Sample::seconds);
		Map<String, List<Double>> connections = new LinkedHashMap<>();
		connections.put("connections the clients hold", column(Sample::clientsOpen));
		connections.put("server ws.connections.active", column(Sample::serverActive));
		connections.put("server file descriptors", column(Sample::fileDescriptors));
		Charts.lines(charts.resolve("connections.png"), "Soak: connections and server file descriptors", "seconds",
				"count", x, connections);
		Map<String, List<Double>> memory = new LinkedHashMap<>();
		memory.put("heap used, MiB (garbage included)", column(Sample::heapUsedMiB));
		memory.put("direct buffers, MiB", column(Sample::directMiB));
		memory.put("RSS, MiB", column(Sample::rssMiB));
		memory.put("threads", column(Sample::threads));
		Charts.lines(charts.resolve("memory.png"), "Soak: server memory and threads", "seconds", "MiB / threads", x, memory);
		Files.writeString(file, markdown(file.getParent().relativize(charts)));
	}

	private List<Double> column(ToDoubleFunction<Sample> value) {
		List<Double> values = new ArrayList<>();
		for (Sample sample : this.samples) {
			double v = value.applyAsDouble(sample);
			values.add(Double.isNaN(v) ? 0.0 : v);
		}
		return values;
	}

	private String markdown(Path charts) {
		StringBuilder md = new StringBuilder();
		SoakPlan p = this.plan;
		md.append("# Soak\n\n");
		md.append("Written by `").append(this.command).append("` (started ")
			.append(this.started.truncatedTo(ChronoUnit.SECONDS)).append("). Rerun with `benchmarks/soak.sh`; ")
			.append("`benchmarks/soak.sh --minutes 2.5 --clients 2000` is a short trial. The slowloris scenario, ")
			.append("`benchmarks/soak.sh slowloris`, writes [slowloris.md](slowloris.md).\n\n");
		md.append("## What ran\n\n");
		md.append("- Server: the sample-app jar in its own JVM pinned to CPU 0 (`-Xms1g -Xmx1g -XX:+UseParallelGC`), ")
			.append("its `application.yml` as shipped (1 MB outbound queue, slow-client policy `close`, pings every 30 s, ")
			.append("30 s pong timeout), started with `").append(String.join(" ", this.serverArguments)).append("`.\n");
		md.append(String.format("- Clients: one JVM pinned to CPU 1, one selector thread. %,d readers at once for %.1f minutes: ",
				p.clients(), p.durationMillis() / 60_000.0))
			.append(String.format("%,d on `/echo` (a message of 32 B to %,d B every %,d ms on average, at most 4 in flight) and ",
					p.echoClients(), p.echoMaxSize(), p.echoIntervalMillis()))
			.append(String.format("%,d on `/broadcast` (%d messages of %,d B a second over all of them, each to every subscriber). ",
					p.broadcastClients(), p.broadcastsPerSecond(), p.broadcastSize()))
			.append(String.format("Each reader lives %d to %d s, then waits for its own messages to return, closes with 1000 ",
					p.minLifeMillis() / 1000, p.maxLifeMillis() / 1000))
			.append(String.format("and is replaced (at most %d new connections a second).\n", p.connectsPerSecond()));
		md.append(String.format("- Slow readers: one at a time, every %d s, joins `/broadcast` with a 4 KiB receive buffer ",
				p.slowEveryMillis() / 1000))
			.append("and reads nothing. When the server's `ws.clients.slow` goes up, it reads again: it must find an ")
			.append("unbroken prefix of every publisher's messages, then a 1008 close frame.\n");
		md.append(String.format("- Silent clients: one every %d s talks on `/echo` for 5 to 15 s, then stops reading and ", p.silentEveryMillis() / 1000))
			.append(String.format("answering pings with its socket open (a vanished host); %d s later it checks that the server ", p.silentCheckMillis() / 1000))
			.append("closed the socket.\n");
		md.append(String.format("- Abrupt clients: one every %d s talks on `/echo` for 5 to 30 s, then closes its socket without ", p.abruptEveryMillis() / 1000))
			.append("a close frame, alternately with a reset and with a FIN (a killed process).\n");
		md.append("- Every message carries its sender's id and sequence number and a filler derived from both. A reader checks ")
			.append("each echo and each of its own broadcasts from number 0, and every other publisher's broadcasts from the ")
			.append("first it sees: a number skipped and never seen is lost, one seen twice duplicated, a skipped one seen ")
			.append("later reordered. Broadcasts of others that a reader could have missed only at its joining or leaving are ")
			.append("not counted; everything in between is.\n\n");
		machine(md);
		md.append("## Verdict\n\n| check | result |\n|---|---|\n");
		this.checks.forEach((check, passed) -> md.append("| ").append(check).append(" | ")
			.append(passed ? "pass" : "**FAIL**").append(" |\n"));
		messages(md);
		connections(md);
		resources(md, charts);
		return md.toString();
	}

	private void machine(StringBuilder md) {
		int maxOther = 0;
		int withOther = 0;
		double maxLoad = 0;
		for (Sample sample : this.samples) {
			maxOther = Math.max(maxOther, sample.otherBuilds());
			withOther += (sample.otherBuilds() > 0) ? 1 : 0;
			maxLoad = Math.max(maxLoad, sample.loadAverage());
		}
		md.append("## The machine\n\n");
		md.append(String.format("%d cores, 20,000 open files per process. Load average before the soak: %s; highest 1-minute load during it: %.2f. ",
				cores(), this.loadBefore, maxLoad));
		if (withOther > 0) {
			md.append(String.format("**Other builds ran at the same time**: other Maven or Surefire JVMs were seen in %d of %d samples (up to %d at once), ",
					withOther, this.samples.size(), maxOther))
				.append("so both cores were shared with them; the throughput and the resource curves show that load, the ")
				.append("correctness figures hold regardless.\n\n");
		}
		else {
			md.append("No other Maven or Surefire JVM was seen during the soak.\n\n");
		}
	}

	private void messages(StringBuilder md) {
		SoakTally t = this.tally;
		double seconds = this.plan.durationMillis() / 1000.0;
		md.append("\n## Messages\n\n| figure | value |\n|---|---:|\n");
		row(md, "messages sent by the clients", t.sent());
		row(md, "messages received and checked (echoes and broadcast deliveries)", t.received());
		md.append(String.format("| received per second, on average | %,.0f |\n", t.received() / seconds));
		row(md, "**lost**", t.lost());
		row(md, "**duplicated**", t.duplicated());
		row(md, "**reordered**", t.reordered());
		row(md, "altered or malformed", t.corrupted());
		row(md, "readers that left before all their own messages came back", t.leftWithMessagesOutstanding());
		md.append("| server closes of readers that did not ask for one | ").append(t.unexpectedCloses().isEmpty() ? "none"
				: t.unexpectedCloses().toString()).append(" |\n");
		md.append("| readers' connections that ended or failed without a close | ").append(t.unexpectedEnds().isEmpty() ? "none"
				: t.unexpectedEnds().toString()).append(" |\n");
	}

	private void connections(StringBuilder md) {
		SoakTally t = this.tally;
		md.append("\n## Connections\n\n| figure | clients saw | server counted |\n|---|---:|---:|\n");
		long readers = t.opened(SoakRole.ECHO) + t.opened(SoakRole.BROADCAST);
		long all = 0;
		for (SoakRole role : SoakRole.values()) {
			all += t.opened(role);
		}
		md.append(String.format("| connections opened (all roles) | %,d | %s |\n", all, counter("ws.connections.opened")));
		md.append(String.format("| readers opened (echo %,d, broadcast %,d) | %,d | |\n", t.opened(SoakRole.ECHO),
				t.opened(SoakRole.BROADCAST), readers));
		md.append(String.format("| readers closed cleanly with 1000 | %,d | %s normal |\n", t.closedNormally(),
				counter("ws.connections.closed{reason=normal}")));
		md.append(String.format("| connections that failed to open | %,d | %s handshakes rejected |\n", t.failedToOpen(),
				counter("ws.handshakes.rejected")));
		md.append(String.format("| close handshakes not completed in 10 s | %,d | |\n", t.closeIncomplete()));
		md.append(String.format("| slow readers | %,d | |\n", t.opened(SoakRole.SLOW)));
		md.append(String.format("| **slow readers closed with 1008** | %,d | %s `ws.clients.slow`, %s slow-client |\n",
				t.slowClosed1008(), counter("ws.clients.slow"), counter("ws.connections.closed{reason=slow-client}")));
		md.append(String.format("| slow readers closed otherwise / never judged slow / ended without the close frame | %,d / %,d / %,d | |\n",
				t.slowClosedOther(), t.slowNotClosed(), t.slowEndedWithoutClose()));
		md.append(String.format("| silent clients | %,d | |\n", t.opened(SoakRole.SILENT)));
		md.append(String.format("| **silent clients reaped** (socket closed by the server when checked) | %,d | %s idle-timeout (pong timeout) |\n",
				t.silentReaped(), counter("ws.connections.closed{reason=idle-timeout}")));
		md.append(String.format("| silent clients not reaped / not yet checked at the end | %,d / %,d | |\n", t.silentNotReaped(),
				t.silentUnchecked()));
		md.append(String.format("| abrupt clients (socket closed without a close frame) | %,d | %s abnormal |\n",
				t.opened(SoakRole.ABRUPT), counter("ws.connections.closed{reason=abnormal}")));
		md.append("\nServer counters at the end: ");
		List<String> all2 = new ArrayList<>();
		this.counters.forEach((name, value) -> all2.add("`" + name + "` " + format(value)));
		md.append(String.join(", ", all2)).append(".\n");
	}

	private void resources(StringBuilder md, Path charts) {
		md.append("\n## Server resources\n\n");
		md.append("Heap after GC is what survives the full GC that `jcmd GC.class_histogram` runs; direct memory is ")
			.append("`jvm.buffer.memory.used{id=direct}`, threads and descriptors come from `/proc/<pid>`. \"End\" is ")
			.append("taken once every client has left and the server reports no open connection, plus 10 s.\n\n");
		md.append("| moment | t (s) | open connections | file descriptors | threads | heap after GC (MiB) | direct (MiB) | RSS (MiB) | server CPU (s) |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Checkpoint c : this.checkpoints) {
			md.append(String.format("| %s | %.0f | %,.0f | %,d | %d | %.1f | %.1f | %.0f | %.1f |\n", c.name(), c.seconds(),
					c.serverActive(), c.fileDescriptors(), c.threads(), c.heapAfterGcBytes() / 1048576.0,
					c.directBytes() / 1048576.0, c.rssBytes() / 1048576.0, c.serverCpuSeconds()));
		}
		threadChanges(md);
		md.append("\n![connections and file descriptors](").append(charts.resolve("connections.png")).append(")\n");
		md.append("\n![heap, direct memory, RSS and threads](").append(charts.resolve("memory.png")).append(")\n");
	}

	/** The threads whose count at the end differs from the start, by name: what did not come back. */
	private void threadChanges(StringBuilder md) {
		Map<String, Integer> start = this.checkpoints.get(0).threadNames();
		Map<String, Integer> end = this.checkpoints.get(this.checkpoints.size() - 1).threadNames();
		java.util.Set<String> names = new java.util.TreeSet<>(start.keySet());
		names.addAll(end.keySet());
		List<String> rows = new ArrayList<>();
		for (String name : names) {
			int before = start.getOrDefault(name, 0);
			int after = end.getOrDefault(name, 0);
			if (before != after) {
				rows.add(String.format("| `%s` | %d | %d |", name, before, after));
			}
		}
		md.append("\nJVM threads (from `jcmd Thread.print`, numbers in names shown as #) whose count differs between ")
			.append("start and end:\n\n");
		if (rows.isEmpty()) {
			md.append("none.\n");
			return;
		}
		md.append("| thread | start | end |\n|---|---:|---:|\n").append(String.join("\n", rows)).append("\n");
	}

	/** The machine's cores: this JVM is pinned to one, so it cannot ask the runtime. */
	private static long cores() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter((line) -> line.startsWith("processor")).count();
		}
		catch (IOException ex) {
			return Runtime.getRuntime().availableProcessors();
		}
	}

	private String counter(String name) {
		return format(this.counters.getOrDefault(name, Double.NaN));
	}

	private static String format(double value) {
		return Double.isNaN(value) ? "n/a" : String.format("%,.0f", value);
	}

	private static void row(StringBuilder md, String figure, long value) {
		md.append(String.format("| %s | %,d |\n", figure, value));
	}

}
