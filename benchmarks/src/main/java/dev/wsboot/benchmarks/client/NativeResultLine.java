package dev.wsboot.benchmarks.client;

import java.io.IOException;

import org.HdrHistogram.Histogram;

/**
 * The C client's one line of results: {@code RESULT counted=N errors=N server_cpu=S
 * client_cpu=S client_wait=S client_idle=S buckets=I:C,...}, or {@code FAIL reason}. It polls
 * without sleeping, so its busy time is its CPU time less what it polled in vain (client_idle).
 */
final class NativeResultLine {

	/** The C client's log-linear latency buckets: 2^SUB_BITS of them per power of two. */
	private static final int SUB_BITS = 6;

	private static final int LINEAR = 1 << (SUB_BITS + 1);

	private NativeResultLine() {
	}

	static LoadResult parse(String output, long measureMillis) throws IOException {
		String line = null;
		for (String candidate : output.split("\n")) {
			if (candidate.startsWith("RESULT ") || candidate.startsWith("FAIL ")) {
				line = candidate.trim();
			}
		}
		if (line == null) {
			throw new IOException("The C load client gave no result: " + output.strip());
		}
		if (line.startsWith("FAIL ")) {
			// Connector.OPEN_FAILURE's wording is kept, so the suite can tell a server that stopped accepting.
			throw new IOException(line.substring(5));
		}
		long counted = 0;
		long errors = 0;
		double serverCpu = Double.NaN;
		double clientCpu = Double.NaN;
		double clientWait = 0;
		double clientIdle = 0;
		Histogram latency = LoadResult.newHistogram();
		for (String field : line.substring(7).split(" ")) {
			int eq = field.indexOf('=');
			String value = field.substring(eq + 1);
			switch (field.substring(0, eq)) {
				case "counted" -> counted = Long.parseLong(value);
				case "errors" -> errors = Long.parseLong(value);
				case "server_cpu" -> serverCpu = seconds(value);
				case "client_cpu" -> clientCpu = seconds(value);
				case "client_wait" -> clientWait = seconds(value);
				case "client_idle" -> clientIdle = seconds(value);
				case "buckets" -> record(latency, value);
				default -> {
					// A field a newer client adds; nothing here reads it.
				}
			}
		}
		return new LoadResult(counted * 1e3 / measureMillis, latency, errors, serverCpu, Double.NaN,
				LoadResult.busyShare(clientCpu - clientIdle, clientWait, measureMillis / 1e3));
	}

	private static double seconds(String value) {
		return value.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(value);
	}

	private static void record(Histogram latency, String buckets) {
		if (buckets.isEmpty()) {
			return;
		}
		for (String entry : buckets.split(",")) {
			int colon = entry.indexOf(':');
			long value = middle(Integer.parseInt(entry.substring(0, colon)));
			latency.recordValueWithCount(Math.min(value, latency.getHighestTrackableValue()),
					Long.parseLong(entry.substring(colon + 1)));
		}
	}

	/** The middle of a bucket, in nanoseconds: within 1/128 of every value it holds. */
	static long middle(int bucket) {
		if (bucket < LINEAR) {
			return bucket;
		}
		int exponent = SUB_BITS + 1 + (bucket - LINEAR) / (1 << SUB_BITS);
		long sub = (bucket - LINEAR) % (1 << SUB_BITS);
		long width = 1L << (exponent - SUB_BITS);
		return ((1L << SUB_BITS) + sub) * width + width / 2;
	}

}
