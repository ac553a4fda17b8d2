package dev.wsboot.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

import dev.wsboot.benchmarks.BenchmarkSuite;
import dev.wsboot.benchmarks.harness.Peer;
import dev.wsboot.benchmarks.harness.Peers;
import dev.wsboot.benchmarks.harness.Results;
import dev.wsboot.benchmarks.harness.Scenario;
import dev.wsboot.benchmarks.harness.Settings;
import dev.wsboot.benchmarks.harness.Warmup;

/** Writes BENCHMARKS.md at the repository root and its charts under docs/benchmarks/. */
public final class Report {

	private final Path repo;

	private final Settings settings;

	private final List<Peer> peers;

	private final Results results;

	private final Instant started;

	private final double minutes;

	private final String arguments;

	private final StringBuilder md = new StringBuilder();

	public Report(Path repo, Settings settings, List<Peer> peers, Results results, Instant started, double minutes,
			String arguments) {
		this.repo = repo;
		this.settings = settings;
		this.peers = peers;
		this.results = results;
		this.started = started;
		this.minutes = minutes;
		this.arguments = arguments;
	}

	public void write() throws IOException {
		Path charts = this.repo.resolve("docs/benchmarks");
		Files.createDirectories(charts);
		header();
		List<Scenario> small = new ArrayList<>();
		List<Scenario> large = new ArrayList<>();
		for (Scenario scenario : this.settings.scenarios()) {
			(scenario.large() ? large : small).add(scenario);
		}
		servers();
		new Targets(this.results, this.settings).lines().forEach(this::line);
		summaryTable(small);
		new ClientMargin(this.results, this.peers, this.settings.scenarios()).lines().forEach(this::line);
		line("## Small-message echo");
		line("");
		line("![echo throughput](docs/benchmarks/echo-throughput.png)");
		line("");
		line("![echo per CPU-second](docs/benchmarks/echo-per-cpu.png)");
		line("");
		for (Scenario scenario : small) {
			echoTable(scenario);
		}
		line("## Large messages");
		line("");
		for (Scenario scenario : large) {
			echoTable(scenario);
		}
		line("## Broadcast fan-out");
		line("");
		line("![broadcast](docs/benchmarks/broadcast.png)");
		line("");
		rateTable(BenchmarkSuite.BROADCAST, "deliveries/s", true, false);
		rateTable(BenchmarkSuite.BROADCAST_1KIB, "deliveries/s", true, false);
		line("### Paced broadcast");
		line("");
		line("The publisher sends on a fixed schedule whatever the deliveries do, so latency is measured against "
				+ "the schedule, as subscribers of a live feed see it. Deliveries are counted inside the window; "
				+ "latency covers every message published inside it.");
		line("");
		rateTable(BenchmarkSuite.PACED, "deliveries/s", true, false);
		slowConsumerTable();
		compressionTable(small);
		line("## Connection churn");
		line("");
		rateTable(BenchmarkSuite.CHURN, "open+close/s", false, false);
		idleTable();
		if (this.results.micro() != null) {
			line("## Micro-benchmarks (JMH)");
			line("");
			line("The engine's protocol code alone, in one forked JVM with the servers' flags, pinned like the client: "
					+ "`java -cp <classpath> dev.wsboot.benchmarks.micro.MicroBenchmarks --" + this.settings.name() + "`.");
			line("");
			line(this.results.micro());
			line("");
		}
		failures();
		gaps();
		Path file = this.repo.resolve("BENCHMARKS.md");
		// The cluster section comes from its own run (benchmarks/run.sh cluster): keep it.
		String cluster = Files.isRegularFile(file) ? ClusterReport.section(Files.readString(file)) : "";
		Files.writeString(file, this.md + (cluster.isEmpty() ? "" : "\n" + cluster));
		charts(charts, small);
	}

