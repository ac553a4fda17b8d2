package dev.wsboot.benchmarks.micro;

import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.wsboot.engine.internal.protocol.Masking;

/**
 * Unmasking one payload in place (RFC 6455 §5.3). One operation is one payload of {@code size}
 * bytes.
 */
@State(Scope.Thread)
public class MaskingBenchmark {

	@Param({ "16", "128", "1024", "16384", "1048576" })
	public int size;

	private byte[] payload;

	@Setup
	public void setUp() {
		this.payload = new byte[this.size];
		new Random(this.size).nextBytes(this.payload);
	}

	// Each call toggles the payload between masked and unmasked; XOR costs the same either way, and
	// the writes to a field JMH keeps alive cannot be eliminated.
	@Benchmark
	public void unmask() {
		Masking.unmask(this.payload, 0, this.payload.length, 0x37fa213d, 0);
	}

}
