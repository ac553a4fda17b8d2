package dev.wsboot.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which load client drives an echo scenario. The C client (src/main/c/echo_load.c, built here with
 * gcc at run time like the C echo) drives every uncompressed echo; the Java client drives the
 * permessage-deflate echoes, the broadcasts and churn, and every echo when gcc is missing or the
 * run asks for it ({@code --client java}), so both stay comparable on one machine.
 */
public final class LoadClient {

	public static final String C = "C";

	public static final String JAVA = "Java";

	private final Path binary;

	private final String fallback;

	private LoadClient(Path binary, String fallback) {
		this.binary = binary;
		this.fallback = fallback;
	}

	/** Builds the C client, unless {@code javaOnly}; falls back to Java, saying why, when gcc fails. */
	public static LoadClient build(Path repo, boolean javaOnly) {
		if (javaOnly) {
			return new LoadClient(null, "the run asked for the Java client (--client java)");
		}
		Path module = repo.resolve("benchmarks");
		Path binary = module.resolve("target/native/echo_load");
		try {
			Files.createDirectories(binary.getParent());
			String failure = Peers.run(module, 120, "gcc", "-O2", "-o", binary.toString(),
					module.resolve("src/main/c/echo_load.c").toString());
			return (failure == null) ? new LoadClient(binary, null) : new LoadClient(null, "gcc failed: " + failure);
		}
		catch (IOException ex) {
			return new LoadClient(null, "gcc could not run: " + ex.getMessage());
		}
	}

	/** Whether the C client drives an echo, compressed or not; compressed ones always take the Java client. */
	public boolean nativeFor(boolean deflate) {
		return this.binary != null && !deflate;
	}

	/** The client's name as tables give it: {@link #C} or {@link #JAVA}. */
	public String name(boolean deflate) {
		return nativeFor(deflate) ? C : JAVA;
	}

	/** The C client's binary; only when {@link #nativeFor} says it drives the scenario. */
	public Path binary() {
		return this.binary;
	}

	/** Why every echo runs on the Java client, or null when the C client was built. */
	public String fallback() {
		return this.fallback;
	}

}
