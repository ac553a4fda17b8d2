package dev.wsboot.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * Tickets in this node's memory: a ticket works only on the node that issued it. Expired tickets
 * are dropped when they are redeemed, and all of them at most once per time to live when a ticket
 * is issued, so memory is bounded by the tickets issued within about two times to live.
 */
public class InMemoryWsTicketStore implements WsTicketStore {

	/** 256 bits from a SecureRandom: unguessable within any time to live. */
	private static final int TICKET_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Issued> tickets = new ConcurrentHashMap<>();

	private final Duration timeToLive;

	private final Clock clock;

	private volatile Instant nextPurge;

	private record Issued(Authentication authentication, Instant expiresAt) {
	}

	public InMemoryWsTicketStore(Duration timeToLive) {
		this(timeToLive, Clock.systemUTC());
	}

	/** @param clock the time tickets expire by; a test's own clock moves time without waiting */
	public InMemoryWsTicketStore(Duration timeToLive, Clock clock) {
		this.timeToLive = timeToLive;
		this.clock = clock;
		this.nextPurge = clock.instant().plus(timeToLive);
	}

	@Override
	public String issue(Authentication authentication) {
		Instant now = this.clock.instant();
		purgeExpired(now);
		byte[] bytes = new byte[TICKET_BYTES];
		this.random.nextBytes(bytes);
		String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.tickets.put(ticket, new Issued(authentication, now.plus(this.timeToLive)));
		return ticket;
	}

	@Override
	public @Nullable Authentication redeem(String ticket) {
		// remove() is the single use: of two concurrent redemptions only one gets the entry.
		Issued issued = this.tickets.remove(ticket);
		if (issued == null || !this.clock.instant().isBefore(issued.expiresAt())) {
			return null;
		}
		return issued.authentication();
	}

	@Override
	public Duration timeToLive() {
		return this.timeToLive;
	}

	/** Tickets issued and neither redeemed nor purged yet. */
	int size() {
		return this.tickets.size();
	}

	private void purgeExpired(Instant now) {
		if (now.isBefore(this.nextPurge)) {
			return;
		}
		this.nextPurge = now.plus(this.timeToLive);
		this.tickets.values().removeIf((issued) -> !now.isBefore(issued.expiresAt()));
	}

}
