package dev.wsboot.benchmarks.report;

import dev.wsboot.benchmarks.client.ClusterBroadcastLoad;

/**
 * One measured window of the cluster scenario.
 * @param system which cluster: {@code wsboot} or {@code socketio}
 * @param phase what the publisher did: {@code flat-out-W} with W messages outstanding, or {@code paced-N}
 * for N messages a second
 * @param loadBefore the machine's 1-minute load average before the cluster's processes started
 * @param loadAfter the same when the window had been measured, this run's own processes included
 */
public record ClusterRun(String system, int repetition, String phase, ClusterBroadcastLoad.Result result,
		long measureMillis, double loadBefore, double loadAfter) {

	/** Where each process's CPU time sits in the result: the two nodes and Redis are the servers. */
	public static final int NODE_1 = 0;

	public static final int NODE_2 = 1;

	public static final int REDIS = 2;

	public static final int CLIENT = 3;

	public static final int MACHINE = 4;

	public double serverCpuSeconds() {
		double[] cpu = this.result.cpuSeconds();
		return cpu[NODE_1] + cpu[NODE_2] + cpu[REDIS];
	}

	/** Deliveries per second of CPU time of both nodes and Redis together. */
	public double perCpuSecond() {
		return this.result.deliveriesPerSecond() * this.measureMillis / 1e3 / serverCpuSeconds();
	}

	/** CPU time that other work on the machine took inside the window, in core-seconds. */
	public double otherCpuSeconds() {
		double[] cpu = this.result.cpuSeconds();
		return cpu[MACHINE] - serverCpuSeconds() - cpu[CLIENT];
	}

	public static String flatOut(int window) {
		return "flat-out-" + window;
	}

	public static String paced(int perSecond) {
		return "paced-" + perSecond;
	}

}
