package dev.wsboot.engine.internal.protocol;

/**
 * Frame opcodes of RFC 6455 §5.2. Kept as int constants rather than an enum so the decoder's hot
 * path switches on a primitive and never looks anything up.
 */
public final class Opcode {

	public static final int CONTINUATION = 0x0;

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	public static final int PONG = 0xA;

	private Opcode() {
	}

	/** Control frames have the most significant opcode bit set (RFC 6455 §5.5). */
	public static boolean isControl(int opcode) {
		return (opcode & 0x8) != 0;
	}

	/** Opcodes 0x3-0x7 and 0xB-0xF are reserved (RFC 6455 §5.2). */
	public static boolean isReserved(int opcode) {
		return (opcode >= 0x3 && opcode <= 0x7) || opcode >= 0xB;
	}

}