	private void header() {
		Machine machine = Machine.describe(this.repo);
		line("# wsboot benchmarks");
		line("");
		line("Run everything with one command from the repository root:");
		line("");
		line("```");
		line("benchmarks/run.sh --quick   # about 18 minutes (17.6 min on 2026-12-02): short windows, 19,000 idle connections");
		line("benchmarks/run.sh --full    # about 100 minutes (97.2 min on 2026-12-02): 3 repetitions of everything, 2 s windows, " + Settings.full().scenarios().size() + " echo scenarios, 19,000 idle connections on fresh servers");
		line("benchmarks/run.sh cluster   # two nodes over Redis, wsboot beside Socket.IO: the cluster section at the end");
		line("```");
		line("");
		line("`run.sh` builds with `mvn -B -q -pl benchmarks -am package -Dmaven.test.skip=true`, then runs "
				+ "`taskset -c 1 java -cp benchmarks/target/classes:<runtime classpath> "
				+ "dev.wsboot.benchmarks.BenchmarkSuite --quick|--full --repo .`, which compiles the C echo and "
				+ "installs the Node packages into `benchmarks/target/` at run time, then writes this file and "
				+ "`docs/benchmarks/*.png`.");
		line("");
		line("These figures: variant **" + this.settings.name() + "** (`BenchmarkSuite " + this.arguments + "`), started "
				+ this.started.truncatedTo(ChronoUnit.SECONDS) + ", took " + String.format("%.1f", this.minutes) + " min.");
		line("");
		line("## Machine");
		line("");
		line("- CPUs: " + machine.cpus() + " × " + machine.cpuModel() + "; kernel " + machine.kernel());
		line("- JDK (client and every Java server): " + machine.jdk());
		line("- Node " + machine.node() + ", Bun " + machine.bun());
		line("- Load average when the run started: " + machine.loadAverage() + (machine.shared()
				? ". **The machine was shared**: other work ran on the same two cores during the run, so absolute "
						+ "numbers are noisy and a server can lose its core for a while; compare servers within one "
						+ "run and prefer the per-CPU-second figures."
				: " (the machine was otherwise idle)."));
		line("");
		line("## Method");
		line("");
		line("- Each server is its own process pinned to CPU 0 (`taskset -c 0`); the load client is pinned to CPU 1. "
				+ "Everything talks over 127.0.0.1. Two clients, both our own code with no wsboot classes: the echoes "
				+ "run on a C client (`src/main/c/echo_load.c`, one level-triggered epoll thread that polls without "
				+ "sleeping while replies keep coming, built with `gcc -O2` at run time like the C echo), the permessage-deflate echoes, broadcasts and churn on a Java client "
				+ "(one NIO selector thread). The Java client drives every echo when gcc is missing or with "
				+ "`--client java`; the client of each scenario is named in the load client margin table.");
		line("- The client's capacity is checked in every run (the load client margin table): for the echoes "
				+ "against the fastest raw echo; for the broadcast bursts, where no raw echo takes part, from how "
				+ "busy the Java client's load thread was: its CPU time from `/proc/thread-self/schedstat` over the "
				+ "window less its run-queue wait (its collector and compiler threads share the pinned core and "
				+ "count as that wait), against 100% of its one core.");
		line("- Every JVM server runs with `" + String.join(" ", Peers.JVM_FLAGS)
				+ "` (Parallel GC: a fixed 1 GiB heap, no concurrent GC threads to compete for the one core).");
		line("- Frames are prebuilt and masked (the C client sends the Java client's frame, written to a file); only the "
				+ "16-byte timestamp at the start of each payload is rewritten. "
				+ "Every returned message is compared byte for byte with what was sent (the timestamp aside); "
				+ "latency is receive time minus that timestamp, recorded in HdrHistogram (the C client keeps "
				+ "log-linear buckets within 1/128 of the value and takes one clock reading per read; the harness "
				+ "loads them into the same histogram).");
		line("- Per server: warm-up after start through every echo scenario in turn, a second each (where the "
				+ "broadcasts and churn are measured, a broadcast burst and a churn second take their turns too), each at least once, for at least "
				+ this.settings.serverWarmupMillis() + " ms and then until the JIT compiler threads used less than "
				+ String.format("%.0f%%", Warmup.QUIET_JIT_SHARE * 100) + " of the server's CPU over its last " + Warmup.SPAN_CPU_SECONDS + " CPU-seconds (at most "
				+ Warmup.MAX_MILLIS / 1000 + " s; the servers table says how long each took). A fixed time is not "
				+ "enough on a shared machine: docs/benchmarks/netty.md. Then per scenario "
				+ this.settings.warmupMillis() + " ms warm-up and a " + this.settings.measureMillis()
				+ " ms measured window. " + this.settings.repetitions() + " repetitions, servers interleaved (each "
				+ "repetition rotates the order)"
				+ ((this.settings.repeatedScenarios() < this.settings.scenarios().size())
						? "; repetitions after the first run only the first " + this.settings.repeatedScenarios()
								+ " echo scenarios, the others have one sample"
						: "")
				+ ". Tables give the median and the min–max over repetitions.");
		line("- Per CPU-second: messages counted in the window divided by the server's utime+stime over the same "
				+ "window, from /proc/PID/stat (10 ms ticks).");
		line("- Pipelined ×N keeps N messages in flight per connection; non-pipelined waits for each echo.");
		line("- The raw echoes (Java NIO and C epoll) return the client's bytes untouched, with no handshake and no "
				+ "framing: they are floors of what the socket layer costs, not WebSocket servers.");
		line("- Broadcasts, the slow consumer and churn ran " + ((this.settings.repetitions() > 2) ? "every repetition" : "in the first repetition only")
				+ ", the paced 19,000-subscriber broadcast last on each server (some do not survive it); idle "
				+ "connections once per server, "
				+ (this.settings.freshServerForIdle() ? "on a freshly started server."
						: "at the end of the first repetition on the same process (so a JVM's RSS growth "
								+ "understates: its heap pages were already touched; the heap figure is exact)."));
		line("");
	}

