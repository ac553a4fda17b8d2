/**
 * One application on several nodes: the {@link dev.wsboot.cluster.WsBackplane} seam between the
 * broadcaster and the system that carries messages between nodes, cluster-unique client ids, and
 * the auto-configuration behind {@code ws.cluster.*}.
 */
@NullMarked
package dev.wsboot.cluster;

import org.jspecify.annotations.NullMarked;
