package dev.wsboot.benchmarks.soak;

/** What the soak records about the server and the machine. */
final class SoakRecords {

	private SoakRecords() {
	}

	/**
	 * One sample, every few seconds.
	 * @param seconds since the clients started
	 * @param clientsOpen connections the clients hold open
	 * @param serverActive the server's ws.connections.active
	 * @param heapUsedMiB heap in use when sampled, garbage included
	 * @param otherBuilds other Maven or Surefire JVMs running on the machine
	 */
	record Sample(double seconds, double clientsOpen, double serverActive, double fileDescriptors, double threads,
			double heapUsedMiB, double directMiB, double rssMiB, double messagesSent, double messagesReceived,
			double loadAverage, int otherBuilds) {
	}

	/**
	 * The server at one moment, after a full GC.
	 * @param name start, middle or end
	 * @param threadNames the JVM's threads counted by name, numbers taken out
	 */
	record Checkpoint(String name, double seconds, double serverActive, long fileDescriptors, long threads,
			long heapAfterGcBytes, double directBytes, long rssBytes, double serverCpuSeconds,
			java.util.Map<String, Integer> threadNames) {
	}

}