	private void servers() {
		line("## Servers");
		line("");
		line("Each serves `/echo` (every message back, verbatim) and `/broadcast` (every message to every client of "
				+ "`/broadcast`, the sender included), with its own defaults unless a note says otherwise.");
		line("");
		line("| id | server | warm-up (last repetition) |");
		line("|---|---|---|");
		for (Peer peer : this.peers) {
			line("| " + name(peer) + " | " + peer.label()
					+ ((peer.unavailable() != null) ? " — **not run**: " + peer.unavailable() : "") + " | "
					+ Objects.requireNonNullElse(this.results.note(BenchmarkSuite.WARMUP, peer.id()), "–") + " |");
		}
		line("");
	}

	/** wsboot against the floors and against Netty, scenario by scenario. */
	private void summaryTable(List<Scenario> small) {
		line("## Summary: wsboot against the raw echoes and Netty");
		line("");
		line("Ratios of medians, same scenario and run. Throughput ratios depend on the shared machine and on the "
				+ "one-thread client; the per-CPU-second ratios compare how much work each server does per message.");
		line("");
		line("| scenario | wsboot | msgs/s | ÷ raw Java | ÷ raw C | ÷ Netty | per CPU-s | ÷ raw Java | ÷ raw C | ÷ Netty |");
		line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (Scenario scenario : small) {
			String id = scenario.id();
			for (String wsboot : List.of("wsboot-io", "wsboot-exec", "wsboot-starter")) {
				Results.Summary rate = summary(id, wsboot, Results.Sample::rate);
				if (rate.count() == 0) {
					continue;
				}
				Results.Summary cpu = summary(id, wsboot, Results.Sample::perCpuSecond);
				line("| " + scenario.title() + " | " + wsboot + " | " + num(rate.median()) + " | "
						+ ratio(rate, summary(id, Peers.RAW_JAVA, Results.Sample::rate)) + " | "
						+ ratio(rate, summary(id, Peers.RAW_C, Results.Sample::rate)) + " | "
						+ ratio(rate, summary(id, Peers.NETTY, Results.Sample::rate)) + " | " + num(cpu.median()) + " | "
						+ ratio(cpu, summary(id, Peers.RAW_JAVA, Results.Sample::perCpuSecond)) + " | "
						+ ratio(cpu, summary(id, Peers.RAW_C, Results.Sample::perCpuSecond)) + " | "
						+ ratio(cpu, summary(id, Peers.NETTY, Results.Sample::perCpuSecond)) + " |");
			}
		}
		line("");
	}

