package dev.wsboot.benchmarks.harness;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One server under test.
 * @param id short name used in tables and file names
 * @param label what the server is, for the report
 * @param java whether it is a JVM, so that jcmd can measure its heap
 * @param websocket false for a raw TCP echo: no handshake, no framing, no broadcast
 * @param command the command line for a port, without the CPU pinning
 * @param unavailable why it cannot run here, or null
 */
public record Peer(String id, String label, boolean java, boolean websocket, IntFunction<List<String>> command,
		String unavailable) {

	/** The same server under another id, for several processes of one server (cluster nodes). */
	public Peer named(String id) {
		return new Peer(id, this.label, this.java, this.websocket, this.command, this.unavailable);
	}

	Peer unavailable(String reason) {
		return new Peer(this.id, this.label, this.java, this.websocket, this.command, reason);
	}

}
