package dev.wsboot.benchmarks.client;

/** What a benchmark message carries: the opcode and the kind of bytes after the timestamp. */
public enum MessageKind {

	/** Text frame, ASCII letters only: the cheapest case for a UTF-8 validator. */
	TEXT_ASCII("text ASCII", 0x1),

	/** Text frame mixing 1- to 4-byte UTF-8 sequences, so validators and decoders do real work. */
	TEXT_UTF8("text mixed UTF-8", 0x1),

	/**
	 * Text frame holding a JSON object ({@link JsonOrder}), for servers that read it into a typed
	 * object and write it back; served on {@code /json}.
	 */
	TEXT_JSON("text JSON", 0x1),

	/** Binary frame of pseudo-random bytes. */
	BINARY("binary", 0x2);

	private final String label;

	private final int opcode;

	MessageKind(String label, int opcode) {
		this.label = label;
		this.opcode = opcode;
	}

	public String label() {
		return this.label;
	}

	int opcode() {
		return this.opcode;
	}

}