	private void echoTable(Scenario scenario) {
		String id = scenario.id();
		line("### " + scenario.title());
		line("");
		boolean large = scenario.large();
		line("| server | msgs/s | min–max | " + (large ? "MiB/s | " : "") + "msgs per server CPU-s | p50 µs | p99 µs | "
				+ "÷ raw Java | ÷ raw C | ÷ Netty |");
		line("|---|---:|---:|" + (large ? "---:|" : "") + "---:|---:|---:|---:|---:|---:|");
		Results.Summary java = summary(id, Peers.RAW_JAVA, Results.Sample::rate);
		Results.Summary c = summary(id, Peers.RAW_C, Results.Sample::rate);
		Results.Summary netty = summary(id, Peers.NETTY, Results.Sample::rate);
		for (Peer peer : this.peers) {
			Results.Summary rate = summary(id, peer.id(), Results.Sample::rate);
			if (rate.count() == 0) {
				continue;
			}
			line("| " + name(peer) + " | " + num(rate.median()) + " | " + num(rate.min()) + "–" + num(rate.max()) + " | "
					+ (large ? num(rate.median() * scenario.size() / 1048576.0) + " | " : "")
					+ num(summary(id, peer.id(), Results.Sample::perCpuSecond).median()) + " | "
					+ dec(summary(id, peer.id(), Results.Sample::p50Micros).median()) + " | "
					+ dec(summary(id, peer.id(), Results.Sample::p99Micros).median()) + " | "
					+ ratio(rate, java) + " | " + ratio(rate, c) + " | " + ratio(rate, netty) + " |");
		}
		line("");
	}

	private void rateTable(String id, String unit, boolean latency, boolean ratios) {
		line("_" + this.results.titles().get(id) + "_" + (this.results.peers(id).isEmpty() ? ": not run." : ""));
		line("");
		if (this.results.peers(id).isEmpty()) {
			return;
		}
		line("| server | " + unit + " | min–max | per server CPU-s |" + (latency ? " p50 µs | p99 µs |" : "")
				+ " ÷ Netty |");
		line("|---|---:|---:|---:|" + (latency ? "---:|---:|" : "") + "---:|");
		Results.Summary netty = summary(id, Peers.NETTY, Results.Sample::rate);
		for (Peer peer : this.peers) {
			Results.Summary rate = summary(id, peer.id(), Results.Sample::rate);
			if (rate.count() == 0) {
				continue;
			}
			line("| " + name(peer) + " | " + num(rate.median()) + " | " + num(rate.min()) + "–" + num(rate.max()) + " | "
					+ num(summary(id, peer.id(), Results.Sample::perCpuSecond).median()) + " |"
					+ (latency ? " " + dec(summary(id, peer.id(), Results.Sample::p50Micros).median()) + " | "
							+ dec(summary(id, peer.id(), Results.Sample::p99Micros).median()) + " |" : "")
					+ " " + ratio(rate, netty) + " |");
		}
		line("");
	}

