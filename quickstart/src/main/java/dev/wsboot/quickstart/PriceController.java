package dev.wsboot.quickstart;

import dev.wsboot.annotation.OnError;
import dev.wsboot.annotation.OnMessage;
import dev.wsboot.annotation.WsController;
import dev.wsboot.engine.WsSession;

// tag::json[]
record Quote(String symbol, double price) {
}

record QuoteRequest(String symbol) {
}

@WsController("/prices")
class PriceController {

	@OnMessage
	Quote quote(QuoteRequest request) {
		if (request.symbol() == null || request.symbol().isBlank()) {
			throw new IllegalArgumentException("symbol is required");
		}
		return new Quote(request.symbol(), 42.0);
	}

	@OnError
	void invalid(WsSession session, IllegalArgumentException error) {
		session.sendText("{\"error\":\"" + error.getMessage() + "\"}");
	}

}
// end::json[]
