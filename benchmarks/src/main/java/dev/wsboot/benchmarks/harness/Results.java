package dev.wsboot.benchmarks.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Every measured sample, by scenario then server, with failures kept beside them. */
public final class Results {

	/**
	 * One repetition of one scenario on one server.
	 * @param rate messages (or handshakes, or deliveries) per second
	 * @param perCpuSecond the same count per second of server CPU time
	 * @param clientCpuShare the load client's CPU time over the window's length, or NaN
	 */
	public record Sample(double rate, double perCpuSecond, double p50Micros, double p99Micros, long errors,
			double clientCpuShare) {

		public Sample(double rate, double perCpuSecond, double p50Micros, double p99Micros, long errors) {
			this(rate, perCpuSecond, p50Micros, p99Micros, errors, Double.NaN);
		}

	}

	/**
	 * Idle connections held: growth of live heap, of direct buffers and of RSS, per connection.
	 * Heap and direct are NaN for a process that is not a JVM.
	 */
	public record Idle(int connections, double heapBytesPerConnection, double directBytesPerConnection,
			double rssBytesPerConnection) {

		/** What the JVM holds for a connection, on its heap and off it. */
		public double heapAndDirectBytesPerConnection() {
			return this.heapBytesPerConnection + this.directBytesPerConnection;
		}

	}

	/** Median with the spread of a list of samples. */
	public record Summary(double median, double min, double max, int count) {

		public static Summary of(List<Double> values) {
			List<Double> sorted = new ArrayList<>(values);
			sorted.removeIf((v) -> v.isNaN());
			if (sorted.isEmpty()) {
				return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
			}
			Collections.sort(sorted);
			int n = sorted.size();
			double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
			return new Summary(median, sorted.get(0), sorted.get(n - 1), n);
		}

	}

	private final Map<String, String> titles = new LinkedHashMap<>();

	private final Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> failures = new LinkedHashMap<>();

	private final Map<String, Idle> idle = new LinkedHashMap<>();

	private final Map<String, Map<String, String>> notes = new LinkedHashMap<>();

	private final Map<String, String> clients = new LinkedHashMap<>();

	private String micro;

	public void declare(String scenario, String title) {
		this.titles.putIfAbsent(scenario, title);
	}

	public void add(String scenario, String peer, Sample sample) {
		this.samples.computeIfAbsent(scenario, (k) -> new LinkedHashMap<>()).computeIfAbsent(peer, (k) -> new ArrayList<>())
			.add(sample);
	}

	public void fail(String scenario, String peer, String message) {
		this.failures.computeIfAbsent(scenario, (k) -> new LinkedHashMap<>()).putIfAbsent(peer, message);
	}

	/** Something a table shows beside a sample, such as what became of a slow consumer. */
	public void note(String scenario, String peer, String text) {
		this.notes.computeIfAbsent(scenario, (k) -> new LinkedHashMap<>()).put(peer, text);
	}

	public String note(String scenario, String peer) {
		return this.notes.getOrDefault(scenario, Map.of()).get(peer);
	}

	/** Which load client drove a scenario ({@link LoadClient#C} or {@link LoadClient#JAVA}). */
	public void client(String scenario, String client) {
		this.clients.put(scenario, client);
	}

	public String client(String scenario) {
		return this.clients.get(scenario);
	}

	/** The JMH micro-benchmarks' table, already in Markdown. */
	public void micro(String markdown) {
		this.micro = markdown;
	}

	public String micro() {
		return this.micro;
	}

	public void idle(String peer, Idle value) {
		this.idle.put(peer, value);
	}

	public Map<String, String> titles() {
		return this.titles;
	}

	public Map<String, Idle> idle() {
		return this.idle;
	}

	public Map<String, String> failures(String scenario) {
		return this.failures.getOrDefault(scenario, Map.of());
	}

	public Map<String, Map<String, String>> allFailures() {
		return this.failures;
	}

	public List<Sample> samples(String scenario, String peer) {
		return this.samples.getOrDefault(scenario, Map.of()).getOrDefault(peer, List.of());
	}

	/** The servers with at least one sample of {@code scenario}, in the order they first ran it. */
	public List<String> peers(String scenario) {
		return List.copyOf(this.samples.getOrDefault(scenario, Map.of()).keySet());
	}

	public Summary summary(String scenario, String peer, ToDoubleFunction<Sample> metric) {
		List<Double> values = new ArrayList<>();
		for (Sample sample : samples(scenario, peer)) {
			values.add(metric.applyAsDouble(sample));
		}
		return Summary.of(values);
	}

}
