package dev.wsboot.engine.internal.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Measures the native memory of a compressed connection's codecs, as the process's resident set
 * (zlib allocates with malloc, which Native Memory Tracking does not see): 1,000 Deflater and
 * Inflater pairs are created and each used for one message, as a connection with context takeover
 * keeps them; then they are ended. Run by hand, not by the build:
 * {@code java -cp ws-engine/target/classes:ws-engine/target/test-classes dev.wsboot.engine.internal.protocol.DeflateMemoryHarness}
 */
public final class DeflateMemoryHarness {

	private static final int PAIRS = 1_000;

	private DeflateMemoryHarness() {
	}

	public static void main(String[] args) throws IOException {
		byte[] message = "a chat message of a typical size, repeated a little ".repeat(40).getBytes(StandardCharsets.UTF_8);
		long baseline = rssKib();
		List<Deflater> deflaters = new ArrayList<>();
		for (int i = 0; i < PAIRS; i++) {
			deflaters.add(new Deflater(Deflater.DEFAULT_COMPRESSION, true));
		}
		long afterCreatingDeflaters = rssKib();
		byte[] compressed = null;
		for (Deflater deflater : deflaters) {
			compressed = Deflate.compress(deflater, message);
		}
		long afterUsingDeflaters = rssKib();
		List<Inflater> inflaters = new ArrayList<>();
		for (int i = 0; i < PAIRS; i++) {
			Inflater inflater = new Inflater(true);
			Deflate.decompress(inflater, compressed);
			inflaters.add(inflater);
		}
		long afterUsingInflaters = rssKib();
		deflaters.forEach(Deflater::end);
		inflaters.forEach(Inflater::end);
		long afterEnd = rssKib();
		// glibc keeps freed chunks for reuse rather than returning them: a second round reuses them.
		List<Deflater> again = new ArrayList<>();
		for (int i = 0; i < PAIRS; i++) {
			Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
			Deflate.compress(deflater, message);
			again.add(deflater);
		}
		long afterSecondRound = rssKib();
		again.forEach(Deflater::end);
		System.out.printf("Deflater created:  %d KiB each%n", (afterCreatingDeflaters - baseline) / PAIRS);
		System.out.printf("Deflater used:     %d KiB each%n", (afterUsingDeflaters - baseline) / PAIRS);
		System.out.printf("Inflater used:     %d KiB each%n", (afterUsingInflaters - afterUsingDeflaters) / PAIRS);
		System.out.printf("Pair with context: %d KiB per connection%n", (afterUsingInflaters - baseline) / PAIRS);
		System.out.printf("After end():       %d KiB above baseline for all %d pairs%n", afterEnd - baseline, PAIRS);
		System.out.printf("Second round:      %d KiB more for %d used Deflaters%n", afterSecondRound - afterEnd, PAIRS);
	}

	private static long rssKib() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("No VmRSS in /proc/self/status");
	}

}