	/** Whether one subscriber that never reads slows the others, and what the server does with it. */
	private void slowConsumerTable() {
		String base = BenchmarkSuite.SLOW_BASELINE;
		String slow = BenchmarkSuite.SLOW;
		line("### Slow consumer");
		line("");
		if (this.results.peers(base).isEmpty() && this.results.peers(slow).isEmpty()) {
			line("_Not run in this variant._");
			line("");
			return;
		}
		line("_" + this.results.titles().get(base) + "; then " + this.results.titles().get(slow) + "._ "
				+ "Its unread messages fill its socket buffers, then whatever queue the server keeps for it; "
				+ "the server may close it once that queue reaches its limit. wsboot's peers here allow 64 MiB "
				+ "per connection (raised for the 16 MiB echo; the default is 1 MiB), more than this window sends, "
				+ "so this table shows the effect on the others and the server's memory; the close at the limit "
				+ "(1008, `slow-client-policy: close`) is proven by the engine's `SlowClientTests`.");
		line("");
		line("| server | deliveries/s | p99 µs | with slow consumer: deliveries/s | p99 µs | p99 ratio | the slow consumer |");
		line("|---|---:|---:|---:|---:|---:|---|");
		for (Peer peer : this.peers) {
			Results.Summary withSlow = summary(slow, peer.id(), Results.Sample::rate);
			Results.Summary without = summary(base, peer.id(), Results.Sample::rate);
			if (withSlow.count() == 0 && without.count() == 0) {
				continue;
			}
			Results.Summary p99 = summary(base, peer.id(), Results.Sample::p99Micros);
			Results.Summary p99Slow = summary(slow, peer.id(), Results.Sample::p99Micros);
			String note = this.results.note(slow, peer.id());
			line("| " + name(peer) + " | " + num(without.median()) + " | " + dec(p99.median()) + " | "
					+ num(withSlow.median()) + " | " + dec(p99Slow.median()) + " | " + ratio(p99Slow, p99) + " | "
					+ ((note != null) ? note : "–") + " |");
		}
		line("");
	}

	/** Compressed echo beside the same messages uncompressed. */
	private void compressionTable(List<Scenario> small) {
		if (small.stream().noneMatch(Scenario::deflate)) {
			return;
		}
		line("## Compression (permessage-deflate)");
		line("");
		line("Each compressed scenario against the same messages uncompressed. The client offers `"
				+ "permessage-deflate; client_no_context_takeover; server_no_context_takeover` and sends each "
				+ "message deflated (prebuilt: the timestamp in a stored block, the rest Huffman-coded), inflates "
				+ "every reply and checks it. Servers that decline the offer are listed under failures.");
		line("");
		line("Replies compressed: the share of the server's replies that came with RSV1 set, in the last "
				+ "repetition; a server may send small messages uncompressed, and one that compresses fewer does "
				+ "less work.");
		line("");
		for (Scenario compressed : small) {
			if (!compressed.deflate()) {
				continue;
			}
			Scenario plain = small.stream()
				.filter((s) -> !s.deflate() && s.kind() == compressed.kind() && s.size() == compressed.size()
						&& s.connections() == compressed.connections() && s.depth() == compressed.depth())
				.findFirst()
				.orElse(null);
			line("### " + compressed.title());
			line("");
			line("| server | msgs/s | msgs per server CPU-s | p99 µs | replies compressed | uncompressed msgs per CPU-s | compressed ÷ uncompressed | ÷ Netty |");
			line("|---|---:|---:|---:|---:|---:|---:|---:|");
			Results.Summary netty = summary(compressed.id(), Peers.NETTY, Results.Sample::perCpuSecond);
			for (Peer peer : this.peers) {
				Results.Summary cpu = summary(compressed.id(), peer.id(), Results.Sample::perCpuSecond);
				if (cpu.count() == 0) {
					continue;
				}
				Results.Summary plainCpu = (plain != null) ? summary(plain.id(), peer.id(), Results.Sample::perCpuSecond)
						: Results.Summary.of(List.of());
				line("| " + name(peer) + " | " + num(summary(compressed.id(), peer.id(), Results.Sample::rate).median())
						+ " | " + num(cpu.median()) + " | "
						+ dec(summary(compressed.id(), peer.id(), Results.Sample::p99Micros).median()) + " | "
						+ Objects.requireNonNullElse(this.results.note(compressed.id(), peer.id()), "–") + " | "
						+ num(plainCpu.median()) + " | " + ratio(cpu, plainCpu) + " | " + ratio(cpu, netty) + " |");
			}
			line("");
		}
	}

