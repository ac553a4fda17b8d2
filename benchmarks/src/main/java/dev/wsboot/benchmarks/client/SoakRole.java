package dev.wsboot.benchmarks.client;

/** What one soak client does while connected. */
public enum SoakRole {

	/** Sends numbered messages to {@code /echo} and checks every echo. */
	ECHO,

	/** Sends numbered messages to {@code /broadcast} and checks what every sender's stream brings it. */
	BROADCAST,

	/** Joins {@code /broadcast} and stops reading, until the server closes it as slow (1008). */
	SLOW,

	/** Talks on {@code /echo}, then stops reading and answering pings with its socket left open. */
	SILENT,

	/** Talks on {@code /echo}, then closes its socket without a close frame, as a killed process. */
	ABRUPT

}
