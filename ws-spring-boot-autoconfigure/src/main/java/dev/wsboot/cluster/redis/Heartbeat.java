package dev.wsboot.cluster.redis;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.cluster.ClusterNode;
import org.jspecify.annotations.Nullable;

/**
 * What one run of {@link RedisScripts#HEARTBEAT} answered.
 *
 * @param missing whether this node was not among the live nodes (Redis restarted empty, or the
 * others dropped it), so its keys must be written again
 * @param removed the nodes this heartbeat found silent and removed with their keys
 * @param live the live nodes, this one included, with their connection counts
 */
record Heartbeat(boolean missing, List<String> removed, List<ClusterNode> live) {

	/**
	 * @throws RuntimeException for an answer that is not the script's
	 */
	static Heartbeat parse(@Nullable List<?> answer) {
		List<ClusterNode> live = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		boolean missing = false;
		for (Object item : (answer != null) ? answer : List.of()) {
			String entry = String.valueOf(item);
			if (entry.startsWith("l:")) {
				String[] parts = entry.split(":");
				live.add(new ClusterNode(Integer.parseInt(parts[1]), Long.parseLong(parts[2])));
			}
			else if (entry.startsWith("d:")) {
				removed.add(entry.substring(2));
			}
			else {
				missing = "1".equals(entry);
			}
		}
		return new Heartbeat(missing, List.copyOf(removed), List.copyOf(live));
	}

}
