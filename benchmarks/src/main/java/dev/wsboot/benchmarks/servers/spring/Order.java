package dev.wsboot.benchmarks.servers.spring;

import java.util.List;

/**
 * The JSON echo's message as a typed object ({@link dev.wsboot.benchmarks.client.JsonOrder} is its
 * text). The sample app declares the same record for the starter's {@code /json}.
 */
public record Order(String id, String customer, String currency, boolean express, List<Line> lines, List<String> tags,
		long totalCents) {

	public record Line(String sku, String name, int quantity, long priceCents) {
	}

}
