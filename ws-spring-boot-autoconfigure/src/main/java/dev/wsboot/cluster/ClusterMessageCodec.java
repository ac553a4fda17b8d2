package dev.wsboot.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes of a {@link ClusterMessage} on a pub/sub channel: a version byte, then the fields in
 * declaration order. The version lets a rolling upgrade refuse what it cannot read instead of
 * misreading it.
 */
public final class ClusterMessageCodec {

	private static final int VERSION = 1;

	private static final ClusterMessage.Kind[] KINDS = ClusterMessage.Kind.values();

	private ClusterMessageCodec() {
	}

	public static byte[] encode(ClusterMessage message) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + message.payload().length);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(VERSION);
			out.writeByte(message.kind().ordinal());
			out.writeInt(message.origin());
			out.writeInt(message.targetNode());
			out.writeLong(message.clientId());
			out.writeUTF(message.address());
			out.writeShort(message.code());
			out.writeLong(message.requestId());
			out.writeBoolean(message.binary());
			out.writeLong(message.publishedMicros());
			out.writeInt(message.payload().length);
			out.write(message.payload());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a ByteArrayOutputStream does not fail
		}
		return bytes.toByteArray();
	}

	/**
	 * @throws IllegalArgumentException if the bytes are not a message of this version
	 */
	public static ClusterMessage decode(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
			int version = in.readUnsignedByte();
			if (version != VERSION) {
				throw new IllegalArgumentException("Cluster message of version " + version + "; this node reads "
						+ VERSION);
			}
			int kind = in.readUnsignedByte();
			if (kind >= KINDS.length) {
				throw new IllegalArgumentException("Unknown cluster message kind " + kind);
			}
			int origin = in.readInt();
			int targetNode = in.readInt();
			long clientId = in.readLong();
			String address = in.readUTF();
			int code = in.readUnsignedShort();
			long requestId = in.readLong();
			boolean binary = in.readBoolean();
			long publishedMicros = in.readLong();
			int length = in.readInt();
			if (length < 0 || length > in.available()) {
				throw new IllegalArgumentException("Cluster message payload of " + length + " bytes is truncated");
			}
			byte[] payload = in.readNBytes(length);
			return new ClusterMessage(KINDS[kind], origin, targetNode, clientId, address, code, requestId, binary,
					payload, publishedMicros);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Truncated cluster message", ex);
		}
	}

}
