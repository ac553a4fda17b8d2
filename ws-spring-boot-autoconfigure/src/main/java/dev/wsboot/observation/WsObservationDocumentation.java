package dev.wsboot.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the WebSocket server and their keys.
 */
public enum WsObservationDocumentation implements ObservationDocumentation {

	/**
	 * One connection, from the completed upgrade to the close; a span of kind server continuing
	 * the trace of the upgrade request.
	 */
	CONNECTION {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWsConnectionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { CommonKeys.PATH, CommonKeys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { CommonKeys.CLIENT_ID, ConnectionKeys.CLOSE_CODE };
		}
	},

	/**
	 * The handling of one received message, a child of its connection's observation; only with
	 * {@code ws.observations.messages=true}.
	 */
	MESSAGE {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWsMessageObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { CommonKeys.PATH, MessageKeys.TYPE, CommonKeys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { CommonKeys.CLIENT_ID };
		}
	};

	/** Keys of both observations. */
	public enum CommonKeys implements KeyName {

		/** The endpoint path. */
		PATH {
			@Override
			public String asString() {
				return "path";
			}
		},

		/**
		 * For a connection, why it closed, as the {@code reason} tag of {@code ws.connections.closed}
		 * ({@code normal}, {@code going-away}, {@code too-big}, ...); for a message, {@code success}
		 * or {@code error}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The client id, as {@code WsSession.id()}. */
		CLIENT_ID {
			@Override
			public String asString() {
				return "client.id";
			}
		}

	}

	/** Keys of the connection observation alone. */
	public enum ConnectionKeys implements KeyName {

		/** The status code the connection closed with (1006 when it dropped). */
		CLOSE_CODE {
			@Override
			public String asString() {
				return "close.code";
			}
		}

	}

	/** Keys of the message observation alone. */
	public enum MessageKeys implements KeyName {

		/** {@code text} or {@code binary}. */
		TYPE {
			@Override
			public String asString() {
				return "type";
			}
		}

	}

}
