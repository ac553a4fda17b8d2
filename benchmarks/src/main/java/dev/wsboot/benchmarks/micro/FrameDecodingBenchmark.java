package dev.wsboot.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.Random;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import dev.wsboot.engine.LimitsConfig;
import dev.wsboot.engine.internal.protocol.FrameDecoder;
import dev.wsboot.engine.internal.protocol.FrameListener;

/**
 * Parsing masked client frames (RFC 6455 §5.2) from a buffer that holds {@link #FRAMES} of them
 * back to back, as a busy connection's read buffer does. One operation is one frame of
 * {@code size} payload bytes. The listener only consumes what it is given and leaves the payload
 * masked: unmasking is {@link MaskingBenchmark}'s job, so this measures the framing alone.
 */
@State(Scope.Thread)
public class FrameDecodingBenchmark {

	/** Frames per buffer: enough that resetting the buffer is lost in the noise at 16 bytes. */
	static final int FRAMES = 64;

	private static final int MASK = 0x37fa213d;

	@Param({ "16", "128", "1024", "16384", "1048576" })
	public int size;

	private ByteBuffer frames;

	private FrameDecoder decoder;

	@Setup
	public void setUp(Blackhole blackhole) {
		this.frames = frames(this.size);
		LimitsConfig limits = LimitsConfig.builder().maxMessageSize(this.size).maxFrameSize(this.size).build();
		this.decoder = new FrameDecoder(new SinkListener(blackhole), limits, 0);
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES)
	public void decode() {
		this.frames.clear();
		this.decoder.decode(this.frames);
	}

	/** Binary frames with the shortest length encoding §5.2 allows, in a direct buffer like the engine's reads. */
	private static ByteBuffer frames(int size) {
		byte[] payload = new byte[size];
		new Random(size).nextBytes(payload);
		int header = (size < 126) ? 2 : (size < 65536) ? 4 : 10;
		ByteBuffer out = ByteBuffer.allocateDirect(FRAMES * (header + 4 + size));
		for (int f = 0; f < FRAMES; f++) {
			out.put((byte) 0x82);
			if (size < 126) {
				out.put((byte) (0x80 | size));
			}
			else if (size < 65536) {
				out.put((byte) (0x80 | 126)).putShort((short) size);
			}
			else {
				out.put((byte) (0x80 | 127)).putLong(size);
			}
			out.putInt(MASK);
			for (int i = 0; i < size; i++) {
				out.put((byte) (payload[i] ^ (MASK >>> (24 - 8 * (i & 3)))));
			}
		}
		return out.flip();
	}

	/** Hands everything to the blackhole so that the decoder's work cannot be optimised away. */
	private static final class SinkListener implements FrameListener {

		private final Blackhole blackhole;

		SinkListener(Blackhole blackhole) {
			this.blackhole = blackhole;
		}

		@Override
		public void onFrameHeader(int opcode, boolean fin, int rsv, long length) {
			this.blackhole.consume(opcode);
			this.blackhole.consume(length);
		}

		@Override
		public void onFramePayload(ByteBuffer source, int length, int mask, int maskIndex) {
			this.blackhole.consume(length);
			this.blackhole.consume(mask);
		}

		@Override
		public void onFrameEnd() {
			this.blackhole.consume(true);
		}

	}

}
