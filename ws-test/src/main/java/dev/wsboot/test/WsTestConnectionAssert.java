package dev.wsboot.test;

import java.util.Arrays;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on a {@link WsTestConnection}, reached with {@code assertThat(connection)}.
 * Assertions about something still to come ({@link #hasReceivedText}, {@link #isClosedWith})
 * wait for it up to the connection's timeout; they take nothing from the inbox.
 *
 * <pre>{@code
 * assertThat(connection).hasReceivedText("You said: hi").hasSubprotocol("chat.v2");
 * assertThat(connection).texts().containsExactly("ClientID 1 just joined the server", "You said: hi");
 * }</pre>
 */
public class WsTestConnectionAssert extends AbstractAssert<WsTestConnectionAssert, WsTestConnection> {

	WsTestConnectionAssert(WsTestConnection actual) {
		super(actual, WsTestConnectionAssert.class);
	}

	/** Verifies that this text arrives (or arrived) within the timeout. */
	public WsTestConnectionAssert hasReceivedText(String expected) {
		isNotNull();
		if (!this.actual.hasReceived(expected::equals)) {
			failWithMessage("Expected %s to receive the text <%s> within %s, but it received %s", this.actual.path(),
					expected, this.actual.timeout(), WsTestConnection.describe(this.actual.received()));
		}
		return this;
	}

	/** Verifies that a binary message with these bytes arrives (or arrived) within the timeout. */
	public WsTestConnectionAssert hasReceivedBinary(byte[] expected) {
		isNotNull();
		if (!this.actual.hasReceived((message) -> message instanceof byte[] data && Arrays.equals(expected, data))) {
			failWithMessage("Expected %s to receive the bytes %s within %s, but it received %s", this.actual.path(),
					WsTestConnection.describe(expected), this.actual.timeout(),
					WsTestConnection.describe(this.actual.received()));
		}
		return this;
	}

	/** Verifies the subprotocol the server chose; an empty string for none. */
	public WsTestConnectionAssert hasSubprotocol(String expected) {
		isNotNull();
		if (!expected.equals(this.actual.subprotocol())) {
			failWithMessage("Expected %s to speak the subprotocol <%s>, but the server chose <%s>",
					this.actual.path(), expected, this.actual.subprotocol());
		}
		return this;
	}

	/** Verifies that the server closed the connection with this code within the timeout. */
	public WsTestConnectionAssert isClosedWith(int code) {
		isNotNull();
		WsTestConnection.Close close;
		try {
			close = this.actual.awaitClose();
		}
		catch (AssertionError notClosed) {
			failWithMessage("Expected %s to close with %s within %s, but it is still open", this.actual.path(), code,
					this.actual.timeout());
			return this;
		}
		if (close.code() != code) {
			failWithMessage("Expected %s to close with %s, but it closed with %s <%s>", this.actual.path(), code,
					close.code(), close.reason());
		}
		return this;
	}

	/** Verifies that the connection is still open: no close frame arrived and it did not drop. */
	public WsTestConnectionAssert isOpen() {
		isNotNull();
		if (this.actual.isClosed()) {
			failWithMessage("Expected %s to be open, but it closed with %s", this.actual.path(),
					this.actual.awaitClose());
		}
		return this;
	}

	/** The text messages received so far, in order, for AssertJ's list assertions. */
	public ListAssert<String> texts() {
		isNotNull();
		return Assertions.assertThat(this.actual.receivedTexts());
	}

	/** Every message received so far, in order: Strings for text, byte arrays for binary. */
	public ListAssert<Object> messages() {
		isNotNull();
		return Assertions.assertThat(this.actual.received());
	}

}
