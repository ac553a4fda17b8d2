package dev.wsboot.benchmarks.harness;

import dev.wsboot.benchmarks.client.MessageKind;

/**
 * One echo scenario.
 * @param depth messages in flight per connection: 1 is request/response, more is pipelined
 * @param deflate whether the client offers permessage-deflate and sends compressed messages; only
 * WebSocket servers take part
 */
public record Scenario(String id, MessageKind kind, int size, int connections, int depth, boolean deflate) {

	public Scenario(String id, MessageKind kind, int size, int connections, int depth) {
		this(id, kind, size, connections, depth, false);
	}

	public String title() {
		return this.connections + " conn × " + sizeLabel(this.size) + " " + this.kind.label()
				+ (this.deflate ? " permessage-deflate" : "") + ", "
				+ ((this.depth == 1) ? "non-pipelined" : "pipelined ×" + this.depth);
	}

	public boolean large() {
		return this.size >= 64 * 1024;
	}

	static String sizeLabel(int size) {
		if (size >= 1024 * 1024) {
			return Math.round(size / (1024.0 * 1024)) + " MiB";
		}
		return (size >= 1024) ? (size / 1024) + " KiB" : size + " B";
	}

}