	private void idleTable() {
		line("## Idle connections");
		line("");
		line("![idle](docs/benchmarks/idle.png)");
		line("");
		line("Growth per held connection (WebSocket open, nothing sent). Heap: live bytes after a full GC "
				+ "(`jcmd PID GC.class_histogram`), before and after; direct: the JVM's `direct` buffer pool "
				+ "(BufferPoolMXBean over the attach API's local agent), read after that GC; RSS: VmRSS from "
				+ "/proc/PID/status.");
		line("");
		line("| server | connections | live heap B/conn | direct B/conn | heap + direct B/conn | RSS B/conn |");
		line("|---|---:|---:|---:|---:|---:|");
		for (Peer peer : this.peers) {
			Results.Idle idle = this.results.idle().get(peer.id());
			if (idle != null) {
				line("| " + name(peer) + " | " + num(idle.connections()) + " | " + num(idle.heapBytesPerConnection())
						+ " | " + num(idle.directBytesPerConnection()) + " | "
						+ num(idle.heapAndDirectBytesPerConnection()) + " | " + num(idle.rssBytesPerConnection()) + " |");
			}
		}
		line("");
	}

	private void failures() {
		line("## Failures in this run");
		line("");
		boolean any = false;
		for (Peer peer : this.peers) {
			if (peer.unavailable() != null) {
				line("- " + peer.id() + " not run: " + peer.unavailable());
				any = true;
			}
		}
		for (Map.Entry<String, Map<String, String>> scenario : this.results.allFailures().entrySet()) {
			for (Map.Entry<String, String> failure : scenario.getValue().entrySet()) {
				line("- " + scenario.getKey() + " on " + failure.getKey() + ": " + failure.getValue());
				any = true;
			}
		}
		if (!any) {
			line("- none");
		}
		line("");
	}

	private void gaps() {
		line("## Not covered yet");
		line("");
		line("- Raw echoes take no part in broadcast and churn (they have no WebSocket handshake).");
		line("- One client thread on one core: where the load client margin table flags a scenario client-bound, "
				+ "the client, not the server, may be the limit; the per-CPU-second column is the fairer comparison "
				+ "there. The broadcasts still run on the Java client.");
		line("- Warm-up matters most to the larger JVM servers (Netty, Jetty, Tomcat): the JIT compiler threads run "
				+ "in the server's process on the server's core, so their work is counted in its CPU time, and a "
				+ "half-compiled server is slow. Each server is therefore warmed until its compilers are quiet (see "
				+ "Method); a compilation that starts later, inside a measured window, still counts. Netty runs on "
				+ "both of its Linux transports with its production settings (docs/benchmarks/netty.md); the "
				+ "unsafe `io.netty.buffer.checkBounds=false` and `checkAccessible=false` are not set.");
		line("- The slow consumer's unread bytes fit in the socket buffers within the window, so the server-side "
				+ "queue limit is not reached there; `SlowClientTests` in the engine covers the close at the limit.");
		line("- RSS growth per idle connection is unreliable for runtimes that give memory back (Bun can show a "
				+ "negative figure); the JVMs' live-heap figure is the precise one.");
		line("- No TLS, no multi-core scaling runs; the only fixed-rate (open-loop) runs are the paced broadcasts, "
				+ "echo is always closed-loop.");
		line("- Profiling a server: `BENCH_SERVER_JVM_ARGS=\"-XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile\" "
				+ "benchmarks/run.sh --quick --peers wsboot-io --scenarios echo-64c-1KiB-utf8-p16 --reps 3`, then "
				+ "`jfr print --events jdk.ExecutionSample /tmp/s.jfr`.");
		line("");
	}

