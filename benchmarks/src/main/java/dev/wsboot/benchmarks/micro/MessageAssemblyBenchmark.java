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
import dev.wsboot.engine.WsText;
import dev.wsboot.engine.internal.protocol.FrameDecoder;
import dev.wsboot.engine.internal.protocol.MessageAssembler;
import dev.wsboot.engine.internal.protocol.MessageListener;

/**
 * Whole messages out of masked client frames, as the engine reads them: framing, unmasking, the
 * message buffer and, for text, UTF-8 validation (RFC 6455 §8.1). One operation is one message of
 * {@code size} payload bytes. Binary is the floor that text should come close to; text to a
 * handler of bytes ({@link WsText}) adds only validation; text to a String handler is decoded in
 * one pass instead (the JDK's decoder, then a search for U+FFFD).
 */
@State(Scope.Thread)
public class MessageAssemblyBenchmark {

	static final int FRAMES = 64;

	private static final int MASK = 0x37fa213d;

	@Param({ "1024", "16384" })
	public int size;

	private ByteBuffer binary;

	private ByteBuffer text;

	private FrameDecoder bytes;

	private FrameDecoder strings;

	@Setup
	public void setUp(Blackhole blackhole) {
		byte[] random = new byte[this.size];
		new Random(this.size).nextBytes(random);
		this.binary = frames(0x82, random);
		this.text = frames(0x81, Utf8ValidationBenchmark.text(Utf8ValidationBenchmark.MIXED, this.size));
		LimitsConfig limits = LimitsConfig.builder().maxMessageSize(this.size).maxFrameSize(this.size).build();
		byte[] scratch = new byte[64 * 1024];
		this.bytes = new FrameDecoder(new MessageAssembler(new Sink(blackhole), limits, scratch), limits, 0);
		this.strings = new FrameDecoder(new MessageAssembler(new Sink(blackhole), limits, scratch, null, true), limits, 0);
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES)
	public void binary() {
		this.binary.clear();
		this.bytes.decode(this.binary);
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES)
	public void textAsBytes() {
		this.text.clear();
		this.bytes.decode(this.text);
	}

	@Benchmark
	@OperationsPerInvocation(FRAMES)
	public void textAsString() {
		this.text.clear();
		this.strings.decode(this.text);
	}

	private static ByteBuffer frames(int firstByte, byte[] payload) {
		int size = payload.length;
		int header = (size < 126) ? 2 : (size < 65536) ? 4 : 10;
		ByteBuffer out = ByteBuffer.allocateDirect(FRAMES * (header + 4 + size));
		for (int f = 0; f < FRAMES; f++) {
			out.put((byte) firstByte);
			if (size < 126) {
				out.put((byte) (0x80 | size));
			}
			else {
				out.put((byte) (0x80 | 126)).putShort((short) size);
			}
			out.putInt(MASK);
			for (int i = 0; i < size; i++) {
				out.put((byte) (payload[i] ^ (MASK >>> (24 - 8 * (i & 3)))));
			}
		}
		return out.flip();
	}

	/** Consumes each message. */
	private record Sink(Blackhole blackhole) implements MessageListener {

		@Override
		public void onText(WsText text) {
			this.blackhole.consume(text);
		}

		@Override
		public void onText(String text, int size) {
			this.blackhole.consume(text);
		}

		@Override
		public void onBinary(byte[] data) {
			this.blackhole.consume(data);
		}

		@Override
		public void onPing(byte[] payload) {
		}

		@Override
		public void onPong(byte[] payload) {
		}

		@Override
		public void onClose(int code, String reason) {
		}

	}

}
