package dev.wsboot.cluster.redis;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Whether Redis answers, as the heartbeats and every failed call tell: available while the last
 * heartbeat succeeded less than two intervals ago and no call failed since (so a heartbeat that
 * hangs counts as an outage too). One WARN when an outage starts and one when it ends, never a
 * line per failed call. Also remembers that writes to this node's keys were skipped meanwhile.
 * Thread-safe.
 */
final class Availability {

	private static final Log logger = LogFactory.getLog(RedisBackplane.class);

	private final long staleNanos;

	private final int node;

	private volatile long lastBeatNanos;

	/** Whether the last call to Redis failed; true until the first heartbeat. */
	private volatile boolean failed = true;

	/** Whether the failure was logged; one WARN per outage. */
	private volatile boolean outageLogged;

	/** Whether writes to this node's keys were skipped, so the keys must be written again. */
	private volatile boolean rebuild;

	Availability(Duration heartbeatInterval, int node) {
		this.staleNanos = 2 * heartbeatInterval.toNanos();
		this.node = node;
	}

	boolean isAvailable() {
		return !this.failed && System.nanoTime() - this.lastBeatNanos < this.staleNanos;
	}

	/** A heartbeat succeeded. */
	void beat() {
		this.lastBeatNanos = System.nanoTime();
		this.failed = false;
		if (this.outageLogged) {
			this.outageLogged = false;
			logger.warn("Redis reachable again: WebSocket cluster traffic resumed on node " + this.node);
		}
	}

	/** A call to Redis failed: unavailable until the next good heartbeat, and the keys are rewritten then. */
	void failed(Exception ex) {
		this.failed = true;
		this.rebuild = true;
		if (!this.outageLogged) {
			this.outageLogged = true;
			logger.warn("Redis unreachable (" + ex.getMessage() + "): node " + this.node
					+ " delivers to its own clients only, and counts what it cannot publish in "
					+ "ws.cluster.publish.failed, until Redis answers again");
		}
	}

	/** A write to this node's keys was skipped. */
	void skipped() {
		this.rebuild = true;
	}

	/** Whether the keys must be written again; clears the mark. */
	boolean takeRebuild() {
		boolean rebuild = this.rebuild;
		this.rebuild = false;
		return rebuild;
	}

}
