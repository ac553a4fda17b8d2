package dev.wsboot.benchmarks.micro;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.wsboot.engine.internal.protocol.Masking;

/**
 * Unmasking one payload (RFC 6455 §5.3) as the engine does: copied from the loop's native-order
 * direct read buffer into the message's array and unmasked on the way. One operation is one
 * payload of {@code size} bytes.
 */
@State(Scope.Thread)
public class MaskingBenchmark {

	@Param({ "16", "128", "1024", "16384", "1048576" })
	public int size;

	private ByteBuffer wire;

	private byte[] payload;

	@Setup
	public void setUp() {
		byte[] masked = new byte[this.size];
		new Random(this.size).nextBytes(masked);
		this.wire = ByteBuffer.allocateDirect(this.size).order(ByteOrder.nativeOrder()).put(masked).flip();
		this.payload = new byte[this.size];
	}

	// The writes go to a field JMH keeps alive, so they cannot be eliminated.
	@Benchmark
	public void unmask() {
		this.wire.position(0);
		Masking.unmaskInto(this.wire, this.payload, 0, this.size, 0x37fa213d, 0);
	}

}
