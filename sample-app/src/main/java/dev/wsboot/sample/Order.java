package dev.wsboot.sample;

import java.util.List;

/** An order as the {@code /json} endpoint reads and writes it. */
record Order(String id, String customer, String currency, boolean express, List<Line> lines, List<String> tags,
		long totalCents) {

	record Line(String sku, String name, int quantity, long priceCents) {
	}

}
