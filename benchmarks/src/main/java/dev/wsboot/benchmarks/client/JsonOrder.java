package dev.wsboot.benchmarks.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON echo's message: an order of about the scenario's size, as the text that Jackson writes
 * for the servers' record {@code Order(String id, String customer, String currency, boolean express,
 * List<Line> lines, List<String> tags, long totalCents)} with {@code Line(String sku, String name,
 * int quantity, long priceCents)}. The servers read it into the record and write the record back,
 * and the client compares the reply byte for byte, so the text is exactly what Jackson's defaults
 * write: properties in declaration order, no spaces, integers only (no float formatting to
 * differ), ASCII without characters that need escaping. The timestamp opens the {@code id} value,
 * which ASCII letters fill up to the exact size.
 */
public final class JsonOrder {

	private static final String HEAD = "{\"id\":\"";

	private JsonOrder() {
	}

	/** A template of exactly {@code size} payload bytes. */
	public static FrameTemplate template(int size) {
		String tail = tail(size);
		return new FrameTemplate(HEAD, size - HEAD.length() - tail.length(), tail);
	}

	/** Everything after the id's value: as many order lines as leave room for the timestamp. */
	private static String tail(int size) {
		String tail = lines(0);
		for (int lines = 1;; lines++) {
			String longer = lines(lines);
			if (HEAD.length() + FrameTemplate.STAMP + longer.length() > size) {
				return tail;
			}
			tail = longer;
		}
	}

	private static String lines(int lineCount) {
		List<String> lines = new ArrayList<>();
		long total = 0;
		for (int i = 1; i <= lineCount; i++) {
			int quantity = 1 + (i % 4);
			long price = 499 + 250L * i;
			total += quantity * price;
			lines.add("{\"sku\":\"SKU-" + String.format("%05d", 1000 + i) + "\",\"name\":\"catalogue item number " + i
					+ "\",\"quantity\":" + quantity + ",\"priceCents\":" + price + "}");
		}
		return "\",\"customer\":\"customer-000042\",\"currency\":\"EUR\",\"express\":" + (lineCount % 2 == 0)
				+ ",\"lines\":[" + String.join(",", lines) + "],\"tags\":[\"priority\",\"gift-wrapped\",\"fragile\"],"
				+ "\"totalCents\":" + total + "}";
	}

}
