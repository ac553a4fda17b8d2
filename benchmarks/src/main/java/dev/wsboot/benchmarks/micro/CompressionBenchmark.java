package dev.wsboot.benchmarks.micro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.internal.protocol.MessageDeflater;
import dev.wsboot.engine.internal.protocol.MessageInflater;
import dev.wsboot.engine.internal.protocol.Opcode;
import dev.wsboot.engine.internal.protocol.ZlibPool;

/**
 * permessage-deflate without context takeover (RFC 7692 §7.2), as the engine does it for every
 * message: a Deflater or Inflater borrowed from the pool, reset and given back. One operation is
 * one message of {@code size} bytes of mixed text.
 */
@State(Scope.Thread)
public class CompressionBenchmark {

	private static final String MIXED = "héllo wörld — 日本語 😀 the quick brown fox ";

	@Param({ "1024", "16384" })
	public int size;

	private final ZlibPool pool = new ZlibPool(4);

	private byte[] message;

	private byte[] compressed;

	private MessageInflater inflater;

	@Setup
	public void setUp() {
		StringBuilder text = new StringBuilder();
		while (text.length() < this.size) {
			text.append(MIXED);
		}
		this.message = java.util.Arrays.copyOf(text.toString().getBytes(StandardCharsets.UTF_8), this.size);
		ByteBuffer frame = MessageDeflater.compressOnce(this.pool, Opcode.BINARY, this.message, 0, this.size);
		// The payload after the header: 2 bytes, or 4 with a 16-bit length (RFC 6455 §5.2).
		int header = ((frame.get(1) & 0x7f) == 126) ? 4 : 2;
		this.compressed = new byte[frame.remaining() - header];
		frame.position(header);
		frame.get(this.compressed);
		this.inflater = new MessageInflater(this.pool, false, LimitsConfig.builder().maxMessageSize(16 * 1024 * 1024).build());
	}

	@TearDown
	public void tearDown() {
		this.inflater.release();
		this.pool.close();
	}

	@Benchmark
	public ByteBuffer deflate() {
		return MessageDeflater.compressOnce(this.pool, Opcode.BINARY, this.message, 0, this.size);
	}

	@Benchmark
	public byte[] inflate() {
		this.inflater.begin(this.compressed.length, null);
		this.inflater.inflate(this.compressed, 0, this.compressed.length);
		byte[] out = this.inflater.finish();
		if (this.inflater.length() != this.size) {
			throw new IllegalStateException("Inflated " + this.inflater.length() + " of " + this.size + " bytes");
		}
		return out;
	}

}
