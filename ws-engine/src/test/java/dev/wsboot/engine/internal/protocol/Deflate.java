package dev.wsboot.engine.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The client's side of RFC 7692 §7.2 for tests: deflate a message and strip the tail, or inflate a
 * server's message after appending it, with the JDK's zlib and no engine code.
 */
public final class Deflate {

	private Deflate() {
	}

	/** A message compressed from a fresh state, tail removed (§7.2.1). */
	public static byte[] compress(byte[] data) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		try {
			return compress(deflater, data);
		}
		finally {
			deflater.end();
		}
	}

	/** A message compressed in the deflater's context, tail removed (§7.2.1). */
	public static byte[] compress(Deflater deflater, byte[] data) {
		deflater.setInput(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		int n;
		do {
			n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
			out.write(buffer, 0, n);
		}
		while (n == buffer.length);
		byte[] all = out.toByteArray();
		return Arrays.copyOf(all, all.length - 4);
	}

	/** A server's compressed message inflated from a fresh state (§7.2.2). */
	public static byte[] decompress(byte[] payload) {
		Inflater inflater = new Inflater(true);
		try {
			return decompress(inflater, payload);
		}
		finally {
			inflater.end();
		}
	}

	/** A server's compressed message inflated in the inflater's context (§7.2.2). */
	public static byte[] decompress(Inflater inflater, byte[] payload) {
		byte[] input = Arrays.copyOf(payload, payload.length + 4);
		input[payload.length + 2] = (byte) 0xFF;
		input[payload.length + 3] = (byte) 0xFF;
		inflater.setInput(input);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		try {
			int n;
			do {
				n = inflater.inflate(buffer);
				out.write(buffer, 0, n);
			}
			while (n > 0);
		}
		catch (DataFormatException ex) {
			throw new IllegalArgumentException("Not a valid deflate stream", ex);
		}
		return out.toByteArray();
	}

}