	private void charts(Path dir, List<Scenario> small) throws IOException {
		if (!small.isEmpty()) {
			echoCharts(dir, small);
		}
		otherCharts(dir);
	}

	private void echoCharts(Path dir, List<Scenario> small) throws IOException {
		List<String> categories = new ArrayList<>();
		for (Scenario scenario : small) {
			categories.add(scenario.id().replace("echo-", ""));
		}
		Map<String, List<Double>> rate = new LinkedHashMap<>();
		Map<String, List<Double>> perCpu = new LinkedHashMap<>();
		for (Peer peer : this.peers) {
			if (peer.unavailable() != null || summary(small.get(0).id(), peer.id(), Results.Sample::rate).count() == 0) {
				continue;
			}
			List<Double> r = new ArrayList<>();
			List<Double> p = new ArrayList<>();
			for (Scenario scenario : small) {
				r.add(summary(scenario.id(), peer.id(), Results.Sample::rate).median());
				p.add(summary(scenario.id(), peer.id(), Results.Sample::perCpuSecond).median());
			}
			rate.put(peer.id(), r);
			perCpu.put(peer.id(), p);
		}
		Charts.bars(dir.resolve("echo-throughput.png"), "Small-message echo (median msgs/s)", "msgs/s", categories, rate);
		Charts.bars(dir.resolve("echo-per-cpu.png"), "Small-message echo per server CPU-second", "msgs per CPU-s",
				categories, perCpu);
	}

	private void otherCharts(Path dir) throws IOException {
		List<String> names = new ArrayList<>();
		List<Double> deliveries = new ArrayList<>();
		List<Double> heap = new ArrayList<>();
		List<Double> direct = new ArrayList<>();
		List<Double> rss = new ArrayList<>();
		List<String> idleNames = new ArrayList<>();
		for (Peer peer : this.peers) {
			Results.Summary broadcast = summary(BenchmarkSuite.BROADCAST, peer.id(), Results.Sample::rate);
			if (broadcast.count() > 0) {
				names.add(peer.id());
				deliveries.add(broadcast.median());
			}
			Results.Idle idle = this.results.idle().get(peer.id());
			if (idle != null) {
				idleNames.add(peer.id());
				heap.add(idle.heapBytesPerConnection());
				direct.add(idle.directBytesPerConnection());
				rss.add(idle.rssBytesPerConnection());
			}
		}
		if (!names.isEmpty()) {
			Charts.bars(dir.resolve("broadcast.png"), String.format("Broadcast to %,d subscribers (median deliveries/s)",
					this.settings.broadcastSubscribers()),
					"deliveries/s", names, Map.of("deliveries/s", deliveries));
		}
		if (!idleNames.isEmpty()) {
			Map<String, List<Double>> idle = new LinkedHashMap<>();
			idle.put("live heap B/conn", heap);
			idle.put("direct B/conn", direct);
			idle.put("RSS B/conn", rss);
			Charts.bars(dir.resolve("idle.png"), "Idle connections: bytes per connection", "bytes", idleNames, idle);
		}
	}

	private Results.Summary summary(String scenario, String peer, ToDoubleFunction<Results.Sample> metric) {
		return this.results.summary(scenario, peer, metric);
	}

	private static String name(Peer peer) {
		return "**" + peer.id() + "**";
	}

	private static String ratio(Results.Summary value, Results.Summary reference) {
		if (reference.count() == 0 || Double.isNaN(value.median()) || reference.median() == 0) {
			return "–";
		}
		return String.format("%.2f", value.median() / reference.median());
	}

	private static String num(double value) {
		return Double.isNaN(value) ? "–" : String.format("%,.0f", value);
	}

	private static String dec(double value) {
		return Double.isNaN(value) ? "–" : String.format("%,.1f", value);
	}

	private void line(String text) {
		this.md.append(text).append('\n');
	}

}
