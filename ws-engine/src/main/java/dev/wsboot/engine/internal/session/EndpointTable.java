package dev.wsboot.engine.internal.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wsboot.engine.WsEndpoint;

/**
 * The endpoints of a server by path. A path is served by one endpoint, or by several that each
 * name their own subprotocols: then the client's offer (RFC 6455 §4.2.2) chooses, as one path can
 * serve {@code graphql-transport-ws} and the older {@code graphql-ws} side by side. Immutable.
 */
public final class EndpointTable {

	/** The endpoint that serves a request and the subprotocol it answers, null for none. */
	public record Selection(WsEndpoint endpoint, String subprotocol) {
	}

	private final Map<String, List<WsEndpoint>> byPath;

	private final Map<String, PathCounters> counters;

	/**
	 * @throws IllegalArgumentException if endpoints share a path while one of them names no
	 * subprotocol, or two of them name the same one
	 */
	public EndpointTable(Collection<WsEndpoint> endpoints) {
		Map<String, List<WsEndpoint>> byPath = new LinkedHashMap<>();
		for (WsEndpoint endpoint : endpoints) {
			List<WsEndpoint> shared = byPath.computeIfAbsent(endpoint.path(), (path) -> new ArrayList<>());
			shared.add(endpoint);
			if (shared.size() > 1) {
				checkSharable(shared);
			}
		}
		Map<String, PathCounters> counters = new LinkedHashMap<>();
		byPath.replaceAll((path, shared) -> List.copyOf(shared));
		byPath.keySet().forEach((path) -> counters.put(path, new PathCounters(path)));
		// Map.copyOf would lose the order that paths() promises.
		this.byPath = Collections.unmodifiableMap(byPath);
		this.counters = Map.copyOf(counters);
	}

	private static void checkSharable(List<WsEndpoint> shared) {
		Set<String> named = new HashSet<>();
		for (WsEndpoint endpoint : shared) {
			if (endpoint.subprotocols().isEmpty()) {
				throw new IllegalArgumentException("Two endpoints on path " + endpoint.path()
						+ ": endpoints may share a path only when each names its subprotocols");
			}
			for (String subprotocol : endpoint.subprotocols()) {
				if (!named.add(subprotocol)) {
					throw new IllegalArgumentException("Two endpoints on path " + endpoint.path()
							+ " name subprotocol '" + subprotocol + "'");
				}
			}
		}
	}

	/** The paths, in the order their first endpoint was added. */
	public Set<String> paths() {
		return this.byPath.keySet();
	}

	public Collection<WsEndpoint> endpoints() {
		return this.byPath.values().stream().flatMap(List::stream).toList();
	}

	/** Whether any endpoint serves this path. */
	public boolean serves(String path) {
		return this.byPath.containsKey(path);
	}

	/**
	 * Chooses the endpoint for a request to a served path. One endpoint alone answers the first of
	 * its own subprotocols that the client offered. Endpoints sharing a path are chosen by the
	 * client's first offer that one of them names, and that one answers it.
	 * @return the selection, or null when the endpoint requires a subprotocol (or the path is
	 * shared) and the client offered none that is spoken here
	 */
	public Selection select(String path, List<String> offered) {
		List<WsEndpoint> shared = this.byPath.get(path);
		if (shared.size() == 1) {
			WsEndpoint endpoint = shared.get(0);
			String subprotocol = firstCommon(endpoint.subprotocols(), offered);
			return (subprotocol == null && endpoint.subprotocolRequired()) ? null : new Selection(endpoint, subprotocol);
		}
		for (String offer : offered) {
			for (WsEndpoint endpoint : shared) {
				if (endpoint.subprotocols().contains(offer)) {
					return new Selection(endpoint, offer);
				}
			}
		}
		return null;
	}

	/** The subprotocols spoken at a path, for the rejection that names them. */
	public List<String> subprotocols(String path) {
		return this.byPath.get(path).stream().flatMap((endpoint) -> endpoint.subprotocols().stream()).toList();
	}

	/** §4.2.2: the server picks one of the client's offers, here by the server's order of preference. */
	private static String firstCommon(List<String> preferred, List<String> offered) {
		for (String candidate : preferred) {
			if (offered.contains(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	public PathCounters counters(String path) {
		return this.counters.get(path);
	}

}
