package dev.wsboot.engine.internal.protocol;

import java.util.Arrays;
import java.util.List;

import dev.wsboot.engine.internal.protocol.PerMessageDeflate.Agreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Negotiation of permessage-deflate from the client's offers, parameter by parameter
 * (RFC 7692 §7.1). No socket.
 */
class PerMessageDeflateTests {

	private static Agreement negotiate(boolean contextTakeover, String... headerValues) {
		return PerMessageDeflate.negotiate(Arrays.asList(headerValues), contextTakeover);
	}

	private static String answer(boolean contextTakeover, String... headerValues) {
		Agreement agreement = negotiate(contextTakeover, headerValues);
		return (agreement != null) ? agreement.responseHeader() : null;
	}

	@Test
	void noExtensionHeaderMeansNoAgreement() {
		assertThat(PerMessageDeflate.negotiate(null, true)).isNull();
		assertThat(PerMessageDeflate.negotiate(List.of(), true)).isNull();
	}

	@Test
	void otherExtensionsAloneAreIgnored() {
		assertThat(negotiate(true, "x-webkit-deflate-frame", "foo; bar=1")).isNull();
	}

	@Test
	void plainOfferIsAcceptedWithContextTakeoverWhenTheServerAllowsIt() {
		assertThat(negotiate(true, "permessage-deflate")).isEqualTo(new Agreement(false, false, false));
		assertThat(answer(true, "permessage-deflate")).isEqualTo("permessage-deflate");
	}

	@Test
	void serverWithoutContextTakeoverAsksForNoContextTakeoverBothWaysEvenIfNotOffered() {
		assertThat(answer(false, "permessage-deflate"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
	}

	@Test
	void serverNoContextTakeoverOfferedIsAcceptedAndConfirmed() {
		assertThat(negotiate(true, "permessage-deflate; server_no_context_takeover"))
			.isEqualTo(new Agreement(true, false, false));
		assertThat(answer(true, "permessage-deflate; server_no_context_takeover"))
			.isEqualTo("permessage-deflate; server_no_context_takeover");
	}

	@Test
	void clientNoContextTakeoverOfferedIsAcceptedAndConfirmed() {
		assertThat(negotiate(true, "permessage-deflate; client_no_context_takeover"))
			.isEqualTo(new Agreement(false, true, false));
	}

	@Test
	void serverMaxWindowBitsOf15IsAcceptedAndConfirmed() {
		assertThat(answer(true, "permessage-deflate; server_max_window_bits=15"))
			.isEqualTo("permessage-deflate; server_max_window_bits=15");
		assertThat(answer(true, "permessage-deflate; server_max_window_bits=\"15\""))
			.isEqualTo("permessage-deflate; server_max_window_bits=15");
	}

	@ParameterizedTest(name = "server_max_window_bits={0}")
	@ValueSource(strings = { "8", "9", "10", "14" })
	void offerDemandingASmallerServerWindowIsDeclinedBecauseDeflaterAlwaysUses15Bits(String bits) {
		assertThat(negotiate(true, "permessage-deflate; server_max_window_bits=" + bits)).isNull();
	}

	@ParameterizedTest(name = "client_max_window_bits{0}")
	@ValueSource(strings = { "", "=8", "=9", "=12", "=15", "=\"10\"" })
	void clientMaxWindowBitsWithOrWithoutAValueIsAcceptedAndNotEchoed(String value) {
		assertThat(answer(true, "permessage-deflate; client_max_window_bits" + value)).isEqualTo("permessage-deflate");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = {
			// §7.1.2.1: a value is required, a decimal from 8 to 15 without leading zeros.
			"permessage-deflate; server_max_window_bits", "permessage-deflate; server_max_window_bits=16",
			"permessage-deflate; server_max_window_bits=015", "permessage-deflate; server_max_window_bits=7",
			"permessage-deflate; server_max_window_bits=1a", "permessage-deflate; server_max_window_bits=",
			"permessage-deflate; server_max_window_bits=-15",
			// §7.1.2.2: when a value is given it must be valid.
			"permessage-deflate; client_max_window_bits=16", "permessage-deflate; client_max_window_bits=0",
			"permessage-deflate; client_max_window_bits=08", "permessage-deflate; client_max_window_bits=\"\"",
			// §7.1.1: the no_context_takeover parameters have no value.
			"permessage-deflate; server_no_context_takeover=1", "permessage-deflate; client_no_context_takeover=true",
			// §7.1: a parameter repeated.
			"permessage-deflate; server_no_context_takeover; server_no_context_takeover",
			"permessage-deflate; client_no_context_takeover; client_no_context_takeover",
			"permessage-deflate; server_max_window_bits=15; server_max_window_bits=15",
			"permessage-deflate; client_max_window_bits; client_max_window_bits=10",
			// §7.1: a parameter not defined for an offer, or not well-formed.
			"permessage-deflate; foo", "permessage-deflate; x=1", "permessage-deflate; =15",
			"permessage-deflate; server_max_window_bits=\"15", "permessage-deflate; client_max_window_bits=1 5" })
	void offerWithAnInvalidUnknownOrDuplicateParameterIsDeclined(String offer) {
		assertThat(negotiate(true, offer)).isNull();
		assertThat(negotiate(false, offer)).isNull();
	}

	@Test
	void declinedOfferFallsBackToTheNextOfferInTheSameField() {
		assertThat(answer(true, "permessage-deflate; server_max_window_bits=10, permessage-deflate; client_max_window_bits"))
			.isEqualTo("permessage-deflate");
	}

	@Test
	void declinedOfferFallsBackToTheNextOfferInALaterField() {
		assertThat(answer(true, "permessage-deflate; bogus", "permessage-deflate; server_no_context_takeover"))
			.isEqualTo("permessage-deflate; server_no_context_takeover");
	}

	@Test
	void firstAcceptableOfferWinsOverLaterOnes() {
		assertThat(answer(true, "foo, permessage-deflate; client_no_context_takeover, permessage-deflate"))
			.isEqualTo("permessage-deflate; client_no_context_takeover");
	}

	@Test
	void everyOfferDeclinedMeansNoAgreement() {
		assertThat(negotiate(true, "permessage-deflate; server_max_window_bits=9, permessage-deflate; x")).isNull();
	}

	@Test
	void quotedCommaInAnotherExtensionDoesNotSplitTheOffers() {
		assertThat(answer(true, "foo; bar=\"a,b\", permessage-deflate")).isEqualTo("permessage-deflate");
	}

	@Test
	void unclosedQuoteDeclinesTheWholeFieldWithoutFailing() {
		assertThat(negotiate(true, "foo; bar=\"a, permessage-deflate")).isNull();
	}

	@Test
	void extensionAndParameterNamesAreMatchedIgnoringCaseAndSpaces() {
		assertThat(answer(true, "  Permessage-Deflate ;Server_No_Context_Takeover  ;  client_max_window_bits = 10 "))
			.isEqualTo("permessage-deflate; server_no_context_takeover");
	}

	@Test
	void allFourParametersTogetherAreAccepted() {
		assertThat(answer(true, "permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
				+ "server_max_window_bits=15; client_max_window_bits=9"))
			.isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=15");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "8, 8", "15, 15", "9, 9", "7, -1", "16, -1", "'', -1", "00, -1", "1x, -1" })
	void windowBitsAreDecimalsFrom8To15(String value, int bits) {
		assertThat(PerMessageDeflate.windowBits(value)).isEqualTo(bits);
	}

}
