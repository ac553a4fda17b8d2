package dev.wsboot.benchmarks.soak;

import java.time.Instant;
import java.util.List;

import org.HdrHistogram.Histogram;

import dev.wsboot.benchmarks.client.PacedEcho;
import dev.wsboot.benchmarks.soak.Slowloris.Run;

/** docs/slowloris.md from the runs of {@link Slowloris}. */
final class SlowlorisReport {

	private SlowlorisReport() {
	}

	static String summary(PacedEcho.Figures figures) {
		return String.format("echo p50 %s p99 %s max %s (%d), connect p50 %s p99 %s (%d, %d failed)",
				ms(figures.echo(), 50), ms(figures.echo(), 99), ms(figures.echo(), 100), figures.echo().getTotalCount(),
				ms(figures.connect(), 50), ms(figures.connect(), 99), figures.connect().getTotalCount(),
				figures.connectFailures());
	}

	static String markdown(List<Run> runs, int attackers, long attackSeconds, long byteEvery, Instant started,
			String loadBefore, String command) {
		StringBuilder md = new StringBuilder("# Slowloris\n\n");
		md.append("Written by `").append(command).append("` (started ").append(Slowloris.timestamp(started))
			.append("; load average before: ").append(loadBefore).append(", other Maven or Surefire JVMs at the end: ")
			.append(Soak.otherBuilds()).append(").\n\n");
		md.append(String.format("The sample-app jar runs in its own JVM on CPU 0 (`-Xms1g -Xmx1g -XX:+UseParallelGC`, its `application.yml`, "
				+ "`ws.handshake-timeout` 10 s by default); the real client runs in another JVM on CPU 1, and the attacker in a third JVM on CPU 1 at the lowest priority (`nice -n 19`), so the real client always runs before it. The attacker keeps %,d sockets "
				+ "open from 127.0.0.2 to 127.0.0.65, each sending an upgrade request for `/echo` one byte every %,d ms and never "
				+ "its last byte, and opens a new one (up to 2,000 a second) for each that the server closes, for %d s. "
				+ "Then it stops replacing them and waits up to 25 s for the server to close the rest. Meanwhile a real "
				+ "client echoes a 64-byte text 100 times a second on one connection (each round trip timed from when "
				+ "it was due) and opens a fresh connection every 200 ms (the time to a 101 is the handshake time). "
				+ "The same client runs 20 s before the attack, for the figures without it.\n\n", attackers, byteEvery, attackSeconds));
		md.append("| configuration | echo p50 / p99 / max, no attack (ms) | echo p50 / p99 / max, under attack (ms) | handshake p50 / p99, no attack (ms) | handshake p50 / p99 / failed, under attack (ms) |\n");
		md.append("|---|---:|---:|---:|---:|\n");
		for (Run run : runs) {
			md.append("| ").append(run.name()).append(" | ").append(triple(run.baseline().echo())).append(" | ")
				.append(triple(run.attack().echo())).append(" | ").append(ms(run.baseline().connect(), 50)).append(" / ")
				.append(ms(run.baseline().connect(), 99)).append(" | ").append(ms(run.attack().connect(), 50)).append(" / ")
				.append(ms(run.attack().connect(), 99)).append(" / ").append(run.attack().connectFailures()).append(" |\n");
		}
		md.append("\nHow the attacker's sockets ended (\"408\": answered `408 Request Timeout` by the handshake timeout; "
				+ "\"dropped\": closed without a byte, the oldest pending upgrade dropped for a newer one past "
				+ "`ws.max-pending-handshakes`), beside the server's `ws.handshakes.rejected` counters:\n\n");
		md.append("| configuration | sockets opened | most open at once | 408 (client) / `timeout` (server) | dropped (client) / `pending-limit` (server) | other endings | still open after the wait | server descriptors: before / most / after | most pending upgrades |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Run run : runs) {
			var e = run.endings();
			md.append(String.format("| %s | %,d | %,d | %,d / %,.0f | %,d / %,.0f | %,d | %,d | %,d / %,d / %,d | %,.0f |\n", run.name(),
					e.opened(), e.maxOpen(), e.timedOut(), run.serverTimeouts(), e.dropped(), run.serverDropped(), e.other(),
					e.stillOpen(), run.fdsBefore(), run.maxServerFds(), run.fdsAfter(), run.maxPending()));
		}
		md.append("\nThe sockets the attacker could not open (refused or failed to connect) are not in the table: ");
		for (Run run : runs) {
			md.append(String.format("%,d with %s; ", run.endings().connectFailures(), run.name()));
		}
		md.setLength(md.length() - 2);
		md.append(".\n");
		return md.toString();
	}

	private static String triple(Histogram histogram) {
		return ms(histogram, 50) + " / " + ms(histogram, 99) + " / " + ms(histogram, 100);
	}

	private static String ms(Histogram histogram, double percentile) {
		if (histogram.getTotalCount() == 0) {
			return "n/a";
		}
		long value = (percentile >= 100) ? histogram.getMaxValue() : histogram.getValueAtPercentile(percentile);
		return String.format("%.2f", value / 1e6);
	}

}
