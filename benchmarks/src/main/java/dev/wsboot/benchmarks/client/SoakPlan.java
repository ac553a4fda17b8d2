package dev.wsboot.benchmarks.client;

/**
 * What the soak's clients do.
 * @param clients readers connected at once once ramped up (echo and broadcast together)
 * @param broadcastShare the share of them on {@code /broadcast}
 * @param durationMillis how long clients keep coming; then all leave
 * @param minLifeMillis shortest life of a reader's connection
 * @param maxLifeMillis longest life; each reader leaves with a close handshake, and a new one takes its place
 * @param connectsPerSecond new connections started per second at most
 * @param echoIntervalMillis time between two messages of one echo client
 * @param echoMaxSize largest echo message; sizes run from 32 bytes up to it
 * @param broadcastsPerSecond messages published to {@code /broadcast} per second, over all its clients
 * @param broadcastSize payload bytes of a broadcast message
 * @param slowEveryMillis time between two slow readers
 * @param slowMaxStallMillis the longest a slow reader waits for the server to judge it slow
 * @param silentEveryMillis time between two clients that go silent
 * @param silentCheckMillis time after going silent at which a client checks that the server dropped it
 * @param abruptEveryMillis time between two clients that close their socket without a close frame
 */
public record SoakPlan(int clients, double broadcastShare, long durationMillis, long minLifeMillis, long maxLifeMillis,
		int connectsPerSecond, long echoIntervalMillis, int echoMaxSize, int broadcastsPerSecond, int broadcastSize,
		long slowEveryMillis, long slowMaxStallMillis, long silentEveryMillis, long silentCheckMillis,
		long abruptEveryMillis) {

	/** Readers on {@code /broadcast}. */
	public int broadcastClients() {
		return (int) Math.round(this.clients * this.broadcastShare);
	}

	public int echoClients() {
		return this.clients - broadcastClients();
	}

	/** How often one broadcast client publishes, so that all of them publish at the planned rate. */
	long publishIntervalMillis() {
		return Math.max(1, broadcastClients() * 1000L / this.broadcastsPerSecond);
	}

	/**
	 * The soak as docs/soak.md describes it, for {@code clients} readers over {@code durationMillis}:
	 * lives of 20 to 90 s, 5% of them on /broadcast, an echo a second per echo client, 40 broadcasts of 4 KiB a second (160 KiB a second to each
	 * subscriber, so a reader that stops overflows the 1 MB queue and the kernel's buffers before its
	 * missing pongs get it dropped), one slow
	 * reader at a time, every minute, a silent client every 20 s and an abrupt one every 5 s.
	 */
	public static SoakPlan standard(int clients, long durationMillis) {
		return new SoakPlan(clients, 0.05, durationMillis, 20_000, 90_000, 500, 1000, 2048, 40, 4096, 60_000,
				180_000, 20_000, 100_000, 5_000);
	}

}
